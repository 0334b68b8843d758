# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Orders of a day not signed off yet, with the reason and expected finish (SPEC W8)."""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.tewei_service.report.columns import link
from tewei_service.work_orders.daily import unsigned_orders


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	rows = unsigned_orders(getdate(filters.date))
	# The evening job lists every order; a reader sees those of their own property projects (P2).
	readable = set(
		frappe.get_list("Service Work Order", {"name": ("in", [r.name for r in rows])}, pluck="name")
	)
	rows = [row for row in rows if row.name in readable]
	for row in rows:
		row.reason_missing = int(not row.unsigned_reason)
	return get_columns(), rows


def get_columns() -> list[dict]:
	return [
		link("name", _("Service Work Order"), "Service Work Order", 160),
		link("department", _("Department"), "Department", 140),
		link("customer", _("Customer"), "Customer", 150),
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
		{"fieldname": "reason_missing", "label": _("Reason Missing"), "fieldtype": "Check", "width": 90},
	]
