"""Workflow states and transitions of the app's Workflows, named once (pure Python).

`setup/workflows.py` creates the Workflows from the tables here; controllers, billing, revisits,
daily jobs and reports use the constants; the desk's scripts receive them through the boot
(`tewei_service.boot`), so no state name is written anywhere else.
"""


class CatalogueState:
	DRAFT = "Draft"
	FINANCE_REVIEW = "Finance Review"
	LEADERSHIP_APPROVAL = "Leadership Approval"
	APPROVED = "Approved"
	REJECTED = "Rejected"
	# A proposal may be written only before finance has passed it.
	PROPOSAL_OPEN = (None, DRAFT, FINANCE_REVIEW)


class PriceConfirmationState:
	DRAFT = "Draft"
	PENDING_APPROVAL = "Pending Approval"
	APPROVED = "Approved"
	REJECTED = "Rejected"
	SIGNABLE = (None, "", DRAFT)


class WorkOrderState:
	REGISTERED = "Registered"
	QUOTED = "Quoted"
	CONFIRMED = "Confirmed"
	DISPATCHED = "Dispatched"
	IN_PROGRESS = "In Progress"
	COMPLETED = "Completed"
	CHECKED = "Checked"
	CANCELLED = "Cancelled"
	# R3: the customer was not satisfied; the work is done again and signed again.
	REWORK = "Rework"
	# R5: a request the company cannot serve, with the reason given to the customer.
	DECLINED = "Declined"
	# Before the customer has accepted a price, the scope may change freely (W4).
	OPEN_PRICE = (None, REGISTERED, QUOTED)
	# Not started yet: may be rescheduled or cancelled (W5).
	NOT_STARTED = (REGISTERED, QUOTED, CONFIRMED, DISPATCHED)
	# Work under way: the staff member is on it (W8).
	UNDER_WAY = (DISPATCHED, IN_PROGRESS, REWORK)
	# Where the customer signs off the work (R3): on it, redoing it, or just after it was done.
	SIGNABLE = (IN_PROGRESS, REWORK, COMPLETED)
	# May be declined (R5): before the company has committed to the work.
	DECLINABLE = (REGISTERED, QUOTED)
	# The service was given: billable, revisitable (S1, V1).
	SERVED = (COMPLETED, CHECKED)
	# Ended without the service: no booking to keep (W3), no commitment to breach (W10).
	NOT_SERVED = (CANCELLED, DECLINED)


class AgreementState:
	DRAFT = "Draft"
	PENDING_SIGNATURE = "Pending Signature"
	ACTIVE = "Active"
	TERMINATED = "Terminated"
	# Agreements that served their household (V1).
	SERVED = (ACTIVE, TERMINATED)


class TariffState:
	DRAFT = "Draft"
	FINANCE_REVIEW = "Finance Review"
	QUALITY_FILING = "Quality Filing"
	PUBLISHED = "Published"
	REJECTED = "Rejected"
	WITHDRAWN = "Withdrawn"
	# The office may change its tariff only before Finance has passed it (R6).
	EDITABLE = (None, DRAFT)


_C, _P, _W, _A = CatalogueState, PriceConfirmationState, WorkOrderState, AgreementState
_T = TariffState

# (state, docstatus, role that may edit in it, indicator style)
CATALOGUE_STATES = (
	(_C.DRAFT, 0, "Branch Manager", ""),
	(_C.FINANCE_REVIEW, 0, "Accounts Manager", "Warning"),
	(_C.LEADERSHIP_APPROVAL, 0, "Service Leadership", "Warning"),
	(_C.APPROVED, 0, "Branch Manager", "Success"),
	(_C.REJECTED, 0, "Branch Manager", "Danger"),
)
# (state, action, next state, role, allow self approval[, condition])
CATALOGUE_TRANSITIONS = (
	(_C.DRAFT, "Submit for Review", _C.FINANCE_REVIEW, "Branch Manager", 1),
	(_C.FINANCE_REVIEW, "Approve", _C.LEADERSHIP_APPROVAL, "Accounts Manager", 1),
	(_C.FINANCE_REVIEW, "Reject", _C.REJECTED, "Accounts Manager", 1),
	(_C.LEADERSHIP_APPROVAL, "Approve", _C.APPROVED, "Service Leadership", 0),
	(_C.LEADERSHIP_APPROVAL, "Reject", _C.REJECTED, "Service Leadership", 1),
	(_C.REJECTED, "Revise", _C.DRAFT, "Branch Manager", 1),
	(_C.APPROVED, "Change Fee", _C.DRAFT, "Branch Manager", 1),
)

