# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Whether each month's revisit plan kept SPEC V1 and V2, per property project
(`tewei_service.revisits.compliance`)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from tewei_service.permissions import permitted_projects
from tewei_service.revisits.compliance import plan_compliance
from tewei_service.rules import revisits as rules
from tewei_service.tewei_service.report.columns import link

MAX_MONTHS = 24


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, dict]:
	filters = frappe._dict(filters or {})
	last = rules.month_start(getdate(filters.to_month or today()))
	first = rules.month_start(getdate(filters.from_month or rules.add_months(last, -5)))
	months = []
	while first <= last and len(months) < MAX_MONTHS:
		months.append(first)
		first = rules.add_months(first, 1)
	permitted = permitted_projects()
	data = [
		row
		for month in months
		for row in plan_compliance(month, filters.company, filters.property_project, permitted)
	]
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	def count(fieldname, label, width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		link("property_project", _("Property Project"), "Property Project", 160),
		count("served", _("Served Households"), 130),
		{"fieldname": "ratio", "label": _("Ratio (%)"), "fieldtype": "Percent", "width": 90},
		count("required", _("Required")),
		count("mandatory", _("Mandatory Cases"), 130),
		count("mandatory_planned", _("Mandatory Planned"), 140),
		count("planned", _("Planned")),
		count("done", _("Done")),
		count("mandatory_done", _("Mandatory Done"), 130),
		count("complaints", _("Complaints")),
		{"fieldname": "compliant", "label": _("Plan Kept"), "fieldtype": "Check", "width": 90},
	]


def get_chart(data: list[dict]) -> dict:
	months = sorted({row["month"] for row in data})

	def total(fieldname):
		return [sum(row[fieldname] for row in data if row["month"] == month) for month in months]

	return {
		"data": {
			"labels": months,
			"datasets": [
				{"name": _("Required"), "values": total("required")},
				{"name": _("Planned"), "values": total("planned")},
				{"name": _("Done"), "values": total("done")},
			],
		},
		"type": "bar",
		"colors": ["#7575ff", "#ffa00a", "#29cd42"],
	}
