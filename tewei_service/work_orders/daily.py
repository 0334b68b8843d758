"""The work orders' daily rhythm (SPEC W7, W8): the morning check and the end-of-day unsigned list."""

import frappe
from frappe import _
from frappe.utils import escape_html, get_link_to_form, getdate, today

from tewei_service.alerts import alert
from tewei_service.rules.work_order import previous_working_day
from tewei_service.settings import setting
from tewei_service.states import WorkOrderState


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


def orders_to_check(day) -> list[dict]:
	"""W7: the orders completed on `day` that a department head has not checked yet."""
	return frappe.get_all(
		"Service Work Order",
		filters={"workflow_state": WorkOrderState.COMPLETED, "completed_on": ("between", (day, day))},
		fields=["name", "customer", "department", "total_amount", "completed_on"],
		order_by="completed_on",
	)


def unsigned_orders(day) -> list[dict]:
	"""W8: the day's appointments not signed off yet, with the reason and expected finish."""
	return frappe.get_all(
		"Service Work Order",
		filters={
			"workflow_state": ("in", WorkOrderState.UNDER_WAY),
			"appointment_start": ("between", (day, day)),
		},
		fields=[
			"name",
			"customer",
			"department",
			"assigned_staff",
			"workflow_state",
			"appointment_start",
			"unsigned_reason",
			"expected_finish",
		],
		order_by="appointment_start",
	)


def send_morning_check_lists() -> None:
	"""Every morning: each department head is told which of yesterday's orders to check."""
	company = setting("company")
	day = previous_working_day(getdate(today()), company_holidays(company))
	notify_heads(
		orders_to_check(day),
		_("Orders of {0} to check").format(frappe.format_value(day, {"fieldtype": "Date"})),
	)


def send_end_of_day_unsigned_lists() -> None:
	"""Before the end of the day: each department head gets the orders not yet signed off."""
	notify_heads(
		unsigned_orders(getdate(today())),
		_("Orders not signed off today"),
		describe=lambda order: order.unsigned_reason or _("no reason given yet"),
	)


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