PRICE_CONFIRMATION_STATES = (
	(_P.DRAFT, 0, "Service Department Head", ""),
	(_P.PENDING_APPROVAL, 0, "Branch Manager", "Warning"),
	(_P.APPROVED, 1, "Branch Manager", "Success"),
	(_P.REJECTED, 0, "Service Department Head", "Danger"),
)
PRICE_CONFIRMATION_TRANSITIONS = (
	(_P.DRAFT, "Submit for Approval", _P.PENDING_APPROVAL, "Service Department Head", 1),
	(_P.DRAFT, "Submit for Approval", _P.PENDING_APPROVAL, "Customer Service", 1),
	(_P.PENDING_APPROVAL, "Approve", _P.APPROVED, "Branch Manager", 1),
	(_P.PENDING_APPROVAL, "Reject", _P.REJECTED, "Branch Manager", 1),
	(_P.REJECTED, "Revise", _P.DRAFT, "Service Department Head", 1),
	(_P.REJECTED, "Revise", _P.DRAFT, "Customer Service", 1),
)

WORK_ORDER_STATES = (
	(_W.REGISTERED, 0, "Customer Service", ""),
	(_W.QUOTED, 0, "Customer Service", "Info"),
	(_W.CONFIRMED, 0, "Customer Service", "Primary"),
	# W4: the department assigns the staff member and time before it dispatches.
	(_W.CONFIRMED, 0, "Service Department Head", "Primary"),
	(_W.DISPATCHED, 0, "Service Department Head", "Primary"),
	(_W.IN_PROGRESS, 0, "Service Staff", "Warning"),
	(_W.COMPLETED, 0, "Service Staff", "Success"),
	(_W.CHECKED, 0, "Service Department Head", "Success"),
	(_W.CANCELLED, 0, "Customer Service", "Danger"),
	(_W.REWORK, 0, "Service Staff", "Warning"),
	(_W.DECLINED, 0, "Customer Service", "Danger"),
)
_DESK = ("Customer Service", "Service Department Head")
_ON_SITE = ("Service Staff", "Service Department Head")
_NOT_SATISFIED = "doc.sign_offs and not doc.sign_offs[-1].satisfied"
WORK_ORDER_TRANSITIONS = (
	(_W.REGISTERED, "Quote", _W.QUOTED, "Customer Service", 1),
	(_W.QUOTED, "Record Customer Confirmation", _W.CONFIRMED, "Customer Service", 1),
	(_W.CONFIRMED, "Dispatch", _W.DISPATCHED, "Service Department Head", 1),
	*((_W.DISPATCHED, "Start Work", _W.IN_PROGRESS, role, 1) for role in _ON_SITE),
	*((_W.IN_PROGRESS, "Complete", _W.COMPLETED, role, 1) for role in _ON_SITE),
	(_W.COMPLETED, "Check", _W.CHECKED, "Service Department Head", 1),
	# W4: a change of scope goes back for a new price and a new confirmation.
	*(
		(state, "Re-quote", _W.QUOTED, role, 1)
		for state in (_W.CONFIRMED, _W.DISPATCHED, _W.IN_PROGRESS)
		for role in _DESK
	),
	*((state, "Cancel", _W.CANCELLED, role, 1) for state in _W.NOT_STARTED for role in _DESK),
	# R3: only the customer's sign-off "not satisfied" sends the work back (work_orders.sign_off).
	*(
		(state, "Rework", _W.REWORK, role, 1, _NOT_SATISFIED)
		for state in (_W.IN_PROGRESS, _W.COMPLETED)
		for role in _ON_SITE
	),
	*((_W.REWORK, "Complete", _W.COMPLETED, role, 1) for role in _ON_SITE),
	# R5: a request the company cannot serve is declined with the reason, never dropped.
	*(
		(state, "Decline", _W.DECLINED, role, 1)
		for state in _W.DECLINABLE
		for role in (*_DESK, "Branch Manager")
	),
)

