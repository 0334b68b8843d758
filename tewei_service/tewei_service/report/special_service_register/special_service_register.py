# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""《特約服務/維修登記表》 (SPEC W8): each day's orders, per department."""

import frappe
from frappe import _
from frappe.utils import get_fullname, getdate

from tewei_service.permissions import permitted_projects
from tewei_service.states import WorkOrderState
from tewei_service.tewei_service.report.columns import customer_column, link, with_customer_names

FIELDS = [
	"name",
	"department",
	"appointment_start",
	"household",
	"customer",
	"request_details",
	"assigned_staff",
	"workflow_state",
	"settlement_mode",
	"total_amount",
	"order_date",
	"register_signed_by",
	"register_signed_on",
]


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(getdate(filters.date), filters.department, permitted_projects())


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
		customer_column(),
		{"fieldname": "request_details", "label": _("Request"), "fieldtype": "Data", "width": 200},
		link("assigned_staff", _("Assigned Staff"), "Employee", 120),
		{"fieldname": "workflow_state", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "settlement_mode", "label": _("Settlement Mode"), "fieldtype": "Data", "width": 110},
		{"fieldname": "total_amount", "label": _("Total"), "fieldtype": "Currency", "width": 110},
		# R7: the staff member signs the order's line once the customer has signed (§4.1.1.5, §4.2.3).
		{"fieldname": "staff_signature", "label": _("Staff Signature"), "fieldtype": "Data", "width": 130},
		{"fieldname": "register_signed_on", "label": _("Signed On"), "fieldtype": "Datetime", "width": 150},
	]


def get_data(day, department: str | None = None, projects: list[str] | None = None) -> list[dict]:
	"""The orders booked for the day, or registered that day without an appointment; of `projects`
	only, unless None (P2)."""
	filters = {"workflow_state": ("!=", WorkOrderState.CANCELLED)}
	if department:
		filters["department"] = department
	if projects is not None:
		filters["property_project"] = ("in", projects or [""])
	orders = frappe.get_all(
		"Service Work Order",
		filters=filters,
		or_filters=[
			["appointment_start", "between", (day, day)],
			["order_date", "=", day],
		],
		fields=FIELDS,
	)
	booked = [
		order
		for order in orders
		if (order.appointment_start and getdate(order.appointment_start) == day)
		or (not order.appointment_start and order.order_date == day)
	]
	for order in booked:
		# A name, not a User link: the register's readers need not read User records.
		order.staff_signature = get_fullname(order.register_signed_by) if order.register_signed_by else None
	return with_customer_names(
		sorted(
			booked,
			key=lambda order: (order.department or "", str(order.appointment_start or ""), order.name),
		)
	)
