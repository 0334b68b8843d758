# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Whether each month's revisit plan kept SPEC V1 and V2, per property project.

Served households and the required number are worked out afresh from the orders and agreements
(`tewei_service.revisits.served`), so are the mandatory cases (`plan.mandatory_cases`). Planned and
done count the month's revisits (plan month = the month; quality checks excluded).
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from tewei_service.revisits.plan import mandatory_cases, settings
from tewei_service.revisits.served import ServedPeriod
from tewei_service.rules import revisits as rules

MAX_MONTHS = 24


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, dict]:
	filters = frappe._dict(filters or {})
	last = rules.month_start(getdate(filters.to_month or today()))
	first = rules.month_start(getdate(filters.from_month or rules.add_months(last, -5)))
	months = []
	while first <= last and len(months) < MAX_MONTHS:
		months.append(first)
		first = rules.add_months(first, 1)
	data = [row for month in months for row in month_rows(month, filters.company, filters.property_project)]
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	def count(fieldname, label, width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "property_project",
			"label": _("Property Project"),
			"fieldtype": "Link",
			"options": "Property Project",
			"width": 160,
		},
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


def month_rows(month: date, company: str | None, project: str | None) -> list[dict]:
	period = ServedPeriod(month, rules.add_months(month, 1), company)
	values = settings()
	revisits = revisits_of(month, company)
	projects = set(period.project_names()) | {r.property_project for r in revisits if r.property_project}
	if project:
		projects &= {project}
	rows = []
	for name in sorted(projects):
		served = len(period.households(name))
		mandatory = set(mandatory_cases(period, name, month)) if served else set()
		planned = {r.household: r for r in revisits if r.property_project == name}
		done = {household for household, r in planned.items() if r.status == rules.DONE}
		required = rules.required_revisits(served, values)
		row = {
			"month": month.strftime("%Y-%m"),
			"month_start": month,
			"property_project": name,
			"served": served,
			"ratio": rules.revisit_percent(served, values) if served else None,
			"required": required,
			"mandatory": len(mandatory),
			"mandatory_planned": len(mandatory & set(planned)),
			"planned": len(planned),
			"done": len(done),
			"mandatory_done": len(mandatory & done),
			"complaints": sum(1 for r in planned.values() if r.status == rules.DONE and r.complaint),
		}
		row["compliant"] = int(row["done"] >= required and row["mandatory_done"] == row["mandatory"])
		rows.append(row)
	return rows


def revisits_of(month: date, company: str | None) -> list[dict]:
	"""The month's planned revisits, one per household (a household is counted once)."""
	filters = {"plan_month": month, "method": ("!=", rules.QUALITY_CHECK)}
	if company:
		filters["property_project"] = (
			"in",
			frappe.get_all("Property Project", {"company": company}, pluck="name") or [""],
		)
	found = {}
	for revisit in frappe.get_all(
		"Revisit Record",
		filters=filters,
		fields=["household", "property_project", "status", "complaint"],
		order_by="status desc",  # Planned before Done: a Done revisit wins for its household
	):
		found[revisit.household] = revisit
	return list(found.values())


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
