"""The monthly revisit plan (SPEC V1, V2).

On the first day of each month, for every property project (管理處), the previous month's served
households (see `served`) are sampled: at least the V1 ratio of them, and every household that V2
makes mandatory — a new agreement, a new service item, a new staff member's work, work by staff with
a complaint last time (definitions in `tewei_service.rules.revisits`). Each planned household gets a
Revisit Record (status Planned) that says which rules put it in the plan, assigned to the project's
customer service user (or, if the project names none, shared out among the enabled Customer Service
users) with a ToDo. Making the plan again for the same month adds only what is missing.
"""

from datetime import date

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import add_days, get_link_to_form, getdate, today

from tewei_service.alerts import alert
from tewei_service.revisits.served import ServedPeriod
from tewei_service.rules import revisits as rules
from tewei_service.settings import service_settings
from tewei_service.states import WorkOrderState
from tewei_service.validation import require_role


def role_users(role: str) -> list[str]:
	"""The enabled desk users holding `role` (not Administrator), sorted."""
	holders = set(frappe.get_all("Has Role", {"role": role, "parenttype": "User"}, pluck="parent"))
	holders.discard("Administrator")
	if not holders:
		return []
	return sorted(
		frappe.get_all(
			"User", {"name": ("in", list(holders)), "enabled": 1, "user_type": "System User"}, pluck="name"
		)
	)


def customer_service_users(project: str) -> list[str]:
	"""Who receives the project's revisits: its own customer service user, else every Customer
	Service user in turn."""
	own = frappe.db.get_value("Property Project", project, "customer_service")
	if own and frappe.db.get_value("User", own, "enabled"):
		return [own]
	return role_users("Customer Service")


def first_completed(items: set[str]) -> dict[str, date]:
	"""For each catalogue item, the day its first order ever was completed."""
	if not items:
		return {}
	rows = frappe.db.sql(
		"""
		select item.catalogue_item, min(wo.completed_on)
		from `tabService Work Order Item` item
		join `tabService Work Order` wo on wo.name = item.parent and item.parenttype = 'Service Work Order'
		where wo.workflow_state in %(states)s and wo.completed_on is not null
			and item.catalogue_item in %(items)s
		group by item.catalogue_item
		""",
		{"states": WorkOrderState.SERVED, "items": tuple(items)},
	)
	return {key: getdate(day) for key, day in rows}


def complained_staff(month: date) -> set[str]:
	start, end = rules.complaint_window(month)
	return set(
		frappe.get_all(
			"Revisit Record",
			filters=[
				["status", "=", rules.DONE],
				["complaint", "=", 1],
				["complaint_staff", "is", "set"],
				["revisited_on", ">=", start],
				["revisited_on", "<", end],
			],
			pluck="complaint_staff",
		)
	)


def mandatory_cases(period: ServedPeriod, project: str, month: date) -> dict[str, dict[str, list[str]]]:
	"""V2 for one project's month: each mandatory household with its rules and what triggered them."""
	services = period.services(project)
	items = set().union(*(s.items for s in services.values())) if services else set()
	staff = set().union(*(s.staff for s in services.values())) if services else set()
	joined = dict(
		frappe.get_all(
			"Employee", {"name": ("in", list(staff) or [""])}, ["name", "date_of_joining"], as_list=True
		)
	)
	end = rules.add_months(month, 1)
	new_agreements = {}
	for agreement in period.agreements:
		if period.projects.get(agreement.household) == project and rules.in_period(
			getdate(agreement.start_date), month, end
		):
			new_agreements.setdefault(agreement.household, []).append(agreement.name)
	return rules.mandatory_reasons(
		services,
		new_agreements=new_agreements,
		new_items=rules.new_in_period(first_completed(items), month, end),
		new_staff=rules.new_staff({k: getdate(v) if v else None for k, v in joined.items()}, month),
		complained_staff=complained_staff(month),
	)


def describe(reasons: dict[str, list[str]]) -> str:
	"""Why a household is in the plan, one line per rule, naming what triggered it."""
	names = {
		rules.NEW_SERVICE_ITEM: lambda key: (
			frappe.db.get_value("Service Catalogue Item", key, "service_name") or key
		),
		rules.NEW_STAFF: staff_name,
		rules.COMPLAINT_LAST_TIME: staff_name,
	}
	lines = []
	for reason, keys in reasons.items():
		label = names.get(reason)
		shown = ", ".join(label(key) if label else key for key in keys)
		lines.append(f"{_(reason)}: {shown}" if shown else _(reason))
	return "\n".join(lines)


def staff_name(employee: str) -> str:
	name = frappe.db.get_value("Employee", employee, "employee_name")
	return f"{name} ({employee})" if name and name != employee else employee


def planned_households(month: date, households: list[str], quality: bool = False) -> list[str]:
	"""The households that already have a revisit in the month's plan (or the quarter's spot check)."""
	if not households:
		return []
	return frappe.get_all(
		"Revisit Record",
		filters={
			"plan_month": month,
			"household": ("in", households),
			"method": rules.QUALITY_CHECK if quality else ("!=", rules.QUALITY_CHECK),
		},
		pluck="household",
	)


