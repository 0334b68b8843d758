"""The ERPNext Customer an owner or tenant is on record as."""

import frappe


def individual_customer(name: str) -> str:
	"""The individual Customer called `name`, made in the site's first customer group and territory
	when there is none yet."""
	if not frappe.db.exists("Customer", name):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Individual",
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}, "name"),
				"territory": frappe.db.get_value("Territory", {"is_group": 0}, "name"),
			}
		).insert(ignore_permissions=True)
	return name
