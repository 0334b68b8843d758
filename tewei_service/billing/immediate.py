"""Immediate settlement (SPEC S2): the invoice and its payment at once, at the finance desk.

The customer pays on the spot, so the Sales Invoice and a Payment Entry for all of it are made and
submitted together; the receipt print format on the Payment Entry is stamped 現金收訖.
"""

import frappe
from frappe import _
from frappe.utils import today

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from erpnext.accounts.doctype.sales_invoice.sales_invoice import get_bank_cash_account

from tewei_service.billing.collection import check_collector
from tewei_service.billing.invoices import make_service_invoice, work_order_lines
from tewei_service.errands.settlement import check_settleable, errand_lines
from tewei_service.rules.settlement import check_immediate_settlement
from tewei_service.settings import setting
from tewei_service.setup.roles import FINANCE_ROLES
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


def check_order_settleable(order) -> None:
	throw_violations(
		check_immediate_settlement(order.settlement_mode, order.workflow_state, order.sales_invoice), order
	)


def order_lines(order) -> list[dict]:
	return work_order_lines([order.name])[0]


# What finance settles on the spot: doctype → (refuse what may not be settled, its invoice lines)
SETTLEABLE = {
	"Service Work Order": (check_order_settleable, order_lines),
	"Errand Purchase": (check_settleable, errand_lines),
}


@frappe.whitelist()
def settle(
	doctype: str, name: str, mode_of_payment: str = "Cash", collected_by: str | None = None, collected_on=None
) -> dict:
	"""Settle at Finance (S2): a completed immediate order or a delivered errand, locked, checked,
	invoiced and paid once."""
	require_role(*FINANCE_ROLES)
	if doctype not in SETTLEABLE:
		frappe.throw(_("{0} is not settled at the finance desk.").format(_(doctype)))
	check, lines = SETTLEABLE[doctype]
	# Lock the record: a second click, or a second clerk, finds it invoiced.
	frappe.db.sql(f"select name from `tab{doctype}` where name = %s for update", name)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	check(doc)
	company = frappe.db.get_value("Property Project", doc.property_project, "company") or setting("company")
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
