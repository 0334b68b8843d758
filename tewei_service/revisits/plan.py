"""The monthly revisit plan (SPEC V1, V2).

On the first day of each month, for every property project (管理處), the previous month's served
households (see `served`) are sampled: at least the V1 ratio of them, and every household that V2
makes mandatory — a new agreement, a new service item, a new staff member's work, work by staff with
a complaint last time (definitions in `tewei_service.rules.revisits`). Each planned household gets a
Revisit Record (status Planned) that says which rules put it in the plan, assigned to the project's
customer service user (or, if the project names none, shared out among the enabled Customer Service
users) with a ToDo. Making the plan again for the same month adds only what is missing.
"""

import json
from datetime import date

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.model.naming import parse_naming_series
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


def period_cache(period: ServedPeriod) -> dict:
	"""What a plan (or a report) reads once per period, whatever the number of projects."""
	if not hasattr(period, "cache"):
		period.cache = {}
	return period.cache


def items_served_between(items: set[str], start: date | None, end: date) -> set[str]:
	"""Those of `items` with an order served (completed) in [start, end) (start None: ever before
	`end`). One query; each item's look-up is indexed and stops at the first order found."""
	if not items:
		return set()
	items = sorted(items)
	candidates = " union all ".join(["select %s as catalogue_item"] * len(items))
	return set(
		frappe.db.sql_list(
			f"""
			select candidate.catalogue_item
			from ({candidates}) candidate
			where exists (
				select 1
				from `tabService Work Order Item` item
				join `tabService Work Order` wo on wo.name = item.parent
				where item.catalogue_item = candidate.catalogue_item
					and item.parenttype = 'Service Work Order'
					and wo.workflow_state in %s
					and wo.completed_on < %s and (%s is null or wo.completed_on >= %s)
			)
			""",
			(*items, WorkOrderState.SERVED, end, start, start),
		)
	)


def new_items(period: ServedPeriod, items: set[str], month: date, end: date) -> set[str]:
	"""The items whose first order ever was completed in [month, end): those served in it and never
	before, without reading every order of every item."""
	known = period_cache(period).setdefault(("new items", month), {})
	in_period = period_cache(period).get(("items served", month))
	if in_period is None and period.start == month and period.end == end:
		in_period = period_cache(period)[("items served", month)] = {
			row.catalogue_item for order in period.orders for row in order["items"] if row.catalogue_item
		}
	unknown = items - set(known)
	served_now = unknown & (in_period or set())
	# The rest are named on an agreement only (its orders may be another company's) or the period
	# is not the month's: ask the orders.
	served_now |= items_served_between(unknown - served_now, month, end)
	served_before = items_served_between(served_now, None, month)
	for item in unknown:
		known[item] = item in served_now and item not in served_before
	return {item for item in items if known[item]}


def complained_staff(month: date) -> set[str]:
	"""The staff named in a complaint of the window: recorded on a revisit, or registered (R1)."""
	start, end = rules.complaint_window(month)
	window = (start, add_days(end, -1))
	on_revisits = frappe.get_all(
		"Revisit Record",
		filters=[
			["status", "=", rules.DONE],
			["complaint", "=", 1],
			["complaint_staff", "is", "set"],
			["revisited_on", "between", window],
		],
		pluck="complaint_staff",
	)
	registered = frappe.get_all(
		"Service Complaint",
		filters=[["staff", "is", "set"], ["received_on", "between", window]],
		pluck="staff",
	)
	return set(on_revisits) | set(registered)


def joining_dates(period: ServedPeriod, staff: set[str]) -> dict[str, str | None]:
	"""Each staff member's date of joining, read once per period whatever the number of projects
	(the first call reads the whole period's order staff too)."""
	cache = period_cache(period)
	if "joined" not in cache:
		cache["joined"] = {}
		wanted = staff | {order.assigned_staff for order in period.orders if order.assigned_staff}
	else:
		wanted = staff
	known = cache["joined"]
	missing = wanted - set(known)
	if missing:
		known |= dict.fromkeys(missing)
		known |= dict(
			frappe.get_all(
				"Employee", {"name": ("in", list(missing))}, ["name", "date_of_joining"], as_list=True
			)
		)
	return {name: known[name] for name in staff}


