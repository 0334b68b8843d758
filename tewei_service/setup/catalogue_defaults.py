"""The Item Group and selling Price List that hold the special services (settings point at them)."""

import frappe

ITEM_GROUP = "Special Services"
PRICE_LIST = "Special Services"


def create_catalogue_defaults() -> None:
	if not frappe.db.exists("Item Group", ITEM_GROUP):
		frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": ITEM_GROUP,
				"parent_item_group": frappe.db.get_value(
					"Item Group", {"is_group": 1, "parent_item_group": ""}
				)
				or "All Item Groups",
				"is_group": 0,
			}
		).insert(ignore_permissions=True)
	if not frappe.db.exists("Price List", PRICE_LIST):
		frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": PRICE_LIST,
				"selling": 1,
				"currency": frappe.db.get_default("currency") or "CNY",
			}
		).insert(ignore_permissions=True)


def delete_catalogue_defaults() -> None:
	"""Remove them unless invoices or items still use them (then they are the company's records)."""
	for doctype, name in (("Price List", PRICE_LIST), ("Item Group", ITEM_GROUP)):
		if not frappe.db.exists(doctype, name):
			continue
		frappe.db.savepoint("tewei_catalogue_defaults")
		try:
			frappe.delete_doc(doctype, name, ignore_permissions=True)
		except frappe.LinkExistsError:
			frappe.db.rollback(save_point="tewei_catalogue_defaults")
