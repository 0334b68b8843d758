"""Complaints (SPEC R1, procedure 2 §2.4-2.5): the register's statuses, what each needs, and when a
reply is due.

A complaint is registered Open, investigated, answered (who replied, when, how) and closed once the
customer is satisfied with the reply; a closed complaint may be reopened and goes round again.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta

from tewei_service.rules import Violation, _

OPEN = "Open"
INVESTIGATING = "Investigating"
REPLIED = "Replied"
CLOSED = "Closed"
REOPENED = "Reopened"
STATUSES = (OPEN, INVESTIGATING, REPLIED, CLOSED, REOPENED)
# Still waiting for the reply to the customer.
AWAITING_REPLY = (OPEN, INVESTIGATING, REOPENED)

ORDINARY = "Ordinary"
MAJOR = "Major"  # reported to leadership at once (§2.5)

HOTLINE = "Hotline"
WALK_IN = "Walk-in"
REVISIT = "Revisit"
PORTAL = "Portal"
CHANNELS = (HOTLINE, WALK_IN, REVISIT, PORTAL, "App", "Email", "Other")

SATISFIED = "Satisfied"
NOT_SATISFIED = "Not Satisfied"

# Where a complaint may go from each status (staying where it is is always allowed).
TRANSITIONS = {
	OPEN: {INVESTIGATING, REPLIED},
	INVESTIGATING: {REPLIED},
	REPLIED: {CLOSED, INVESTIGATING, REOPENED},
	CLOSED: {REOPENED},
	REOPENED: {INVESTIGATING, REPLIED},
}
REPLY_FIELDS = ("reply", "replied_by", "replied_on", "reply_method")


def reply_due(received_on: datetime, hours: float) -> datetime:
	"""The deadline of the reply to the customer."""
	return received_on + timedelta(hours=float(hours))


def is_overdue(status: str, due: datetime | None, replied_on: datetime | None, now: datetime) -> bool:
	"""Replied after its deadline, or still unanswered past it."""
	if not due:
		return False
	if status in AWAITING_REPLY:
		return now > due
	return bool(replied_on and replied_on > due)


def check_complaint(values: Mapping, before_status: str | None, now: datetime) -> list[Violation]:
	"""What is wrong with a complaint about to be saved; `before_status` is None for a new one.
	Dates are datetimes (or None)."""
	problems: list[Violation] = []
	status = values.get("status") or OPEN
	if status not in STATUSES:
		return [Violation(_("Unknown complaint status {status}."), {"status": status}, "status")]
	if before_status is None and status != OPEN:
		problems.append(Violation(_("A new complaint is registered Open."), {}, "status"))
	elif before_status and status != before_status and status not in TRANSITIONS[before_status]:
		problems.append(
			Violation(
				_("A complaint cannot go from {before} to {status}."),
				{"before": before_status, "status": status},
				"status",
			)
		)
	if values.get("severity") not in (ORDINARY, MAJOR):
		problems.append(Violation(_("Choose whether the complaint is Ordinary or Major."), {}, "severity"))

	received, replied = values.get("received_on"), values.get("replied_on")
	if received and received > now:
		problems.append(Violation(_("{field} cannot be in the future."), {}, "received_on"))
	if replied and replied > now:
		problems.append(Violation(_("{field} cannot be in the future."), {}, "replied_on"))
	if received and replied and replied < received:
		problems.append(
			Violation(_("The reply cannot be before the complaint was received."), {}, "replied_on")
		)
	reopened = values.get("reopened_on")
	if status == REPLIED and before_status == REOPENED and reopened and replied and replied < reopened:
		problems.append(
			Violation(_("Record the new reply, given after the complaint was reopened."), {}, "replied_on")
		)

	if status in (REPLIED, CLOSED):
		for fieldname in REPLY_FIELDS:
			if not values.get(fieldname):
				problems.append(
					Violation(
						_("Record {field} before the complaint is {status}."), {"status": status}, fieldname
					)
				)
	if status == CLOSED and values.get("satisfaction") != SATISFIED:
		problems.append(
			Violation(
				_("A complaint is closed only when the customer is satisfied with the reply."),
				{},
				"satisfaction",
			)
		)
	if status == REOPENED and not (values.get("reopen_reason") or "").strip():
		problems.append(Violation(_("Say why the complaint is reopened in {field}."), {}, "reopen_reason"))
	return problems
