"""Whether a month's revisit plan kept SPEC V1 and V2, per property project.

Served households and the required number are worked out afresh from the orders and agreements
(`served`), so are the mandatory cases (`plan.mandatory_cases`). Planned and done count the month's
revisits (plan month = the month; quality checks excluded), one per household.
"""

from datetime import date

import frappe

from tewei_service.revisits.plan import mandatory_cases
from tewei_service.revisits.served import ServedPeriod, company_projects
from tewei_service.rules import revisits as rules
from tewei_service.settings import service_settings


def plan_compliance(
	month: date,
	company: str | None = None,
	project: str | None = None,
	permitted: list[str] | None = None,
) -> list[dict]:
	"""One row per property project for the month starting on `month`: of `project` if given, and
	of the `permitted` projects only, unless None (P2). Each row counts its own project's
	households and revisits only."""
	period = ServedPeriod(month, rules.add_months(month, 1), company)
	values = service_settings().as_dict()
	revisits = revisits_of(month, company)
	projects = set(period.project_names()) | {r.property_project for r in revisits if r.property_project}
	if project:
		projects &= {project}
	if permitted is not None:
		projects &= set(permitted)
	by_project = {}
	for revisit in revisits:
		by_project.setdefault(revisit.property_project, {})[revisit.household] = revisit
	rows = []
	for name in sorted(projects):
		served = len(period.households(name))
		mandatory = set(mandatory_cases(period, name, month)) if served else set()
		planned = by_project.get(name) or {}
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
		filters["property_project"] = ("in", company_projects(company) or [""])
	found = {}
	for revisit in frappe.get_all(
		"Revisit Record",
		filters=filters,
		fields=["household", "property_project", "status", "complaint"],
		order_by="status desc",  # Planned before Done: a Done revisit wins for its household
	):
		found[revisit.household] = revisit
	return list(found.values())
