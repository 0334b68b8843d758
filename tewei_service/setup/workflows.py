"""The approval Workflows, as data (created idempotently on install and migrate, not as fixtures)."""

import frappe

# (state, docstatus, role that may edit in it, indicator style)
CATALOGUE_STATES = (
	("Draft", 0, "Branch Manager", ""),
	("Finance Review", 0, "Accounts Manager", "Warning"),
	("Leadership Approval", 0, "Service Leadership", "Warning"),
	("Approved", 0, "Branch Manager", "Success"),
	("Rejected", 0, "Branch Manager", "Danger"),
)
# (state, action, next state, role, allow self approval[, condition])
CATALOGUE_TRANSITIONS = (
	("Draft", "Submit for Review", "Finance Review", "Branch Manager", 1),
	("Finance Review", "Approve", "Leadership Approval", "Accounts Manager", 1),
	("Finance Review", "Reject", "Rejected", "Accounts Manager", 1),
	("Leadership Approval", "Approve", "Approved", "Service Leadership", 0),
	("Leadership Approval", "Reject", "Rejected", "Service Leadership", 1),
	("Rejected", "Revise", "Draft", "Branch Manager", 1),
	("Approved", "Change Fee", "Draft", "Branch Manager", 1),
)

PRICE_CONFIRMATION_STATES = (
	("Draft", 0, "Service Department Head", ""),
	("Pending Approval", 0, "Branch Manager", "Warning"),
	("Approved", 1, "Branch Manager", "Success"),
	("Rejected", 0, "Service Department Head", "Danger"),
)
PRICE_CONFIRMATION_TRANSITIONS = (
	("Draft", "Submit for Approval", "Pending Approval", "Service Department Head", 1),
	("Draft", "Submit for Approval", "Pending Approval", "Customer Service", 1),
	("Pending Approval", "Approve", "Approved", "Branch Manager", 1),
	("Pending Approval", "Reject", "Rejected", "Branch Manager", 1),
	("Rejected", "Revise", "Draft", "Service Department Head", 1),
	("Rejected", "Revise", "Draft", "Customer Service", 1),
)

WORK_ORDER_STATES = (
	("Registered", 0, "Customer Service", ""),
	("Quoted", 0, "Customer Service", "Info"),
	("Confirmed", 0, "Customer Service", "Primary"),
	("Dispatched", 0, "Service Department Head", "Primary"),
	("In Progress", 0, "Service Staff", "Warning"),
	("Completed", 0, "Service Staff", "Success"),
	("Checked", 0, "Service Department Head", "Success"),
	("Cancelled", 0, "Customer Service", "Danger"),
)
_DESK = ("Customer Service", "Service Department Head")
WORK_ORDER_TRANSITIONS = (
	("Registered", "Quote", "Quoted", "Customer Service", 1),
	("Quoted", "Record Customer Confirmation", "Confirmed", "Customer Service", 1),
	("Confirmed", "Dispatch", "Dispatched", "Service Department Head", 1),
	*(
		("Dispatched", "Start Work", "In Progress", role, 1)
		for role in ("Service Staff", "Service Department Head")
	),
	*(
		("In Progress", "Complete", "Completed", role, 1)
		for role in ("Service Staff", "Service Department Head")
	),
	("Completed", "Check", "Checked", "Service Department Head", 1),
	# W4: a change of scope goes back for a new price and a new confirmation.
	*(
		(state, "Re-quote", "Quoted", role, 1)
		for state in ("Confirmed", "Dispatched", "In Progress")
		for role in _DESK
	),
	*(
		(state, "Cancel", "Cancelled", role, 1)
		for state in ("Registered", "Quoted", "Confirmed", "Dispatched")
		for role in _DESK
	),
)

AGREEMENT_STATES = (
	("Draft", 0, "Customer Service", ""),
	("Pending Signature", 0, "Service Department Head", "Warning"),
	("Active", 1, "Service Department Head", "Success"),
	("Terminated", 1, "Branch Manager", "Danger"),
)
_SIGNERS = ("Service Department Head", "Branch Manager")
# (…, condition): A1 — a month or more goes to the department manager, shorter hourly work starts at once.
AGREEMENT_TRANSITIONS = (
	("Draft", "Submit for Signature", "Pending Signature", "Customer Service", 1, "doc.needs_signature"),
	("Draft", "Activate", "Active", "Customer Service", 1, "not doc.needs_signature"),
	*(("Pending Signature", "Sign", "Active", role, 1) for role in _SIGNERS),
	*(("Pending Signature", "Return", "Draft", role, 1) for role in _SIGNERS),
	*(("Active", "Terminate", "Terminated", role, 1) for role in _SIGNERS),
)

WORKFLOWS = {
	"Service Catalogue Item Approval": ("Service Catalogue Item", CATALOGUE_STATES, CATALOGUE_TRANSITIONS),
	"Price Confirmation Approval": (
		"Price Confirmation",
		PRICE_CONFIRMATION_STATES,
		PRICE_CONFIRMATION_TRANSITIONS,
	),
	"Service Work Order": ("Service Work Order", WORK_ORDER_STATES, WORK_ORDER_TRANSITIONS),
	"Service Agreement": ("Service Agreement", AGREEMENT_STATES, AGREEMENT_TRANSITIONS),
}


def create_workflows() -> None:
	for name, (doctype, states, transitions) in WORKFLOWS.items():
		for state, _docstatus, _role, style in states:
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc(
					{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
				).insert(ignore_permissions=True)
		for action in {transition[1] for transition in transitions}:
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
					ignore_permissions=True
				)
		workflow = (
			frappe.get_doc("Workflow", name)
			if frappe.db.exists("Workflow", name)
			else frappe.new_doc("Workflow")
		)
		workflow.update(
			{
				"workflow_name": name,
				"document_type": doctype,
				"workflow_state_field": "workflow_state",
				"is_active": 1,
				"send_email_alert": 1,
				"override_status": 0,
			}
		)
		workflow.set(
			"states",
			[
				{"state": state, "doc_status": str(docstatus), "allow_edit": role}
				for state, docstatus, role, _style in states
			],
		)
		workflow.set(
			"transitions",
			[
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"allow_self_approval": self_approval,
					"condition": condition[0] if condition else None,
				}
				for state, action, next_state, role, self_approval, *condition in transitions
			],
		)
		workflow.save(ignore_permissions=True)


def delete_workflows() -> None:
	for name in WORKFLOWS:
		if frappe.db.exists("Workflow", name):
			frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
