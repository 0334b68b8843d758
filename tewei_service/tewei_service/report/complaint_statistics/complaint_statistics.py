# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Complaint Statistics (SPEC R1, 客戶投訴案件統計表): the period's complaints by category, property
project, staff member or month (`tewei_service.complaints.statistics`)."""

import frappe
from frappe import _

from tewei_service.complaints.statistics import complaints, statistics
from tewei_service.permissions import permitted_projects
from tewei_service.revisits.plan import staff_name

GROUP_LABELS = {
	"category": "Category",
	"property_project": "Property Project",
	"staff": "Staff",
	"month": "Month",
}


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	group_by = filters.group_by if filters.group_by in GROUP_LABELS else "category"
	data = statistics(complaints(filters, permitted_projects()), group_by)
	for row in data:
		if group_by == "staff" and row["group_value"]:
			row["group"] = staff_name(row["group_value"])
		elif group_by == "category" and row["group_value"]:
			row["group"] = _(row["group_value"])
	return get_columns(group_by), data, None, get_chart(data)


def get_columns(group_by: str) -> list[dict]:
	def count(fieldname, label, width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	return [
		{"fieldname": "group", "label": _(GROUP_LABELS[group_by]), "fieldtype": "Data", "width": 200},
		count("complaints", _("Complaints")),
		count("major", _("Major")),
		count("awaiting_reply", _("Awaiting Reply"), 120),
		count("overdue", _("Overdue")),
		count("replied", _("Replied")),
		count("closed", _("Closed")),
		{"fieldname": "satisfied_percent", "label": _("Satisfied (%)"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "average_reply_hours",
			"label": _("Average Reply (Hours)"),
			"fieldtype": "Float",
			"width": 150,
		},
	]


def get_chart(data: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["group"] for row in data],
			"datasets": [
				{"name": _("Complaints"), "values": [row["complaints"] for row in data]},
				{"name": _("Overdue"), "values": [row["overdue"] for row in data]},
			],
		},
		"type": "bar",
		"colors": ["#7575ff", "#ff5858"],
	}
