"""The work orders' daily rhythm (SPEC W7, W8, R7): the morning check, the end-of-day unsigned list
and the staff's signatures on the daily register."""

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, get_link_to_form, get_time, getdate, now_datetime, today

from tewei_service.alerts import alert
from tewei_service.exceptions import ServicePermissionError
from tewei_service.rules.daily import check_unsigned_follow_up, check_window
from tewei_service.settings import setting
from tewei_service.states import WorkOrderState
from tewei_service.validation import throw_violations


def department_heads() -> dict[str | None, list[str]]:
	"""Enabled department heads by their Employee department (None: heads with no department)."""
	heads = frappe.get_all(
		"Has Role", filters={"role": "Service Department Head", "parenttype": "User"}, pluck="parent"
	)
	if not heads:
		return {}
	enabled = set(frappe.get_all("User", {"name": ("in", heads), "enabled": 1}, pluck="name"))
	departments = {}
	for employee in frappe.get_all(
		"Employee",
		{"user_id": ("in", list(enabled) or [""]), "status": "Active"},
		["user_id", "department"],
		order_by="creation",
	):
		departments.setdefault(employee.user_id, employee.department)
	by_department: dict[str | None, list[str]] = {}
	for user in heads:
		if user in enabled:
			by_department.setdefault(departments.get(user), []).append(user)
	return by_department


def company_holidays(company: str | None) -> set:
	holiday_list = company and frappe.get_cached_value("Company", company, "default_holiday_list")
	if not holiday_list:
		return set()
	return {getdate(day) for day in frappe.get_all("Holiday", {"parent": holiday_list}, pluck="holiday_date")}


# Signed by the customer, or never to be: every other order booked for a day is unsigned (W8).
SIGNED_OR_CLOSED = (*WorkOrderState.SERVED, WorkOrderState.CANCELLED, WorkOrderState.DECLINED)


def orders_to_check(first_day, last_day) -> list[dict]:
	"""W7: the orders completed from `first_day` to `last_day` that no department head has checked."""
	return frappe.get_all(
		"Service Work Order",
		filters={
			"workflow_state": WorkOrderState.COMPLETED,
			"completed_on": ("between", (getdate(first_day), getdate(last_day))),
		},
		fields=["name", "customer", "department", "total_amount", "completed_on"],
		order_by="completed_on",
	)


def unsigned_orders(day) -> list[dict]:
	"""W8, R7: every order booked for `day` or any day before it (or not booked at all) and not
	signed yet, with the reason, the expected finish and how it will be handled (§4.3.4)."""
	# Not get_all: it wraps "not in" and "<" in ifnull(), and the (workflow_state, appointment_start)
	# index could then not skip the years of closed orders.
	order = frappe.qb.DocType("Service Work Order")
	return (
		frappe.qb.from_(order)
		.select(
			order.name,
			order.customer,
			order.department,
			order.assigned_staff,
			order.workflow_state,
			order.appointment_start,
			order.unsigned_reason,
			order.expected_finish,
			order.unsigned_handling,
		)
		.where(order.workflow_state.notin(SIGNED_OR_CLOSED) | order.workflow_state.isnull())
		.where((order.appointment_start < add_days(getdate(day), 1)) | order.appointment_start.isnull())
		.orderby(order.appointment_start)
		.run(as_dict=True)
	)


def send_daily_lists_when_due() -> None:
	"""Every quarter of an hour: each daily list goes out once a day, once its time has come."""
	now = now_datetime()
	for key, at, send in (
		("morning_check", setting("morning_check_time", "09:00:00"), send_morning_check_lists),
		("unsigned_list", setting("unsigned_list_time", "18:00:00"), send_end_of_day_unsigned_lists),
	):
		sent_on = f"tewei_{key}_sent_on"
		if now.time() >= get_time(at) and frappe.db.get_default(sent_on) != str(now.date()):
			frappe.db.set_default(sent_on, str(now.date()))
			send()


def send_morning_check_lists(morning=None) -> None:
	"""Every working morning: each department head is told which orders completed since the last
	working morning to check (a Monday's list covers Friday to Sunday; holidays from the company's
	Holiday List)."""
	window = check_window(getdate(morning or today()), company_holidays(setting("company")))
	if not window:
		return
	first, last = (frappe.format_value(day, {"fieldtype": "Date"}) for day in window)
	notify_heads(
		orders_to_check(*window),
		_("Orders of {0} to check").format(first)
		if first == last
		else _("Orders of {0} to {1} to check").format(first, last),
	)


def send_end_of_day_unsigned_lists(day=None) -> None:
	"""Before the end of the day: each department head gets every order not signed yet, of this day
	or an earlier one, with what is still missing of its reason and expected finish."""
	notify_heads(unsigned_orders(getdate(day or today())), _("Orders not signed off"), describe=follow_up)


def follow_up(order) -> str:
	day = frappe.format_value(order.appointment_start, {"fieldtype": "Date"})
	finish = (
		frappe.format_value(order.expected_finish, {"fieldtype": "Datetime"})
		if order.expected_finish
		else _("no expected finish yet")
	)
	return f"{day} · {order.unsigned_reason or _('no reason given yet')} · {finish}"


def validate_unsigned_follow_up(order) -> None:
	"""R7 (§4.3.4): an order still unsigned after its appointment day has a reason and an expected
	finish; the day's own evening list marks those missing."""
	throw_violations(
		check_unsigned_follow_up(
			getdate(order.appointment_start) if order.appointment_start else None,
			getdate(today()),
			order.workflow_state not in SIGNED_OR_CLOSED,
			order.unsigned_reason,
			order.expected_finish,
		),
		order,
		_("Not Signed: Reason Needed"),
	)


def sign_register(order) -> None:
	"""The staff member who did the work signs its line of the daily register
	(《特約服務/維修登記表》) once the customer has signed (§4.1.1.5, §4.2.3)."""
	doc = frappe.get_doc("Service Work Order", order.name)  # not the client's copy
	if doc.workflow_state not in WorkOrderState.SERVED:
		frappe.throw(_("The register is signed after the customer has signed off the work."))
	if doc.register_signed_by:
		frappe.throw(_("{0} already signed the register for this order.").format(doc.register_signed_by))
	if (
		not doc.assigned_staff
		or frappe.db.get_value("Employee", doc.assigned_staff, "user_id") != frappe.session.user
	):
		frappe.throw(
			_("Only the staff member who did the work signs its line of the register."),
			ServicePermissionError,
		)
	doc.flags.server_writes = ("register_signed_by", "register_signed_on")
	doc.register_signed_by, doc.register_signed_on = frappe.session.user, now_datetime()
	# The staff member's own assignment; the checks above stand for the workflow's edit rights.
	doc.save(ignore_permissions=True)


def notify_heads(orders: list[dict], subject: str, describe=None) -> None:
	"""One alert per department head with their department's orders (heads with no department
	receive the orders of departments that have no head of their own)."""
	heads = department_heads()
	by_department: dict[str | None, list] = {}
	for order in orders:
		by_department.setdefault(order.department, []).append(order)
	for department, listed in by_department.items():
		# The alert is HTML: what people typed (customer names, reasons) is escaped.
		lines = [
			f"{get_link_to_form('Service Work Order', order.name)} {escape_html(order.customer)}"
			+ (f": {escape_html(describe(order))}" if describe else "")
			for order in listed
		]
		for user in heads.get(department) or heads.get(None) or []:
			alert(user, subject, "<br>".join(lines), "Service Work Order")
