# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""《特約服務/維修登記表》 (SPEC W8): each day's orders, per department."""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.states import WorkOrderState
from tewei_service.tewei_service.report.columns import link


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(getdate(filters.date), filters.department)


def get_columns() -> list[dict]:
	return [
		link("department", _("Department"), "Department", 150),
		{
			"fieldname": "appointment_start",
			"label": _("Appointment From"),
			"fieldtype": "Datetime",
			"width": 150,
		},
		link("name", _("Service Work Order"), "Service Work Order", 160),
		link("household", _("Household"), "Household", 120),
		link("customer", _("Customer"), "Customer", 150),
		{"fieldname": "request_details", "label": _("Request"), "fieldtype": "Data", "width": 200},
		link("assigned_staff", _("Assigned Staff"), "Employee", 120),
		{"fieldname": "workflow_state", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "settlement_mode", "label": _("Settlement Mode"), "fieldtype": "Data", "width": 110},
		{"fieldname": "total_amount", "label": _("Total"), "fieldtype": "Currency", "width": 110},
	]


def get_data(day, department: str | None = None) -> list[dict]:
	"""The orders booked for the day, or registered that day without an appointment."""
	filters = {"workflow_state": ("!=", WorkOrderState.CANCELLED)}
	if department:
		filters["department"] = department
	# get_list: a reader sees the orders of their own property projects only (P2).
	orders = frappe.get_list(
		"Service Work Order",
		filters=filters,
		or_filters=[
			["appointment_start", "between", (day, day)],
			["order_date", "=", day],
		],
		fields=[column["fieldname"] for column in get_columns()] + ["order_date"],
	)
	booked = [
		order
		for order in orders
		if (order.appointment_start and getdate(order.appointment_start) == day)
		or (not order.appointment_start and order.order_date == day)
	]
	return sorted(
		booked, key=lambda order: (order.department or "", str(order.appointment_start or ""), order.name)
	)
