"""Quality's analysis of the year's satisfaction surveys (SPEC R2, procedure 2 §5.3): for each topic
(and project), how owners rated it against last year's campaign, what they are unhappy with (the
dissatisfied share) and what they care about (how many wrote about it). Recorded (submitted)
surveys only; each reader sees the projects they may (P2)."""

from collections import defaultdict

import frappe
from frappe.utils import cint

from tewei_service.revisits.served import company_projects
from tewei_service.rules import surveys as rules


def ratings_of(year: int, projects: list[str] | None, project: str | None = None) -> list[dict]:
	"""Every rating row of the year's recorded surveys, with its survey's project."""
	survey = frappe.qb.DocType("Satisfaction Survey")
	rating = frappe.qb.DocType("Satisfaction Survey Rating")
	query = (
		frappe.qb.from_(rating)
		.join(survey)
		.on((survey.name == rating.parent) & (rating.parenttype == "Satisfaction Survey"))
		.select(
			survey.name.as_("survey"), survey.property_project, rating.topic, rating.rating, rating.remarks
		)
		.where((survey.docstatus == 1) & (survey.year == year))
	)
	if project:
		query = query.where(survey.property_project == project)
	if projects is not None:
		query = query.where(survey.property_project.isin(projects or [""]))
	return query.run(as_dict=True)


def topic_figures(rows: list[dict], by_project: bool) -> dict[tuple, dict]:
	"""(project or "", topic) → counts of each rating, `surveys` answering, `remarks` written."""
	figures = defaultdict(lambda: {"counts": defaultdict(int), "surveys": set(), "remarks": 0})
	for row in rows:
		figure = figures[(row.property_project if by_project else "", row.topic)]
		figure["surveys"].add(row.survey)
		if row.rating:
			figure["counts"][row.rating] += 1
		if (row.remarks or "").strip():
			figure["remarks"] += 1
	return figures


def projects_of(filters, permitted: list[str] | None) -> list[str] | None:
	"""The projects of the filters' company that the reader may see (None: all)."""
	projects = company_projects(filters.company) if filters.get("company") else None
	if permitted is not None:
		projects = sorted(set(permitted) & set(projects)) if projects is not None else permitted
	return projects


def analysis(filters, projects: list[str] | None) -> list[dict]:
	"""One row per topic (per project if `filters.by_project`), in the form's order, of `projects`
	(None: all)."""
	year = int(filters.year)
	by_project = bool(cint(filters.get("by_project")))
	now = topic_figures(ratings_of(year, projects, filters.get("property_project")), by_project)
	before = topic_figures(ratings_of(year - 1, projects, filters.get("property_project")), by_project)
	order = {topic: index for index, topic in enumerate(rules.TOPIC_NAMES)}
	result = []
	for (project, topic), figure in sorted(
		now.items(), key=lambda item: (item[0][0], order.get(item[0][1], 99))
	):
		counts = figure["counts"]
		rated = sum(counts.get(rating, 0) for rating in rules.RATINGS)
		percent = rules.satisfaction_percent(counts)
		last = before.get((project, topic))
		last_percent = rules.satisfaction_percent(last["counts"]) if last else None
		result.append(
			{
				"property_project": project or None,
				"topic": topic,
				"topic_zh": rules.chinese_topic(topic),
				"surveys": len(figure["surveys"]),
				"satisfied": counts.get(rules.SATISFIED, 0),
				"fairly_satisfied": counts.get(rules.FAIRLY_SATISFIED, 0),
				"fair": counts.get(rules.FAIR, 0),
				"dissatisfied": counts.get(rules.DISSATISFIED, 0),
				"satisfaction_percent": percent,
				"last_year_percent": last_percent,
				"change": round(percent - last_percent, 1)
				if percent is not None and last_percent is not None
				else None,
				"dissatisfied_percent": round(100 * counts.get(rules.DISSATISFIED, 0) / rated, 1)
				if rated
				else None,
				"remarks": figure["remarks"],
			}
		)
	return result


def follow_ups(year: int, projects: list[str] | None, project: str | None = None) -> dict:
	"""§5.4's figures: recorded surveys, those followed up by a revisit, and those revisits done."""
	filters = {"docstatus": 1, "year": year}
	if project:
		filters["property_project"] = project
	if projects is not None:
		filters["property_project"] = ("in", [p for p in projects if not project or p == project] or [""])
	surveys = frappe.get_all("Satisfaction Survey", filters, ["follow_up_revisit", "follow_up_status"])
	return {
		"surveys": len(surveys),
		"follow_ups": sum(1 for survey in surveys if survey.follow_up_revisit),
		"done": sum(1 for survey in surveys if survey.follow_up_status == "Done"),
	}