def mandatory_cases(period: ServedPeriod, project: str, month: date) -> dict[str, dict[str, list[str]]]:
	"""V2 for one project's month: each mandatory household with its rules and what triggered them."""
	cache = period_cache(period)
	services = period.services(project)
	items = set().union(*(s.items for s in services.values())) if services else set()
	staff = set().union(*(s.staff for s in services.values())) if services else set()
	joined = joining_dates(period, staff)
	end = rules.add_months(month, 1)
	new_agreements = {}
	for agreement in period.agreements_of_project(project):
		if rules.in_period(getdate(agreement.start_date), month, end):
			new_agreements.setdefault(agreement.household, []).append(agreement.name)
	if ("complained", month) not in cache:
		cache[("complained", month)] = complained_staff(month)
	return rules.mandatory_reasons(
		services,
		new_agreements=new_agreements,
		new_items=new_items(period, items, month, end),
		new_staff=rules.new_staff({k: getdate(v) if v else None for k, v in joined.items()}, month),
		complained_staff=cache[("complained", month)],
	)


class Labels:
	"""The names the plan reasons show, each read once per run."""

	def __init__(self):
		self.items, self.staff = {}, {}

	def item(self, key: str) -> str:
		if key not in self.items:
			self.items[key] = frappe.db.get_value("Service Catalogue Item", key, "service_name") or key
		return self.items[key]

	def employee(self, key: str) -> str:
		if key not in self.staff:
			self.staff[key] = staff_name(key)
		return self.staff[key]


