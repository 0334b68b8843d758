"""An errand's money goes through finance like an immediate order (SPEC E1, S2, S5).

On delivery the customer pays for the goods (and the errand's service fee, if any) at the finance
desk: one Sales Invoice and a Payment Entry for all of it, made together by
`tewei_service.billing.immediate.settle`. Every line refers back to the errand (Sales Invoice
Item → Errand Purchase), and the Sales Invoice hook keeps the errand's invoice and payment status
in step from then on.
"""

import frappe
from frappe import _

from tewei_service.rules.errands import check_unregistered_errand_goods
from tewei_service.settings import setting
from tewei_service.setup.billing_items import ERRAND_GOODS, billing_item
from tewei_service.validation import throw_violations

# Finance receives the money; customer service accompanies the customer to the desk (S2). ERPNext's
# own invoice and payment code reads the customer, the accounts and their balances with the user's
# permissions, so only the accounting roles (setup.roles.FINANCE_ROLES) settle errands.


def errand_lines(errand) -> list[dict]:
	"""The goods at cost as one line, and the service fee as a second line when one is charged."""
	goods = " ".join(part for part in (errand.item_name, errand.brand, errand.spec) if part)
	lines = [
		{
			"item_code": billing_item(ERRAND_GOODS),
			"qty": 1,
			"rate": errand.amount,
			"description": f"{errand.name}: {goods} × {errand.quantity:g} @ {errand.price:.2f}",
			"tewei_errand_purchase": errand.name,
			"tewei_household": errand.household,
		}
	]
	if errand.service_item and errand.service_fee:
		service = frappe.db.get_value(
			"Service Catalogue Item", errand.service_item, ["item", "service_name"], as_dict=True
		)
		lines.append(
			{
				"item_code": service.item,
				"qty": 1,
				"rate": errand.service_fee,
				"description": f"{errand.name}: {service.service_name}",
				"tewei_errand_purchase": errand.name,
				"tewei_household": errand.household,
			}
		)
	return lines


def check_settleable(errand) -> None:
	if errand.docstatus != 1 or errand.not_purchased:
		frappe.throw(_("Only a delivered errand is settled: submit it with the customer's signature first."))
	if errand.sales_invoice:
		frappe.throw(_("The errand is already invoiced on {0}.").format(errand.sales_invoice))


def check_errand_goods(invoice) -> None:
	"""E1, on every Sales Invoice: errand goods at or over the threshold come from a register entry.

	Finance cannot charge a customer for goods bought on their behalf without the register number,
	so every such purchase is on the register and its number accounted for.
	"""
	goods = frappe.db.get_value("Item", {"item_code": ERRAND_GOODS})
	if not goods or invoice.get("is_return"):
		return
	threshold = setting("errand_registration_threshold", 0)
	throw_violations(
		check_unregistered_errand_goods(
			[
				(row.rate or 0, _is_registered(row.get("tewei_errand_purchase")))
				for row in invoice.items
				if row.item_code == goods
			],
			threshold,
		),
		invoice,
		_("Errand Not Registered"),
	)


def _is_registered(errand: str | None) -> bool:
	"""A line refers to a submitted (delivered) register entry."""
	return bool(errand) and frappe.db.get_value("Errand Purchase", errand, "docstatus") == 1
