"""Month-end billing (SPEC S1): each customer's checked month-end orders on one billing notice.

The invoice is an ordinary ERPNext Sales Invoice (《收費通知單》), built once with all its lines,
one line per order item, each line referring to its work order. Orders are locked while a
customer's invoice is made, so two runs at once never bill an order twice.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.alerts import alert
from tewei_service.billing.invoices import FINANCE_ROLES, make_service_invoice, work_order_lines
from tewei_service.validation import require_role


def month_end_orders(company: str, from_date, to_date) -> list[dict]:
	"""Completed or checked month-end orders not billed yet, of the company's property projects."""
	return frappe.get_all(
		"Service Work Order",
		filters={
			"property_project": (
				"in",
				frappe.get_all("Property Project", {"company": company}, pluck="name"),
			),
			"workflow_state": ("in", ("Completed", "Checked")),
			"settlement_mode": "Month-end",
			"sales_invoice": ("is", "not set"),
			"completed_on": ("between", (getdate(from_date), getdate(to_date))),
		},
		fields=["name", "customer", "workflow_state"],
		order_by="customer, completed_on",
	)


def bill_month(company: str, from_date, to_date) -> dict:
	"""Make and submit one Sales Invoice per customer; returns what was made and what was skipped."""
	summary = {"invoices": [], "orders_billed": 0, "skipped": []}
	by_customer: dict[str, list[str]] = {}
	for order in month_end_orders(company, from_date, to_date):
		if order.workflow_state == "Checked":
			by_customer.setdefault(order.customer, []).append(order.name)
		else:
			# S1 bills signed-off orders only; finance sees which ones wait for the check.
			summary["skipped"].append((order.name, _("not checked by the department head yet")))

	for index, (customer, names) in enumerate(by_customer.items(), 1):
		frappe.publish_progress(
			index * 100 / len(by_customer), title=_("Billing notices"), description=customer
		)
		# Lock the orders; a run that got here first has billed them by the time the lock is ours.
		still_unbilled = frappe.db.sql_list(
			"""select name from `tabService Work Order`
			where name in %(names)s and ifnull(sales_invoice, '') = '' for update""",
			{"names": names},
		)
		summary["skipped"] += [(name, _("already billed")) for name in names if name not in still_unbilled]
		if still_unbilled:
			invoice = make_billing_notice(company, customer, still_unbilled)
			summary["invoices"].append(invoice.name)
			summary["orders_billed"] += len(still_unbilled)
	return summary


def make_billing_notice(company: str, customer: str, order_names: list[str]):
	lines, households = work_order_lines(order_names)
	household = households.pop() if len(households) == 1 else None
	return make_service_invoice(company, customer, lines, tewei_household=household)


@frappe.whitelist()
def enqueue_month_end_billing(company: str, from_date: str, to_date: str) -> None:
	"""Finance's action: runs in the background with a progress bar; the summary comes as a notification."""
	require_role(*FINANCE_ROLES)
	frappe.enqueue(
		run_and_report, company=company, from_date=from_date, to_date=to_date, user=frappe.session.user
	)


def run_and_report(company: str, from_date, to_date, user: str) -> None:
	summary = bill_month(company, from_date, to_date)
	alert(
		user,
		_("Month-end billing: {0} billing notices, {1} orders billed, {2} skipped").format(
			len(summary["invoices"]), summary["orders_billed"], len(summary["skipped"])
		),
		"<br>".join([*summary["invoices"], *(f"{name}: {reason}" for name, reason in summary["skipped"])]),
		"Sales Invoice",
	)
