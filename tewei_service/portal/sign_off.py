"""The staff member's phone (SPEC W6): today's orders, Start and Complete, and the customer's
signature with a finger on the same screen, with comments; the signature is an image, locked."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, cint, getdate, today

from tewei_service.states import WorkOrderState
from tewei_service.work_orders.sign_off import sign_off

SETTLEMENT_MODES = ("Month-end", "Immediate", "Agreement")
# Where the customer signs on the staff member's screen: the work under way or being redone.
SIGNING_STATES = (WorkOrderState.IN_PROGRESS, WorkOrderState.REWORK)


def staff_only():
	if frappe.db.get_value("User", frappe.session.user, "user_type") != "System User":
		frappe.throw(_("This page is for the company's staff."), frappe.PermissionError)


def todays_orders(day=None) -> list[dict]:
	"""The day's dispatched, started and finished orders the user may see: for service staff their
	own assignments (the permission query), for the office those of their projects."""
	staff_only()
	day = getdate(day or today())
	return frappe.get_list(
		"Service Work Order",
		filters=[
			["appointment_start", ">=", day],
			["appointment_start", "<", add_days(day, 1)],
			["workflow_state", "in", [*WorkOrderState.UNDER_WAY, WorkOrderState.COMPLETED]],
		],
		fields=[
			"name",
			"household",
			"request_type",
			"request_details",
			"workflow_state",
			"appointment_start",
			"appointment_end",
			"contact_phone",
		],
		order_by="appointment_start",
	)


def staff_order(name: str):
	"""An order the user may work on: the desk's own permission (staff: their assignments)."""
	staff_only()
	if not (name and frappe.db.exists("Service Work Order", name)) or not frappe.has_permission(
		"Service Work Order", "write", doc=name
	):
		frappe.throw(_("This order is not assigned to you."), frappe.PermissionError)
	return frappe.get_doc("Service Work Order", name)


@frappe.whitelist(methods=["POST"])
def start(order: str) -> str:
	return apply_workflow(staff_order(order), "Start Work").workflow_state


@frappe.whitelist(methods=["POST"])
def sign_and_complete(
	order: str, signature: str, comment: str = "", satisfied=1, settlement_mode: str = ""
) -> str:
	"""The customer signs on the staff member's screen (R3, W6): satisfied, the order is Completed;
	not satisfied, it goes to Rework with the customer's comment, and is signed again when redone."""
	doc = staff_order(order)
	if doc.workflow_state not in SIGNING_STATES:
		frappe.throw(_("Start the work before the customer signs."))
	satisfied = cint(satisfied)
	if satisfied and settlement_mode not in SETTLEMENT_MODES:
		frappe.throw(_("Choose how the service is settled."))
	if settlement_mode in SETTLEMENT_MODES and doc.settlement_mode != settlement_mode:
		doc.settlement_mode = settlement_mode
		doc.save()
	doc = sign_off(doc.name, signature, (comment or "").strip()[:1000], satisfied)
	if not satisfied:
		return doc.workflow_state
	return apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Complete").workflow_state
