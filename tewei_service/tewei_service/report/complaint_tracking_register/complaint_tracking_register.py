# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Complaint Tracking Register (SPEC R1, 客戶投訴案件登記追蹤表): each complaint of the period with
its reply deadline and where it stands; open, overdue or closed ones only if asked
(`tewei_service.complaints.statistics`)."""

import frappe
from frappe import _

from tewei_service.complaints.statistics import complaints, tracking
from tewei_service.permissions import permitted_projects
from tewei_service.tewei_service.report.columns import link


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	data = tracking(complaints(filters, permitted_projects()), filters.view)
	for row in data:
		row.customer = row.customer_name or row.customer
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	def data(fieldname, label, width=110, fieldtype="Data"):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}

	return [
		link("name", _("Complaint"), "Service Complaint", 150),
		data("received_on", _("Received On"), 150, "Datetime"),
		data("channel", _("Channel"), 90),
		link("property_project", _("Property Project"), "Property Project", 140),
		link("household", _("Household"), "Household", 110),
		# Data, not Link: the desk would ask every reader for read access to Customer.
		data("customer", _("Customer"), 140),
		link("work_order", _("Service Work Order"), "Service Work Order", 150),
		link("staff", _("Staff"), "Employee", 120),
		data("category", _("Category"), 120),
		data("severity", _("Severity"), 80),
		data("status", _("Status"), 100),
		data("reply_due", _("Reply Due"), 150, "Datetime"),
		data("replied_on", _("Replied On"), 150, "Datetime"),
		data("reply_method", _("Reply Method"), 100),
		data("overdue", _("Overdue"), 80, "Check"),
		data("satisfaction", _("Satisfaction"), 110),
		data("closed_on", _("Closed On"), 150, "Datetime"),
	]


def get_summary(data: list[dict]) -> list[dict]:
	return [
		{"value": len(data), "label": _("Complaints"), "datatype": "Int"},
		{
			"value": sum(row.overdue for row in data),
			"label": _("Overdue"),
			"datatype": "Int",
			"indicator": "Red" if any(row.overdue for row in data) else "Green",
		},
		{"value": sum(1 for row in data if row.status == "Closed"), "label": _("Closed"), "datatype": "Int"},
	]
