"""Daily cash hand-over (SPEC S3): what each collector took in the field, and whether it reached
finance the same day.

A collection reaches finance as a Payment Entry with the collector and the day they collected;
its posting date is the day finance received it. An immediate-settlement order completed that day
with no paid invoice yet is listed against its staff member: money may still be in the field.

A payment belongs to the property projects of the households its invoices bill (each line's
household, else the invoice's): a reader limited to some projects (P2) sees the payments for
invoices of theirs, and the orders of theirs.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.rules.settlement import PAID
from tewei_service.states import WorkOrderState


def hand_over(day, collected_by: str | None = None, projects: list[str] | None = None) -> list[dict]:
	"""The day's collections and immediate orders not paid yet, by collector (one, if given); of
	`projects` only, unless None."""
	day = getdate(day)
	rows = sorted(
		received_collections(day, projects) + orders_not_received(day, projects),
		key=lambda row: (row.collected_by or "", row.document),
	)
	if collected_by:
		rows = [row for row in rows if row.collected_by == collected_by]
	return rows


def received_collections(day, projects: list[str] | None = None) -> list[dict]:
	payments = frappe.get_all(
		"Payment Entry",
		filters={"docstatus": 1, "tewei_collected_on": day, "tewei_collected_by": ("is", "set")},
		fields=["name", "tewei_collected_by", "party_name", "paid_amount", "posting_date"],
	)
	if projects is not None:
		mine = payments_for_projects([payment.name for payment in payments], projects)
		payments = [payment for payment in payments if payment.name in mine]
	return [
		frappe._dict(
			collected_by=payment.tewei_collected_by,
			document_type="Payment Entry",
			document=payment.name,
			customer=payment.party_name,
			amount=payment.paid_amount,
			received_on=payment.posting_date,
			hand_over=_("Same day") if getdate(payment.posting_date) == day else _("Late"),
		)
		for payment in payments
	]


def payments_for_projects(payments: list[str], projects: list[str]) -> set[str]:
	"""Those of the payments that pay an invoice of a household of `projects`."""
	if not payments or not projects:
		return set()
	return set(
		frappe.db.sql_list(
			"""
			select distinct reference.parent
			from `tabPayment Entry Reference` reference
			join `tabSales Invoice` invoice on invoice.name = reference.reference_name
			left join `tabSales Invoice Item` line
				on line.parent = invoice.name and line.parenttype = 'Sales Invoice'
			join `tabHousehold` household
				on household.name = coalesce(nullif(line.tewei_household, ''), invoice.tewei_household)
			where reference.parenttype = 'Payment Entry' and reference.reference_doctype = 'Sales Invoice'
				and reference.parent in %(payments)s and household.property_project in %(projects)s
			""",
			{"payments": tuple(payments), "projects": tuple(projects)},
		)
	)


def orders_not_received(day, projects: list[str] | None = None) -> list[dict]:
	filters = {
		"settlement_mode": "Immediate",
		"completed_on": ("between", (day, day)),
		"payment_status": ("!=", PAID),
		"workflow_state": ("!=", WorkOrderState.CANCELLED),
	}
	if projects is not None:
		filters["property_project"] = ("in", projects or [""])
	orders = frappe.get_all(
		"Service Work Order",
		filters=filters,
		fields=["name", "assigned_staff", "customer", "total_amount"],
	)
	return [
		frappe._dict(
			collected_by=frappe.db.get_value("Employee", order.assigned_staff, "user_id"),
			document_type="Service Work Order",
			document=order.name,
			customer=order.customer,
			amount=order.total_amount,
			received_on=None,
			hand_over=_("Not received"),
		)
		for order in orders
	]