def describe(reasons: dict[str, list[str]], labels: Labels | None = None) -> str:
	"""Why a household is in the plan, one line per rule, naming what triggered it."""
	labels = labels or Labels()
	names = {
		rules.NEW_SERVICE_ITEM: labels.item,
		rules.NEW_STAFF: labels.employee,
		rules.COMPLAINT_LAST_TIME: labels.employee,
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
	"""One planned revisit, made as a desk user would (validated, versioned, assigned)."""
	doc = frappe.get_doc(revisit_values(period, household, month, reasons, method)).insert(
		ignore_permissions=True
	)
	if user:
		assign_to(
			{
				"assign_to": [user],
				"doctype": doc.doctype,
				"name": doc.name,
				"description": todo_description(household, doc.plan_reason),
				"date": due,
			},
			ignore_permissions=True,
		)
	return doc.name


def revisit_values(
	period: ServedPeriod,
	household: str,
	month: date,
	reasons: dict[str, list[str]],
	method: str,
	labels: Labels | None = None,
) -> dict:
	agreements = period.agreements_of(household)
	new_agreements = reasons.get(rules.NEW_AGREEMENT) or []
	return {
		"doctype": "Revisit Record",
		"household": household,
		"status": rules.PLANNED,
		"method": method,
		"plan_month": month,
		"plan_reason": describe(reasons, labels),
		"service_agreement": new_agreements[0]
		if new_agreements
		else (agreements[-1].name if agreements else None),
		"orders": [{"work_order": order.name} for order in period.orders_of(household)],
		**{rules.REASON_FIELDS[reason]: 1 for reason in reasons},
	}


def todo_description(household: str, plan_reason: str) -> str:
	return _("Revisit household {0}").format(household) + "<br>" + (plan_reason or "").replace("\n", "<br>")


def create_revisits(
	period: ServedPeriod,
	month: date,
	planned: list[tuple[str, dict[str, list[str]], str | None]],
	due: date,
	method: str = rules.PHONE,
) -> list[str]:
	"""The planned revisits (household, reasons, user) in a few multi-row INSERTs: the Revisit
	Records, their order rows and their ToDos, with what `Document.insert` and `assign_to.add` would
	have set (name from the naming series, customer, project, the orders' fetched values,
	Assigned To). The plan's own checks hold by construction: each order is the household's own and
	served. The assignees are told by the plan's summary alert, not one notification per ToDo."""
	if not planned:
		return []
	labels = Labels()
	now, user = frappe.utils.now(), frappe.session.user
	names = reserve_names(len(planned))
	customers = primary_customers({household for household, _reasons, _user in planned})
	records, order_rows, todos = [], [], []
	for name, (household, reasons, assignee) in zip(names, planned, strict=True):
		values = revisit_values(period, household, month, reasons, method, labels)
		orders = period.orders_of(household)
		agreement = next(
			(a for a in period.agreements_of(household) if a.name == values["service_agreement"]), None
		)
		if orders:  # as RevisitRecord.set_customer
			customer = orders[-1].customer
		elif values["service_agreement"]:
			customer = agreement.customer if agreement else None
		else:
			customer = customers.get(household)
		records.append(
			(
				name,
				now,
				now,
				user,
				user,
				0,
				0,
				"RVR-.YYYY.-.#####",
				rules.PLANNED,
				household,
				customer,
				period.projects.get(household),
				method,
				assignee,
				values["service_agreement"],
				0,
				0,
				month,
				values["plan_reason"],
				*(int(field in {rules.REASON_FIELDS[r] for r in reasons}) for field in REASON_COLUMNS),
				json.dumps([assignee]) if assignee else None,
			)
		)
		for idx, order in enumerate(orders, 1):
			order_rows.append(
				(
					frappe.generate_hash(length=10),
					now,
					now,
					user,
					user,
					0,
					idx,
					name,
					"Revisit Record",
					"orders",
					order.name,
					order.completed_on,
					order.department,
					order.assigned_staff,
					order.total_amount,
				)
			)
		if assignee:
			todos.append(
				(
					frappe.generate_hash(length=10),
					now,
					now,
					user,
					user,
					0,
					"Open",
					"Medium",
					due,
					assignee,
					todo_description(household, values["plan_reason"]),
					"Revisit Record",
					name,
					user,
				)
			)
	common = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	frappe.db.bulk_insert(
		"Revisit Record",
		[
			*common,
			"idx",
			"naming_series",
			"status",
			"household",
			"customer",
			"property_project",
			"method",
			"assigned_to",
			"service_agreement",
			"average_rating",
			"complaint",
			"plan_month",
			"plan_reason",
			*REASON_COLUMNS,
			"_assign",
		],
		records,
	)
	frappe.db.bulk_insert(
		"Revisit Record Order",
		[
			*common,
			"idx",
			"parent",
			"parenttype",
			"parentfield",
			"work_order",
			"completed_on",
			"department",
			"assigned_staff",
			"total_amount",
		],
		order_rows,
	)
	frappe.db.bulk_insert(
		"ToDo",
		[
			*common,
			"status",
			"priority",
			"date",
			"allocated_to",
			"description",
			"reference_type",
			"reference_name",
			"assigned_by",
		],
		todos,
	)
	return names


REASON_COLUMNS = tuple(rules.REASON_FIELDS.values())


def reserve_names(count: int) -> list[str]:
	"""`count` consecutive names of the Revisit Record naming series, as `getseries` gives them one
	at a time: the series row is locked and moved on once."""
	prefix = parse_naming_series("RVR-.YYYY.-")
	frappe.db.sql("insert ignore into `tabSeries` (`name`, `current`) values (%s, 0)", prefix)
	current = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", prefix)[0][0]
	frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (current + count, prefix))
	return [f"{prefix}{number:05d}" for number in range(current + 1, current + count + 1)]


def primary_customers(households: set[str]) -> dict[str, str]:
	if not households:
		return {}
	return dict(
		frappe.get_all(
			"Household",
			{"name": ("in", list(households))},
			["name", "primary_customer"],
			as_list=True,
		)
	)


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
	created = create_revisits(
		period,
		month,
		[
			(
				household,
				mandatory.get(household) or {rules.SAMPLE: []},
				users[index % len(users)] if users else None,
			)
			for index, household in enumerate(adding)
		],
		due,
	)
	return {
		"property_project": project,
		"served": len(served),
		"required": required,
		"mandatory": len(mandatory),
		"planned": len(set(already) | set(adding)),
		"created": created,
		"assigned_to": users,
	}


def make_monthly_plan(
	month=None, company: str | None = None, commit: bool = False, progress=None
) -> list[dict]:
	"""The revisit plan for the month containing `month` (default: last month), per project;
	`progress(done, total)` is told after each project."""
	month = rules.month_start(getdate(month)) if month else rules.add_months(getdate(today()), -1)
	period = ServedPeriod(month, rules.add_months(month, 1), company)
	values = service_settings().as_dict()
	summaries = []
	projects = period.project_names()
	for done, project in enumerate(projects, 1):
		summary = plan_project(period, project, month, values)
		summaries.append(summary)
		if summary["created"]:
			notify(summary, month)
		if commit:
			# One project at a time: a failure later in the run keeps the plans already made.
			frappe.db.commit()
		if progress:
			progress(done, len(projects))
	return summaries


