"""The customer complains from their phone (SPEC R1) into the complaint register, about their
household or one of its orders, and follows its status and the reply."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from tewei_service.complaints.register import create_complaint
from tewei_service.portal.access import order_customer, own_household, own_order, portal_households
from tewei_service.rules.complaints import PORTAL


def categories() -> list[str]:
	options = frappe.get_meta("Service Complaint").get_field("category").options or ""
	return [option for option in options.split("\n") if option]


@frappe.whitelist(methods=["POST"])
@rate_limit(key="household", limit=10, seconds=60 * 60, ip_based=False)
def complain(household: str, description: str, order: str | None = None, category: str | None = None) -> str:
	own_household(household)
	if order and own_order(order).household != household:
		frappe.throw(_("That order is not of this household."))
	if category and category not in categories():
		frappe.throw(_("Choose a category from the list."))
	description = (description or "").strip()
	if not description:
		frappe.throw(_("Tell us what went wrong."))
	return create_complaint(
		household,
		order_customer(household),
		description[:2000],
		PORTAL,
		work_order=order or None,
		category=category or None,
	)


def my_complaints() -> list[dict]:
	"""The household's complaints with their status and reply; never the investigation notes."""
	return frappe.get_all(
		"Service Complaint",
		{"household": ("in", portal_households() or [""])},
		["name", "received_on", "status", "category", "work_order", "description", "reply", "replied_on"],
		order_by="creation desc",
	)
