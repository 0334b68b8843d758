"""Month-end billing (SPEC S1): each customer's checked month-end orders on one billing notice.

The invoice is an ordinary ERPNext Sales Invoice (《收費通知單》), built once with all its lines,
one line per order item, each line referring to its work order. Orders are locked while a
customer's invoice is made, so two runs at once never bill an order twice.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from tewei_service.alerts import alert


def billable_orders(company: str, from_date, to_date) -> list[dict]:
	"""Checked month-end orders not billed yet, of the company's property projects."""
	return frappe.get_all(
		"Service Work Order",
		filters={
			"property_project": (
				"in",
				frappe.get_all("Property Project", {"company": company}, pluck="name"),
			),
			"workflow_state": "Checked",
			"settlement_mode": "Month-end",
			"sales_invoice": ("is", "not set"),
			"completed_on": ("between", (getdate(from_date), getdate(to_date))),
		},
		fields=["name", "customer", "household"],
		order_by="customer, completed_on",
	)


def bill_month(company: str, from_date, to_date) -> dict:
	"""Make and submit one Sales Invoice per customer; returns what was made and what was skipped."""
	summary = {"invoices": [], "orders_billed": 0, "skipped": []}
	by_customer: dict[str, list[str]] = {}
	for order in billable_orders(company, from_date, to_date):
		by_customer.setdefault(order.customer, []).append(order.name)

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
	settings = frappe.get_cached_doc("Service Settings")
	invoice = frappe.new_doc("Sales Invoice")
	invoice.update(
		{
			"company": company,
			"customer": customer,
			"posting_date": nowdate(),
			"set_posting_time": 1,
			"selling_price_list": settings.service_price_list,
			"ignore_pricing_rule": 1,
			"cost_center": settings.cost_center,
		}
	)
	households = set()
	for name in order_names:
		order = frappe.get_doc("Service Work Order", name)
		households.add(order.household)
		for row in order.items:
			invoice.append(
				"items",
				{
					"item_code": frappe.db.get_value("Service Catalogue Item", row.catalogue_item, "item"),
					"qty": row.qty,
					"rate": row.rate,
					"uom": row.unit_of_charge,
					"income_account": settings.income_account,
					"cost_center": settings.cost_center,
					"tewei_work_order": name,
				},
			)
	if len(households) == 1:
		invoice.tewei_household = households.pop()
	invoice.set_missing_values()
	invoice.calculate_taxes_and_totals()
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	return invoice


@frappe.whitelist()
def enqueue_month_end_billing(company: str, from_date: str, to_date: str) -> None:
	"""Finance's action: runs in the background with a progress bar; the summary comes as a notification."""
	frappe.only_for(("Accounts Manager", "Accounts User", "System Manager"))
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
