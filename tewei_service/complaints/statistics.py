"""The figures of the complaint register (SPEC R1, 客戶投訴案件統計表 and 客戶投訴案件登記追蹤表): the
complaints of a period, counted by category, project, staff or month, and listed for tracking
(open, overdue, closed). Each reader sees the complaints of their own property projects (P2)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, get_datetime, getdate, now_datetime

from tewei_service.revisits.served import company_projects
from tewei_service.rules import complaints as rules

GROUPS = {
	"category": "category",
	"property_project": "property_project",
	"staff": "staff",
	"month": "month",
}
OPEN_VIEW, OVERDUE_VIEW, CLOSED_VIEW = "Open", "Overdue", "Closed"
FIELDS = [
	"name",
	"received_on",
	"channel",
	"property_project",
	"household",
	"customer",
	"customer_name",
	"work_order",
	"staff",
	"catalogue_item",
	"category",
	"severity",
	"status",
	"reply_due",
	"replied_on",
	"reply_method",
	"satisfaction",
	"closed_on",
]


def complaints(filters, permitted: list[str] | None) -> list[dict]:
	"""The complaints received in [from_date, to_date] (whole days), of the filters' company,
	project, category and severity, and of the `permitted` projects unless None; each with its
	`overdue` flag and `month`."""
	conditions = []
	if filters.get("from_date") and filters.get("to_date"):
		conditions.append(["received_on", "between", (getdate(filters.from_date), getdate(filters.to_date))])
	elif filters.get("from_date"):
		conditions.append(["received_on", ">=", getdate(filters.from_date)])
	elif filters.get("to_date"):
		conditions.append(["received_on", "<", add_days(getdate(filters.to_date), 1)])
	for fieldname in ("property_project", "category", "severity", "staff"):
		if filters.get(fieldname):
			conditions.append([fieldname, "=", filters.get(fieldname)])
	projects = None
	if filters.get("company"):
		projects = set(company_projects(filters.company))
	if permitted is not None:
		projects = set(permitted) if projects is None else projects & set(permitted)
	if projects is not None:
		conditions.append(["property_project", "in", sorted(projects) or [""]])
	rows = frappe.get_all(
		"Service Complaint", filters=conditions, fields=FIELDS, order_by="received_on, name"
	)
	now = now_datetime()
	for row in rows:
		row.overdue = int(
			rules.is_overdue(
				row.status,
				get_datetime(row.reply_due) if row.reply_due else None,
				get_datetime(row.replied_on) if row.replied_on else None,
				now,
			)
		)
		row.month = getdate(row.received_on).strftime("%Y-%m")
	return rows


def statistics(rows: list[dict], group_by: str) -> list[dict]:
	"""One row per group (category, project, staff member or month), busiest first."""
	key = GROUPS.get(group_by, "category")
	groups = defaultdict(list)
	for row in rows:
		groups[row.get(key) or ""].append(row)
	result = []
	for group, members in groups.items():
		replied = [row for row in members if row.replied_on]
		hours = [
			(get_datetime(row.replied_on) - get_datetime(row.received_on)).total_seconds() / 3600
			for row in replied
		]
		answered_satisfaction = [row for row in members if row.satisfaction]
		result.append(
			{
				"group": group or _("Not Set"),
				"group_value": group,
				"complaints": len(members),
				"major": sum(1 for row in members if row.severity == rules.MAJOR),
				"awaiting_reply": sum(1 for row in members if row.status in rules.AWAITING_REPLY),
				"overdue": sum(row.overdue for row in members),
				"replied": len(replied),
				"closed": sum(1 for row in members if row.status == rules.CLOSED),
				"satisfied_percent": round(
					100
					* sum(1 for row in answered_satisfaction if row.satisfaction == rules.SATISFIED)
					/ len(answered_satisfaction),
					1,
				)
				if answered_satisfaction
				else None,
				"average_reply_hours": round(sum(hours) / len(hours), 1) if hours else None,
			}
		)
	order = (
		(lambda row: row["group_value"])
		if key == "month"
		else (lambda row: (-row["complaints"], row["group"]))
	)
	return sorted(result, key=order)


def tracking(rows: list[dict], view: str | None) -> list[dict]:
	"""The tracking register's rows: all, or those awaiting a reply (Open), overdue, or closed."""
	if view == OPEN_VIEW:
		return [row for row in rows if row.status != rules.CLOSED]
	if view == OVERDUE_VIEW:
		return [row for row in rows if row.overdue]
	if view == CLOSED_VIEW:
		return [row for row in rows if row.status == rules.CLOSED]
	return rows
