"""The Item Group and selling Price List that hold the special services (settings point at them)."""

import frappe

ITEM_GROUP = "Special Services"
PRICE_LIST = "Special Services"


def create_catalogue_defaults() -> None:
	"""Create both and point Service Settings at them where it points nowhere yet.

	Before ERPNext's setup wizard has run there is no root Item Group: then this waits for the
	wizard (hooks.setup_wizard_complete).
	"""
	root_group = frappe.db.get_value("Item Group", {"is_group": 1, "parent_item_group": ("is", "not set")})
	if not root_group:
		return

	if not frappe.db.exists("Item Group", ITEM_GROUP):
		frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": ITEM_GROUP,
				"parent_item_group": root_group,
				"is_group": 0,
			}
		).insert(ignore_permissions=True)
	if not frappe.db.exists("Price List", PRICE_LIST):
		frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": PRICE_LIST,
				"selling": 1,
				"currency": frappe.db.get_default("currency"),
			}
		).insert(ignore_permissions=True)

	settings = frappe.get_single("Service Settings")
	if not (settings.item_group and settings.service_price_list):
		settings.item_group = settings.item_group or ITEM_GROUP
		settings.service_price_list = settings.service_price_list or PRICE_LIST
		settings.save(ignore_permissions=True)


def after_setup_wizard(args=None) -> None:
	create_catalogue_defaults()


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