def create_revisit(
	period: ServedPeriod,
	household: str,
	month: date,
	reasons: dict[str, list[str]],
	user: str | None,
	due: date,
	method: str = rules.PHONE,
) -> str:
	agreements = period.agreements_of(household)
	new_agreements = reasons.get(rules.NEW_AGREEMENT) or []
	doc = frappe.get_doc(
		{
			"doctype": "Revisit Record",
			"household": household,
			"status": rules.PLANNED,
			"method": method,
			"plan_month": month,
			"plan_reason": describe(reasons),
			"service_agreement": new_agreements[0]
			if new_agreements
			else (agreements[-1].name if agreements else None),
			"orders": [{"work_order": order.name} for order in period.orders_of(household)],
			**{rules.REASON_FIELDS[reason]: 1 for reason in reasons},
		}
	).insert(ignore_permissions=True)
	if user:
		assign_to(
			{
				"assign_to": [user],
				"doctype": doc.doctype,
				"name": doc.name,
				"description": _("Revisit household {0}").format(household)
				+ "<br>"
				+ doc.plan_reason.replace("\n", "<br>"),
				"date": due,
			},
			ignore_permissions=True,
		)
	return doc.name


def plan_project(period: ServedPeriod, project: str, month: date, values: dict) -> dict:
	"""One project's plan for the month: what was required and what was added."""
	frappe.db.get_value("Property Project", project, "name", for_update=True)  # one run at a time
	served = period.households(project)
	required = rules.required_revisits(len(served), values)
	mandatory = mandatory_cases(period, project, month)
	already = planned_households(month, sorted(set(served) | set(mandatory)))
	adding = rules.plan_households(
		served,
		mandatory,
		required,
		already_planned=already,
		seed=f"{project}:{month.isoformat()}",
	)
	users = customer_service_users(project)
	due = add_days(rules.add_months(month, 2), -1)  # done by the end of the month after
	created = []
	for index, household in enumerate(adding):
		detail = mandatory.get(household) or {rules.SAMPLE: []}
		user = users[index % len(users)] if users else None
		created.append(create_revisit(period, household, month, detail, user, due))
	return {
		"property_project": project,
		"served": len(served),
		"required": required,
		"mandatory": len(mandatory),
		"planned": len(set(already) | set(adding)),
		"created": created,
		"assigned_to": users,
	}


def make_monthly_plan(month=None, company: str | None = None, commit: bool = False) -> list[dict]:
	"""The revisit plan for the month containing `month` (default: last month), per project."""
	month = rules.month_start(getdate(month)) if month else rules.add_months(getdate(today()), -1)
	period = ServedPeriod(month, rules.add_months(month, 1), company)
	values = service_settings().as_dict()
	summaries = []
	for project in period.project_names():
		summary = plan_project(period, project, month, values)
		summaries.append(summary)
		if summary["created"]:
			notify(summary, month)
		if commit:
			# One project at a time: a failure later in the run keeps the plans already made.
			frappe.db.commit()
	return summaries


def notify(summary: dict, month: date) -> None:
	subject = _("Revisit plan {0} for {1}: {2} households to revisit").format(
		month.strftime("%Y-%m"), summary["property_project"], len(summary["created"])
	)
	content = _(
		"{0} households served, {1} revisits required, {2} mandatory cases, {3} planned in all."
	).format(summary["served"], summary["required"], summary["mandatory"], summary["planned"])
	content += "<br>" + ", ".join(get_link_to_form("Revisit Record", name) for name in summary["created"])
	for user in summary["assigned_to"]:
		alert(user, subject, content, "Revisit Record")


def run_monthly_plan() -> None:
	"""Scheduler: on the first of the month, last month's plan."""
	make_monthly_plan(commit=True)


def desk_date(value: str) -> date | None:
	"""The day the desk names ("" for the default), refused with Frappe's own message unless it is a
	date that months can be counted from."""
	if not value:
		return None
	try:
		day = getdate(value)
	except OverflowError:
		day = None
	if not (day and date.min.year < day.year < date.max.year):
		frappe.throw(
			frappe._("{} is not a valid date string.").format(frappe.bold(value)),
			title=frappe._("Invalid Date"),
		)
	return day


@frappe.whitelist()
def make_plan_now(month: str) -> str:
	"""Customer service makes (or completes) a month's plan from the Revisit Record list."""
	require_role("Customer Service", "System Manager")
	return desk_summary(
		make_monthly_plan(desk_date(month)),
		_("No households were served in that month."),
		lambda s: _("{0}: {1} served, {2} required, {3} planned ({4} new).").format(
			s["property_project"], s["served"], s["required"], s["planned"], len(s["created"])
		),
	)


def desk_summary(summaries: list[dict], nothing_served: str, describe) -> str:
	"""What the list's button shows once a plan is made: one line per project."""
	if not summaries:
		return nothing_served
	return "<br>".join(describe(summary) for summary in summaries)
