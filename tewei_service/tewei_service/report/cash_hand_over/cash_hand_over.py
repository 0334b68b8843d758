# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Daily cash hand-over (SPEC S3): what each collector took in the field, and whether it reached
finance the same day.

A collection reaches finance as a Payment Entry with the collector and the day they collected;
its posting date is the day finance received it. An immediate-settlement order completed that day
with no paid invoice yet is listed against its staff member: money may still be in the field.
"""

import frappe
from frappe import _
from frappe.utils import getdate


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, None, list[dict]]:
	filters = frappe._dict(filters or {})
	day = getdate(filters.date)
	rows = sorted(
		received_collections(day) + orders_not_received(day),
		key=lambda row: (row.collected_by or "", row.document),
	)
	if filters.collected_by:
		rows = [row for row in rows if row.collected_by == filters.collected_by]
	return get_columns(), rows, None, None, summary(rows)


def received_collections(day) -> list[dict]:
	payments = frappe.get_all(
		"Payment Entry",
		filters={"docstatus": 1, "tewei_collected_on": day, "tewei_collected_by": ("is", "set")},
		fields=["name", "tewei_collected_by", "party_name", "paid_amount", "posting_date"],
	)
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


def orders_not_received(day) -> list[dict]:
	orders = frappe.get_all(
		"Service Work Order",
		filters={
			"settlement_mode": "Immediate",
			"completed_on": ("between", (day, day)),
			"payment_status": ("!=", "Paid"),
			"workflow_state": ("!=", "Cancelled"),
		},
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


def summary(rows: list[dict]) -> list[dict]:
	same_day = sum(row.amount for row in rows if row.hand_over == _("Same day"))
	outstanding = sum(row.amount for row in rows if row.hand_over != _("Same day"))
	return [
		{
			"label": _("Handed over the same day"),
			"value": same_day,
			"datatype": "Currency",
			"indicator": "Green",
		},
		{
			"label": _("Late or not received"),
			"value": outstanding,
			"datatype": "Currency",
			"indicator": "Red" if outstanding else "Green",
		},
	]


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "collected_by",
			"label": _("Collected By"),
			"fieldtype": "Link",
			"options": "User",
			"width": 200,
		},
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "document",
			"label": _("Document"),
			"fieldtype": "Dynamic Link",
			"options": "document_type",
			"width": 170,
		},
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Data", "width": 160},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "received_on", "label": _("Received by Finance"), "fieldtype": "Date", "width": 130},
		{"fieldname": "hand_over", "label": _("Hand-over"), "fieldtype": "Data", "width": 120},
	]
