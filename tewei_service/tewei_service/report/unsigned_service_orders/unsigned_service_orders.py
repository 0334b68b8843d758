# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Orders not signed off yet, of the day or any day before it, with the reason, expected finish and
how they will be handled (SPEC W8, R7)."""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.permissions import permitted_projects
from tewei_service.tewei_service.report.columns import customer_column, link, with_customer_names
from tewei_service.work_orders.daily import unsigned_orders


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	rows = of_projects(unsigned_orders(getdate(filters.date)), permitted_projects())
	for row in rows:
		row.reason_missing = int(not row.unsigned_reason)
		row.expected_finish_missing = int(not row.expected_finish)
	return get_columns(), with_customer_names(rows)


def of_projects(rows: list[dict], projects: list[str] | None) -> list[dict]:
	"""The evening job lists every order; a reader sees those of their own property projects (P2)."""
	if projects is None or not rows:
		return rows
	mine = set(
		frappe.get_all(
			"Service Work Order",
			{"name": ("in", [row.name for row in rows]), "property_project": ("in", projects or [""])},
			pluck="name",
		)
	)
	return [row for row in rows if row.name in mine]


def get_columns() -> list[dict]:
	return [
		link("name", _("Service Work Order"), "Service Work Order", 160),
		link("department", _("Department"), "Department", 140),
		customer_column(),
		link("assigned_staff", _("Assigned Staff"), "Employee", 120),
		{
			"fieldname": "appointment_start",
			"label": _("Appointment From"),
			"fieldtype": "Datetime",
			"width": 150,
		},
		{"fieldname": "workflow_state", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "unsigned_reason", "label": _("Why Not Signed Yet"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "expected_finish",
			"label": _("Expected Finish"),
			"fieldtype": "Datetime",
			"width": 150,
		},
		{
			"fieldname": "unsigned_handling",
			"label": _("How It Will Be Handled"),
			"fieldtype": "Data",
			"width": 200,
		},
		{"fieldname": "reason_missing", "label": _("Reason Missing"), "fieldtype": "Check", "width": 90},
		{
			"fieldname": "expected_finish_missing",
			"label": _("Expected Finish Missing"),
			"fieldtype": "Check",
			"width": 90,
		},
	]
