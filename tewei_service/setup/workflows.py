"""The approval Workflows, created idempotently on install and migrate from `tewei_service.states`
(data, not fixtures)."""

import frappe

from tewei_service.states import WORKFLOWS


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
