# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""《居家服務情況統計分析報告》 (SPEC V4): a month against the month before, by service item, department
or staff member. What each figure counts: `tewei_service.revisits.analysis`.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from tewei_service.permissions import permitted_projects
from tewei_service.revisits.analysis import DEPARTMENT, ITEM, STAFF, month_figures
from tewei_service.rules import revisits as rules
from tewei_service.rules.revisits import Figures

# The doctype and name field of each grouping, to show the group's name.
GROUPS = {
	ITEM: ("Service Catalogue Item", "service_name"),
	DEPARTMENT: ("Department", "department_name"),
	STAFF: ("Employee", "employee_name"),
}
GROUP_LABELS = {ITEM: "Service Item", DEPARTMENT: "Department", STAFF: "Staff Member"}
MEASURES = (
	("orders", "Orders", "Int", 90),
	("revenue", "Revenue", "Currency", 120),
	("compliance", "Response Compliance (%)", "Percent", 120),
	("satisfaction", "Satisfaction (1-5)", "Float", 110),
	("complaints", "Complaints", "Int", 100),
	("warranty", "Warranty Repairs", "Int", 100),
	("declined", "Declined Requests", "Int", 100),
)
# Measures where fewer is better.
FEWER_IS_BETTER = ("complaints", "warranty", "declined")


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, dict, list[dict]]:
	filters = frappe._dict(filters or {})
	group_by = filters.group_by if filters.group_by in GROUPS else ITEM
	month = rules.month_start(getdate(filters.month or today()))
	previous = rules.add_months(month, -1)
	projects = permitted_projects()
	current = month_figures(month, filters.company, group_by, projects)
	before = month_figures(previous, filters.company, group_by, projects)
	data = get_data(current.groups, before.groups, group_by)
	chart = get_chart(data, filters.chart_on or "orders", month, previous)
	summary = get_summary(current.total, before.total)
	return get_columns(group_by, month, previous), data, None, chart, summary


def get_columns(group_by: str, month: date, previous: date) -> list[dict]:
	columns = [
		# Not a Link: the desk would then filter the rows by read permission on Department or
		# Employee, which Quality and customer service do not have.
		{"fieldname": "group", "label": _(GROUP_LABELS[group_by]), "fieldtype": "Data", "width": 140},
		{"fieldname": "group_name", "label": _("Name"), "fieldtype": "Data", "width": 180},
	]
	for fieldname, label, fieldtype, width in MEASURES:
		for suffix, day in (("", month), ("_previous", previous)):
			columns.append(
				{
					"fieldname": fieldname + suffix,
					"label": f"{_(label)} {day:%Y-%m}",
					"fieldtype": fieldtype,
					"width": width,
				}
			)
	return columns


def group_names(group_by: str, keys: list) -> dict:
	names = [key for key in keys if key]
	if not names:
		return {}
	doctype, field = GROUPS[group_by]
	return dict(frappe.get_all(doctype, {"name": ("in", names)}, ["name", field], as_list=True))


def get_data(current: dict[str, Figures], before: dict[str, Figures], group_by: str) -> list[dict]:
	keys = sorted(
		set(current) | set(before),
		key=lambda key: (
			-(current.get(key) or Figures()).orders,
			-(current.get(key) or Figures()).revenue,
			str(key),
		),
	)
	names = group_names(group_by, keys)
	rows = []
	for key in keys:
		row = {"group": key, "group_name": names.get(key) or (key or _("Not Set"))}
		for suffix, figures in (("", current.get(key)), ("_previous", before.get(key))):
			figures = figures or Figures()
			row.update({fieldname + suffix: getattr(figures, fieldname) for fieldname, *_rest in MEASURES})
		rows.append(row)
	return rows


CHART_MEASURES = {fieldname: label for fieldname, label, *_rest in MEASURES}


def get_chart(data: list[dict], measure: str, month: date, previous: date) -> dict:
	measure = measure if measure in CHART_MEASURES else "orders"
	return {
		"data": {
			"labels": [row["group_name"] for row in data],
			"datasets": [
				{"name": f"{previous:%Y-%m}", "values": [row[measure + "_previous"] or 0 for row in data]},
				{"name": f"{month:%Y-%m}", "values": [row[measure] or 0 for row in data]},
			],
		},
		"title": _(CHART_MEASURES[measure]),
		"type": "bar",
		"colors": ["#b0b8c1", "#2490ef"],
		"fieldtype": dict((m[0], m[2]) for m in MEASURES)[measure],
	}


def get_summary(current: Figures, before: Figures) -> list[dict]:
	summary = []
	for fieldname, label, fieldtype, _width in MEASURES:
		value, previous = getattr(current, fieldname), getattr(before, fieldname)
		better = fieldname not in FEWER_IS_BETTER
		if value is None or previous is None or value == previous:
			indicator = "Blue"
		else:
			indicator = "Green" if (value > previous) == better else "Red"
		summary.append({"value": value, "label": _(label), "datatype": fieldtype, "indicator": indicator})
	return summary
