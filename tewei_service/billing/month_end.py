"""Month-end billing (SPEC S1): each customer's checked month-end orders on one billing notice.

The invoice is an ordinary ERPNext Sales Invoice (《收費通知單》), built once with all its lines,
one line per order item, each line referring to its work order. Orders are locked while a
customer's invoice is made, so two runs at once never bill an order twice.

Finance starts a month in a Billing Run (billing/billing_run.py), which bills and commits one
customer at a time in background jobs; `bill_month` bills a period inside the caller's transaction.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.billing.invoices import known_to_exist, make_service_invoice, work_order_lines
from tewei_service.billing.jobs import attempt
from tewei_service.rules.settlement import MONTH_END_SETTLEMENT
from tewei_service.setup.roles import FINANCE_ROLES
from tewei_service.states import WorkOrderState
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
			"workflow_state": ("in", WorkOrderState.SERVED),
			"settlement_mode": MONTH_END_SETTLEMENT,
			"sales_invoice": ("is", "not set"),
			"completed_on": ("between", (getdate(from_date), getdate(to_date))),
		},
		fields=["name", "customer", "workflow_state"],
		order_by="customer, completed_on",
	)


def plan_month(company: str, from_date, to_date) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
	"""The orders to bill per customer, and the orders left out with their reason."""
	by_customer: dict[str, list[str]] = {}
	skipped = []
	for order in month_end_orders(company, from_date, to_date):
		if order.workflow_state == WorkOrderState.CHECKED:
			by_customer.setdefault(order.customer, []).append(order.name)
		else:
			# S1 bills signed-off orders only; finance sees which ones wait for the check.
			skipped.append((order.name, _("not checked by the department head yet")))
	return by_customer, skipped


def bill_month(company: str, from_date, to_date) -> dict:
	"""Make and submit one Sales Invoice per customer in the current transaction; returns what was
	made and what was skipped."""
	by_customer, skipped = plan_month(company, from_date, to_date)
	summary = {"invoices": [], "orders_billed": 0, "skipped": skipped}
	for customer, names in by_customer.items():
		invoice, billed, customer_skipped = bill_customer(company, customer, names)
		if invoice:
			summary["invoices"].append(invoice)
			summary["orders_billed"] += len(billed)
		summary["skipped"] += customer_skipped
	return summary


def bill_customer(
	company: str, customer: str, names: list[str], invoice_name: str | None = None
) -> tuple[str | None, list[str], list[tuple[str, str]]]:
	"""One customer's billing notice: (its name or None, the orders it bills, the orders skipped with
	their reason). A customer that cannot be billed is skipped with the reason, and the run goes
	on with the others."""

	def bill():
		# Lock the orders; a run that got here first has billed them by the time the lock is ours.
		unbilled = frappe.db.sql_list(
			"""select name from `tabService Work Order`
			where name in %(names)s and ifnull(sales_invoice, '') = '' for update""",
			{"names": names},
		)
		known_to_exist("Service Work Order", unbilled)
		invoice = make_billing_notice(company, customer, unbilled, invoice_name) if unbilled else None
		return unbilled, invoice

	result, reason = attempt(
		bill, title=_("Month-end billing of {0}").format(customer), doctype="Customer", name=customer
	)
	if reason:
		return None, [], [(name, _("not billed: {0}").format(reason)) for name in names]
	unbilled, invoice = result
	skipped = [(name, _("already billed")) for name in names if name not in unbilled]
	return (invoice.name if invoice else None), unbilled, skipped


def make_billing_notice(company: str, customer: str, order_names: list[str], name: str | None = None):
	lines, households = work_order_lines(order_names)
	household = households.pop() if len(households) == 1 else None
	return make_service_invoice(company, customer, lines, name=name, tewei_household=household)


@frappe.whitelist()
def enqueue_month_end_billing(company: str, from_date: str, to_date: str) -> dict:
	"""Finance's action: a Billing Run of the period, billed in the background; the one already
	going for the company and period if there is one."""
	from tewei_service.billing.billing_run import start_month_end_run

	require_role(*FINANCE_ROLES)
	return start_month_end_run(company, from_date, to_date)
