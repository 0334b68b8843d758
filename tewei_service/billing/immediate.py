"""Immediate settlement (SPEC S2): the invoice and its payment at once, at the finance desk.

The customer pays on the spot, so the Sales Invoice and a Payment Entry for all of it are made and
submitted together; the receipt print format on the Payment Entry is stamped 現金收訖.
"""

import frappe
from frappe.utils import today

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from erpnext.accounts.doctype.sales_invoice.sales_invoice import get_bank_cash_account

from tewei_service.billing.invoices import FINANCE_ROLES, make_service_invoice, work_order_lines
from tewei_service.overrides.payment_entry import check_collector
from tewei_service.rules.settlement import check_immediate_settlement
from tewei_service.validation import require_role, throw_violations


def settle_now(
	company: str,
	customer: str,
	lines: list[dict],
	mode_of_payment: str,
	*,
	household: str | None = None,
	collected_by: str | None = None,
	collected_on=None,
):
	"""Make and submit the Sales Invoice of `lines` and a Payment Entry that pays all of it."""
	account = get_bank_cash_account(mode_of_payment, company)["account"]
	if collected_by:
		# Refuse before anything is made; the Payment Entry's own check stays the rule of record.
		check_collector(collected_by, sum(line["qty"] * line["rate"] for line in lines))
	invoice = make_service_invoice(company, customer, lines, tewei_household=household)
	payment = get_payment_entry("Sales Invoice", invoice.name, ignore_permissions=True)
	payment.update(
		{
			"mode_of_payment": mode_of_payment,
			"paid_to": account,
			"paid_to_account_currency": frappe.get_cached_value("Account", account, "account_currency"),
			"reference_no": invoice.name,
			"reference_date": today(),
			"tewei_collected_by": collected_by,
			"tewei_collected_on": collected_on or (today() if collected_by else None),
		}
	)
	payment.insert(ignore_permissions=True)
	payment.submit()
	return invoice, payment


def settle_record(doctype: str, name: str, check, lines, mode_of_payment, collected_by, collected_on) -> dict:
	"""Finance's settle action on an order or an errand: locked, checked, invoiced and paid once.

	`check(doc)` refuses what may not be settled; `lines(doc)` are its invoice lines.
	"""
	require_role(*FINANCE_ROLES)
	# Lock the record: a second click, or a second clerk, finds it invoiced.
	frappe.db.sql(f"select name from `tab{doctype}` where name = %s for update", name)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	check(doc)
	company = frappe.db.get_value("Property Project", doc.property_project, "company") or (
		frappe.db.get_single_value("Service Settings", "company")
	)
	invoice, payment = settle_now(
		company,
		doc.customer,
		lines(doc),
		mode_of_payment,
		household=doc.household,
		collected_by=collected_by,
		collected_on=collected_on,
	)
	return {"sales_invoice": invoice.name, "payment_entry": payment.name}


@frappe.whitelist()
def settle_work_order(
	work_order: str, mode_of_payment: str = "Cash", collected_by: str | None = None, collected_on=None
) -> dict:
	"""Finance's action on a completed order with immediate settlement."""
	return settle_record(
		"Service Work Order",
		work_order,
		lambda order: throw_violations(
			check_immediate_settlement(order.settlement_mode, order.workflow_state, order.sales_invoice),
			order,
		),
		lambda order: work_order_lines([order.name])[0],
		mode_of_payment,
		collected_by,
		collected_on,
	)
