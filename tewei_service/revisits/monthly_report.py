"""The recorded 《居家服務情況統計分析報告》 (SPEC R8, procedure 5 §5.5.3): customer service writes up a
month's figures (tewei_service.revisits.analysis) with the customers' needs and an analysis, and
the department manager approves it. The figures are a snapshot, taken on every save and at approval
and frozen from then on, so the approved report keeps saying what the manager approved; nobody types
them, nor the approval."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from tewei_service.exceptions import MonthlyAnalysisError
from tewei_service.permissions import permitted_projects
from tewei_service.revisits.analysis import month_figures
from tewei_service.rules import revisits as rules
from tewei_service.tewei_service.report.home_service_analysis.home_service_analysis import get_data

MEASURES = ("orders", "revenue", "compliance", "satisfaction", "complaints", "warranty", "declined")
PREVIOUS = ("orders", "revenue", "satisfaction", "complaints", "warranty", "declined")


def scope_projects(doc) -> list[str] | None:
	"""The projects the figures cover: the one named, else those the preparer may see (P2)."""
	return [doc.property_project] if doc.property_project else permitted_projects(doc.prepared_by)


def take_snapshot(doc) -> None:
	month = getdate(doc.month)
	previous = rules.add_months(month, -1)
	projects = scope_projects(doc)
	current = month_figures(month, doc.company, doc.group_by, projects)
	before = month_figures(previous, doc.company, doc.group_by, projects)
	doc.set(
		"rows",
		[
			{"group": row["group"], "group_name": row["group_name"], **{m: row[m] for m in MEASURES}}
			for row in get_data(current.groups, {}, doc.group_by)
		],
	)
	doc.update({measure: getattr(current.total, measure) for measure in MEASURES})
	doc.update({f"{measure}_previous": getattr(before.total, measure) for measure in PREVIOUS})


def prepare(doc) -> None:
	"""On every save and at approval: the month as its first day, one report per month and scope,
	the figures taken afresh; a draft carries no approval."""
	doc.month = rules.month_start(getdate(doc.month))
	if doc.is_new():
		doc.prepared_by = frappe.session.user
	if doc.docstatus == 0:
		doc.approved_by = doc.approved_on = None
	if not doc.property_project and permitted_projects(doc.prepared_by) is not None:
		# A report of "every project" by someone limited to some would be read as the whole.
		frappe.throw(_("Choose the property project the analysis is for."), MonthlyAnalysisError)
	other = frappe.db.exists(
		"Monthly Service Analysis",
		{
			"month": doc.month,
			"group_by": doc.group_by,
			"company": doc.company or ("is", "not set"),
			"property_project": doc.property_project or ("is", "not set"),
			"docstatus": ("<", 2),
			"name": ("!=", doc.name),
		},
	)
	if other:
		frappe.throw(
			_("The analysis of this month and scope is already recorded as {0}.").format(other),
			MonthlyAnalysisError,
		)
	take_snapshot(doc)


def approve(doc) -> None:
	"""Submitting is the department manager's approval (only their roles may submit)."""
	if not (doc.analysis or "").strip():
		frappe.throw(_("Write the analysis before the report is approved."), MonthlyAnalysisError)
	doc.approved_by = frappe.session.user
	doc.approved_on = now_datetime()
