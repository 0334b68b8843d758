"""The Items that carry what is not a catalogue service on a Sales Invoice (SPEC E1, C5, S1, S2).

- "Errand Goods": the goods bought for a customer are charged at what they cost, as one line
  described with the register number and the goods. The errand's service fee, when there is one,
  is a second line with the catalogue service's own Item.
- "Temporary Service": a temporary job (臨時性特約服務) is priced on its approved Price
  Confirmation, and that price is one line of this Item, described with the confirmation.

Both are non-stock Items in the special services' Item Group of Service Settings; the invoice lines
take the income account and cost centre of the settings, like every service line.
"""

import frappe
from frappe import _

from tewei_service.settings import setting

ERRAND_GOODS = "Errand Goods"
TEMPORARY_SERVICE = "Temporary Service"
BILLING_ITEMS = {
	ERRAND_GOODS: "Goods bought for a customer on an Errand Purchase (代客購物), charged at cost.",
	TEMPORARY_SERVICE: "A temporary service (臨時性特約服務) priced on an approved Price Confirmation.",
}


def create_billing_item(item_code: str) -> str | None:
	"""Create the Item once; its name, or None while the settings have no Item Group yet.

	Before ERPNext's setup wizard there is neither the Item Group nor a unit of measure: then the
	next migrate, or the first invoice that needs it (billing_item), creates it.
	"""
	if name := frappe.db.get_value("Item", {"item_code": item_code}):
		return name
	item_group = setting("item_group")
	uom = frappe.db.get_single_value("Stock Settings", "stock_uom") or "Nos"
	if not (item_group and frappe.db.exists("Item Group", item_group) and frappe.db.exists("UOM", uom)):
		return None
	return (
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": item_code,
				"item_name": item_code,
				"item_group": item_group,
				"stock_uom": uom,
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
				"is_sales_item": 1,
				"is_purchase_item": 0,
				"description": BILLING_ITEMS[item_code],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def create_billing_items() -> None:
	for item_code in BILLING_ITEMS:
		create_billing_item(item_code)


def billing_item(item_code: str) -> str:
	"""The Item's name, created if needed; a clear message when the settings are not ready."""
	name = create_billing_item(item_code)
	if not name:
		frappe.throw(
			_("Set the Item Group in Service Settings before invoicing {0}.").format(_(item_code)),
			title=_("Settings Incomplete"),
		)
	return name


def delete_billing_items() -> None:
	"""Remove the Items unless invoices use them (then they belong to the company's records)."""
	for item_code in BILLING_ITEMS:
		name = frappe.db.get_value("Item", {"item_code": item_code})
		if not name:
			continue
		frappe.db.savepoint("tewei_billing_items")
		try:
			frappe.delete_doc("Item", name, ignore_permissions=True)
		except frappe.LinkExistsError:
			frappe.db.rollback(save_point="tewei_billing_items")
