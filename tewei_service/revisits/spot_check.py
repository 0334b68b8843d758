"""Quality's quarterly spot check (SPEC V3, procedure 5.5.5).

On the first day of each quarter, for every property project (管理處), Quality draws a share
(Service Settings, 5%, rounded up) of the previous quarter's served households at random. Each drawn
household gets a Revisit Record of method "Quality Check" (plan month = the quarter's first day),
shared out among the enabled Quality users with a ToDo. Drawing again for the same quarter adds only
what is missing.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from tewei_service.alerts import alert
from tewei_service.revisits.plan import (
	create_revisits,
	desk_date,
	desk_summary,
	enqueue_desk_job,
	planned_households,
	role_users,
	run_desk_job,
)
from tewei_service.revisits.served import ServedPeriod
from tewei_service.rules import revisits as rules
from tewei_service.settings import service_settings
from tewei_service.validation import require_role

# Who draws the spot check and records quality checks (V3).
QUALITY_ROLES = ("Quality", "System Manager")


def quarter_label(start: date) -> str:
	return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def coverage(summary: dict) -> str:
	return _("{0}: {1} of {2} served households.").format(
		summary["property_project"], summary["planned"], summary["served"]
	)


def spot_check_project(period: ServedPeriod, project: str, start: date, values: dict, users: list) -> dict:
	frappe.db.get_value("Property Project", project, "name", for_update=True)  # one run at a time
	served = period.households(project)
	count = rules.spot_check_count(len(served), values)
	already = planned_households(start, served, quality=True)
	drawn = rules.draw(set(served) - set(already), count - len(already), f"{project}:{start}:quality")
	reason = {rules.SPOT_CHECK: [quarter_label(start)]}
	due = add_days(rules.add_months(start, 6), -1)  # by the end of the quarter after
	created = create_revisits(
		period,
		start,
		[
			(household, reason, users[index % len(users)] if users else None)
			for index, household in enumerate(drawn)
		],
		due,
		method=rules.QUALITY_CHECK,
	)
	return {
		"property_project": project,
		"served": len(served),
		"required": count,
		"planned": len(already) + len(created),
		"created": created,
	}


def make_quarterly_spot_check(
	quarter=None, company: str | None = None, commit: bool = False, progress=None
) -> list[dict]:
	"""The spot check of the quarter containing `quarter` (default: last quarter), per project."""
	start = (
		rules.quarter_start(getdate(quarter))
		if quarter
		else rules.add_months(rules.quarter_start(getdate(today())), -3)
	)
	period = ServedPeriod(start, rules.add_months(start, 3), company)
	values, users = service_settings().as_dict(), role_users("Quality")
	summaries = []
	projects = period.project_names()
	for done, project in enumerate(projects, 1):
		summaries.append(spot_check_project(period, project, start, values, users))
		if commit:
			frappe.db.commit()  # one project at a time, as the monthly plan
		if progress:
			progress(done, len(projects))
	created = sum(len(s["created"]) for s in summaries)
	if created:
		subject = _("Quality spot check {0}: {1} households to revisit").format(quarter_label(start), created)
		content = "<br>".join(coverage(s) for s in summaries)
		for user in users:
			alert(user, subject, content, "Revisit Record")
	return summaries


def run_quarterly_spot_check() -> None:
	"""Scheduler: on the first day of a quarter, the previous quarter's spot check."""
	make_quarterly_spot_check(commit=True)


@frappe.whitelist()
def make_spot_check_now(quarter: str) -> str:
	"""Quality draws (or completes) a quarter's spot check from the Revisit Record list, on the
	long queue (as the monthly plan)."""
	require_role(*QUALITY_ROLES)
	day = desk_date(quarter)
	return enqueue_desk_job(
		"tewei_service.revisits.spot_check.spot_check_job",
		_("Quarterly Spot Check"),
		quarter=day.isoformat() if day else None,
	)


def spot_check_job(quarter: str | None = None, title: str | None = None) -> str:
	"""The job behind Draw Quarterly Spot Check."""
	return run_desk_job(
		title,
		lambda progress: desk_summary(
			make_quarterly_spot_check(quarter, progress=progress),
			_("No households were served in that quarter."),
			coverage,
		),
	)
