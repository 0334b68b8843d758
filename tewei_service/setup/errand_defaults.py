"""The Item that carries an errand's goods on its Sales Invoice (SPEC E1, S2).

The goods bought for a customer are not a catalogue service: they are charged at what they cost,
so every errand invoices them as one line of the non-stock Item "Errand Goods" (in the special
services' Item Group of Service Settings), described with the register number and the goods. The
errand's service fee, when there is one, is a second line with the catalogue service's own Item.
"""

import frappe
from frappe import _

ERRAND_GOODS = "Errand Goods"


def create_errand_defaults() -> str | None:
	"""Create the Item once; its name, or None while the settings have no Item Group yet.

	Before ERPNext's setup wizard there is neither the Item Group nor a unit of measure: then the
	next migrate, or the first settlement (errand_goods_item), creates it.
	"""
	if name := frappe.db.get_value("Item", {"item_code": ERRAND_GOODS}):
		return name
	item_group = frappe.db.get_single_value("Service Settings", "item_group")
	uom = frappe.db.get_single_value("Stock Settings", "stock_uom") or "Nos"
	if not (item_group and frappe.db.exists("Item Group", item_group) and frappe.db.exists("UOM", uom)):
		return None
	return (
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": ERRAND_GOODS,
				"item_name": ERRAND_GOODS,
				"item_group": item_group,
				"stock_uom": uom,
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
				"is_sales_item": 1,
				"is_purchase_item": 0,
				"description": "Goods bought for a customer on an Errand Purchase (代客購物), charged at cost.",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def errand_goods_item() -> str:
	"""The Item's name, created if needed; a clear message when the settings are not ready."""
	name = create_errand_defaults()
	if not name:
		frappe.throw(
			_("Set the Item Group in Service Settings before settling errands."),
			title=_("Settings Incomplete"),
		)
	return name


def delete_errand_defaults() -> None:
	"""Remove the Item unless invoices use it (then it belongs to the company's records)."""
	name = frappe.db.get_value("Item", {"item_code": ERRAND_GOODS})
	if not name:
		return
	frappe.db.savepoint("tewei_errand_defaults")
	try:
		frappe.delete_doc("Item", name, ignore_permissions=True)
	except frappe.LinkExistsError:
		frappe.db.rollback(save_point="tewei_errand_defaults")