LINKS_SHOWN = 50


def notify(summary: dict, month: date) -> None:
	subject = _("Revisit plan {0} for {1}: {2} households to revisit").format(
		month.strftime("%Y-%m"), summary["property_project"], len(summary["created"])
	)
	content = _(
		"{0} households served, {1} revisits required, {2} mandatory cases, {3} planned in all."
	).format(summary["served"], summary["required"], summary["mandatory"], summary["planned"])
	created = summary["created"]
	content += "<br>" + ", ".join(get_link_to_form("Revisit Record", name) for name in created[:LINKS_SHOWN])
	if len(created) > LINKS_SHOWN:
		# The alert is also e-mailed: a few links, not a thousand (the list has them all).
		content += " " + _("and {0} more in the Revisit Record list.").format(len(created) - LINKS_SHOWN)
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
	"""Customer service makes (or completes) a month's plan from the Revisit Record list: on the
	long queue, with a progress bar, the result told to the user when it is made."""
	require_role("Customer Service", "System Manager")
	day = desk_date(month)
	return enqueue_desk_job(
		"tewei_service.revisits.plan.plan_job",
		_("Monthly Revisit Plan"),
		month=day.isoformat() if day else None,
	)


def plan_summary(summaries: list[dict]) -> str:
	return desk_summary(
		summaries,
		_("No households were served in that month."),
		lambda s: _("{0}: {1} served, {2} required, {3} planned ({4} new).").format(
			s["property_project"], s["served"], s["required"], s["planned"], len(s["created"])
		),
	)


def plan_job(month: str | None = None, title: str | None = None) -> str:
	"""The job behind Make Monthly Revisit Plan."""
	return run_desk_job(title, lambda progress: plan_summary(make_monthly_plan(month, progress=progress)))


# Desk jobs
# ---------

DESK_JOB_EVENT = "tewei_revisit_job_done"


def enqueue_desk_job(method: str, title: str, **kwargs) -> str:
	"""Run `method` on the long queue for the desk user; tests (which roll back, and have no worker)
	run it at once and get its result, unless `frappe.flags.tewei_enqueue_desk_jobs` is set."""
	now = bool(frappe.flags.in_test) and not frappe.flags.tewei_enqueue_desk_jobs
	if now:
		return frappe.call(method, title=title, **kwargs)
	job = frappe.enqueue(
		method,
		queue="long",
		timeout=3600,
		job_id=f"{method}:{frappe.as_json(kwargs, indent=None)}",
		deduplicate=True,
		title=title,
		**kwargs,
	)
	if job is None:
		return _("{0} is already being made; you will be told here when it is done.").format(title)
	return _("{0} is being made in the background; you will be told here when it is done.").format(title)


def run_desk_job(title: str | None, make) -> str:
	"""Make a desk job's result (`make(progress)`), showing progress, committing one project at a
	time outside tests, and tell the user who asked: a message on the desk and an alert."""
	title = title or _("Revisits")
	user = frappe.session.user

	def progress(done: int, total: int) -> None:
		if not frappe.flags.in_test:
			frappe.db.commit()  # one project at a time, as the scheduler's run
		frappe.publish_progress(100 * done / (total or 1), title=title, description=f"{done} / {total}")

	try:
		message = make(progress)
	except Exception:
		if not frappe.flags.in_test:
			frappe.db.rollback()
		frappe.publish_realtime(
			DESK_JOB_EVENT,
			{"title": title, "message": _("{0} failed; the error log has the details.").format(title)},
			user=user,
		)
		raise
	frappe.publish_realtime(DESK_JOB_EVENT, {"title": title, "message": message}, user=user)
	if user != "Guest":
		alert(user, title, message, "Revisit Record")
	return message


def desk_summary(summaries: list[dict], nothing_served: str, describe) -> str:
	"""What the list's button shows once a plan is made: one line per project."""
	if not summaries:
		return nothing_served
	return "<br>".join(describe(summary) for summary in summaries)
