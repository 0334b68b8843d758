"""Catalogue fees (SPEC C2): which approved fee is in force, and who may change a proposal when."""

from collections.abc import Iterable
from datetime import date

from tewei_service.rules import Violation, _
from tewei_service.states import CatalogueState

# A proposal (the item's description and proposed fee) is drafted by the Branch Manager and is
# frozen while finance and leadership review it; an approved fee is changed by a new proposal.
PROPOSAL_FIELDS = (
	"service_name",
	"category",
	"unit_of_charge",
	"department",
	"description",
	"warranty_days",
	"proposed_fee",
	"effective_date",
)
# Only approval writes these.
APPROVAL_FIELDS = ("standard_fee", "item", "fee_history", "proposed_by")
PROPOSAL_EDITORS = {"Branch Manager", "System Manager"}
# Who may write the rejection reason, per state (the approver of that step).
REVIEWERS = {
	CatalogueState.FINANCE_REVIEW: {"Accounts Manager"},
	CatalogueState.LEADERSHIP_APPROVAL: {"Service Leadership"},
}


def fee_in_force(versions: Iterable[tuple[date, float]], on_date: date) -> float | None:
	"""The fee of the latest approved version effective on or before `on_date` (None: none yet).

	Versions are given in approval order; of two with the same effective date the later approval wins.
	"""
	current = None
	for effective, fee in versions:
		if effective <= on_date and (current is None or effective >= current[0]):
			current = (effective, fee)
	return None if current is None else current[1]


def check_edit(state: str | None, changed: set[str], roles: set[str]) -> list[Violation]:
	"""Changes a user may not make in the document's current (saved) workflow state."""
	problems = []
	locked = sorted(changed & set(APPROVAL_FIELDS))
	if locked:
		problems.append(
			Violation(_("{fields} can only be set by approving a fee."), {"fields": ", ".join(locked)})
		)
	proposal = sorted(changed & set(PROPOSAL_FIELDS))
	if proposal and (state not in (None, CatalogueState.DRAFT) or not roles & PROPOSAL_EDITORS):
		problems.append(
			Violation(
				_(
					"{fields} can only be changed by a Branch Manager while the item is in Draft (now: {state})."
				),
				{"fields": ", ".join(proposal), "state": state or CatalogueState.DRAFT},
			)
		)
	if "rejection_reason" in changed and not roles & (REVIEWERS.get(state or "", set()) | {"System Manager"}):
		problems.append(Violation(_("Only the reviewer of this step can write the rejection reason."), {}))
	return problems


def check_proposal(
	proposed_fee: float, effective_date: date, latest_effective: date | None
) -> list[Violation]:
	problems = []
	if proposed_fee is None or proposed_fee <= 0:
		problems.append(Violation(_("{field} must be greater than zero."), {}, "proposed_fee"))
	if latest_effective and effective_date and effective_date < latest_effective:
		problems.append(
			Violation(
				_("A new fee cannot take effect before the fee approved from {date}."),
				{"date": latest_effective.isoformat()},
				"effective_date",
			)
		)
	return problems