AGREEMENT_STATES = (
	(_A.DRAFT, 0, "Customer Service", ""),
	(_A.PENDING_SIGNATURE, 0, "Service Department Head", "Warning"),
	(_A.ACTIVE, 1, "Service Department Head", "Success"),
	(_A.TERMINATED, 1, "Branch Manager", "Danger"),
)
_SIGNERS = ("Service Department Head", "Branch Manager")
# (…, condition): A1 — a month or more goes to the department manager, shorter hourly work starts at once.
AGREEMENT_TRANSITIONS = (
	(_A.DRAFT, "Submit for Signature", _A.PENDING_SIGNATURE, "Customer Service", 1, "doc.needs_signature"),
	(_A.DRAFT, "Activate", _A.ACTIVE, "Customer Service", 1, "not doc.needs_signature"),
	*((_A.PENDING_SIGNATURE, "Sign", _A.ACTIVE, role, 1) for role in _SIGNERS),
	*((_A.PENDING_SIGNATURE, "Return", _A.DRAFT, role, 1) for role in _SIGNERS),
	*((_A.ACTIVE, "Terminate", _A.TERMINATED, role, 1) for role in _SIGNERS),
)

# R6: the office's tariff is reviewed by Finance, filed by Quality, then published (docstatus 1).
TARIFF_STATES = (
	(_T.DRAFT, 0, "Branch Manager", ""),
	(_T.FINANCE_REVIEW, 0, "Accounts Manager", "Warning"),
	(_T.QUALITY_FILING, 0, "Quality", "Warning"),
	(_T.PUBLISHED, 1, "Quality", "Success"),
	(_T.REJECTED, 0, "Branch Manager", "Danger"),
	(_T.WITHDRAWN, 2, "Branch Manager", "Danger"),
)
TARIFF_TRANSITIONS = (
	(_T.DRAFT, "Submit for Review", _T.FINANCE_REVIEW, "Branch Manager", 1),
	(_T.FINANCE_REVIEW, "Approve", _T.QUALITY_FILING, "Accounts Manager", 1),
	(_T.FINANCE_REVIEW, "Reject", _T.REJECTED, "Accounts Manager", 1),
	(_T.QUALITY_FILING, "File and Publish", _T.PUBLISHED, "Quality", 1),
	(_T.QUALITY_FILING, "Reject", _T.REJECTED, "Quality", 1),
	(_T.REJECTED, "Revise", _T.DRAFT, "Branch Manager", 1),
	(_T.PUBLISHED, "Withdraw", _T.WITHDRAWN, "Branch Manager", 1),
)

# Workflow name → (DocType, states, transitions)
WORKFLOWS = {
	"Service Catalogue Item Approval": ("Service Catalogue Item", CATALOGUE_STATES, CATALOGUE_TRANSITIONS),
	"Price Confirmation Approval": (
		"Price Confirmation",
		PRICE_CONFIRMATION_STATES,
		PRICE_CONFIRMATION_TRANSITIONS,
	),
	"Service Work Order": ("Service Work Order", WORK_ORDER_STATES, WORK_ORDER_TRANSITIONS),
	"Service Agreement": ("Service Agreement", AGREEMENT_STATES, AGREEMENT_TRANSITIONS),
	"Office Tariff Approval": ("Office Tariff", TARIFF_STATES, TARIFF_TRANSITIONS),
}


def as_boot() -> dict:
	"""The states for the desk's scripts, as {"WorkOrderState": {"COMPLETED": "Completed", …}, …}."""
	return {
		group.__name__: {
			name: list(value) if isinstance(value, tuple) else value
			for name, value in vars(group).items()
			if name.isupper()
		}
		for group in (CatalogueState, PriceConfirmationState, WorkOrderState, AgreementState, TariffState)
	}
