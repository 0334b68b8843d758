# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Satisfaction Survey Analysis (SPEC R2, procedure 2 §5.3): Quality's figures of a year's
《業主滿意度調查表》 by topic (and project) against last year (`tewei_service.surveys.analysis`)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from tewei_service.permissions import permitted_projects
from tewei_service.surveys.analysis import analysis, follow_ups, projects_of
from tewei_service.tewei_service.report.columns import link


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	filters.year = int(filters.year or getdate(today()).year)
	projects = projects_of(filters, permitted_projects())
	data = analysis(filters, projects)
	for row in data:
		row["topic_label"] = _(row["topic"])
	summary = follow_ups(filters.year, projects, filters.property_project)
	return get_columns(filters), data, None, get_chart(data, filters), get_summary(summary, data)


def get_columns(filters) -> list[dict]:
	def column(fieldname, label, fieldtype="Int", width=100):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}

	columns = (
		[link("property_project", _("Property Project"), "Property Project", 150)]
		if cint(filters.by_project)
		else []
	)
	return [
		*columns,
		column("topic_label", _("Topic"), "Data", 170),
		column("topic_zh", _("On the Form"), "Data", 90),
		column("surveys", _("Surveys")),
		column("satisfied", _("Satisfied")),
		column("fairly_satisfied", _("Fairly Satisfied"), width=120),
		column("fair", _("Fair")),
		column("dissatisfied", _("Dissatisfied")),
		column("satisfaction_percent", _("Satisfaction (%)"), "Percent", 130),
		column("last_year_percent", _("Last Year (%)"), "Percent", 120),
		column("change", _("Change (Points)"), "Float", 120),
		column("dissatisfied_percent", _("Dissatisfied (%)"), "Percent", 130),
		column("remarks", _("Owners Who Wrote"), width=140),
	]


def get_chart(data: list[dict], filters) -> dict:
	"""Satisfaction by topic, this year against last (all the reader's projects together unless one
	is chosen)."""
	rated = [row for row in data if row["satisfaction_percent"] is not None]
	topics = list(dict.fromkeys(row["topic_label"] for row in rated))

	def average(fieldname, topic):
		values = [
			row[fieldname] for row in rated if row["topic_label"] == topic and row[fieldname] is not None
		]
		return round(sum(values) / len(values), 1) if values else 0

	return {
		"data": {
			"labels": topics,
			"datasets": [
				{"name": str(filters.year), "values": [average("satisfaction_percent", t) for t in topics]},
				{"name": str(filters.year - 1), "values": [average("last_year_percent", t) for t in topics]},
			],
		},
		"type": "bar",
		"colors": ["#29cd42", "#b8c2cc"],
	}


def get_summary(summary: dict, data: list[dict]) -> list[dict]:
	rated = [row for row in data if row["dissatisfied_percent"] is not None]
	worst = max(rated, key=lambda row: row["dissatisfied_percent"], default=None)
	cared = max(data, key=lambda row: row["remarks"], default=None)
	return [
		{"value": summary["surveys"], "label": _("Surveys Recorded"), "datatype": "Int"},
		{"value": summary["follow_ups"], "label": _("Households to Revisit"), "datatype": "Int"},
		{"value": summary["done"], "label": _("Follow-up Revisits Done"), "datatype": "Int"},
		{
			"value": worst["topic_label"] if worst and worst["dissatisfied_percent"] else "-",
			"label": _("Most Dissatisfied With"),
			"datatype": "Data",
			"indicator": "Red",
		},
		{
			"value": cared["topic_label"] if cared and cared["remarks"] else "-",
			"label": _("Most Written About"),
			"datatype": "Data",
			"indicator": "Blue",
		},
	]
