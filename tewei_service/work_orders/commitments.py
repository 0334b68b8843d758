"""Response commitments on the work order (SPEC W10): due times, met or breached, and alerts."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from tewei_service.rules import commitments as rules
from tewei_service.work_orders.daily import notify_heads


def settings() -> dict:
	return frappe.get_cached_doc("Service Settings").as_dict()


def update_commitment(doc) -> None:
	"""Set the order's due time and status from its commitment and milestones."""
	if not doc.commitment:
		doc.response_due, doc.response_status = None, ""
		return
	due = rules.due_time(doc.commitment, get_datetime(doc.reported_on or now_datetime()), settings())
	milestone = due and doc.get(due[0])
	doc.response_due = due and due[1]
	doc.response_status = rules.status(
		due and due[1], get_datetime(milestone) if milestone else None, now_datetime()
	)


def notify_breaches(orders: list) -> None:
	notify_heads(
		orders,
		_("Response commitments breached"),
		describe=lambda order: _("{0}, due {1}").format(
			_(order.commitment), frappe.format_value(order.response_due, {"fieldtype": "Datetime"})
		),
	)
	for order in orders:
		frappe.db.set_value("Service Work Order", order.name, "breach_notified", 1)


def flag_breaches() -> None:
	"""Every few minutes: pending commitments past their due time become breaches, and are told."""
	overdue = frappe.get_all(
		"Service Work Order",
		filters={"response_status": "Pending", "response_due": ("<", now_datetime())},
		pluck="name",
	)
	for name in overdue:
		frappe.db.set_value("Service Work Order", name, "response_status", "Breached")
	notify_breaches(
		frappe.get_all(
			"Service Work Order",
			filters={"response_status": "Breached", "breach_notified": 0},
			fields=["name", "customer", "department", "commitment", "response_due"],
		)
	)
