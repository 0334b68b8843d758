"""The customer moves or cancels an appointment from their phone, with the reason (SPEC W5); the
staff member and customer service are told."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from tewei_service.portal.access import apply_on_behalf, own_order
from tewei_service.portal.requests import tell_customer_service
from tewei_service.states import WorkOrderState
from tewei_service.work_orders import lifecycle


def the_reason(reason: str) -> str:
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Tell us the reason."))
	return reason[:1000]


@frappe.whitelist(methods=["POST"])
def reschedule(order: str, new_start, new_end, reason: str) -> str:
	doc = own_order(order)
	start, end = get_datetime(new_start), get_datetime(new_end)
	if not (start and end) or start < now_datetime() or end <= start:
		frappe.throw(_("The new time must be in the future, and end after it starts."))
	reason = the_reason(reason)
	# lifecycle.reschedule records the customer's user as who changed it; the customer holds no
	# desk write permission, and the checks above are theirs.
	doc.flags.ignore_permissions = True
	lifecycle.reschedule(doc, start, end, "Customer", reason)
	tell_customer_service(
		doc, _("{0}: the customer asked for a new time on the App").format(doc.name), reason
	)
	return str(doc.appointment_start)


@frappe.whitelist(methods=["POST"])
def cancel(order: str, reason: str) -> str:
	doc = own_order(order)
	if doc.workflow_state not in WorkOrderState.NOT_STARTED:
		frappe.throw(_("Only an order that has not started can be cancelled."))
	reason = the_reason(reason)
	doc = apply_on_behalf(doc, "Cancel", cancelled_by_side="Customer", cancellation_reason=reason)
	tell_customer_service(doc, _("{0}: the customer cancelled on the App").format(doc.name), reason)
	return doc.workflow_state
