"""Select permission on the ERPNext records the app's forms link to, for the app's roles.

A Link field is filled only by a user who may select its records: without these rules a branch
manager cannot pick a catalogue item's unit, nor the desk an order's customer or staff member
(found by the browser tests). Select lets the user pick a record by name, not read the record.
Uninstall removes them with the roles (`roles.delete_roles` deletes their Custom DocPerm rows).
"""

import frappe
from frappe.permissions import add_permission, update_permission_property

LINKED_RECORDS = {
	"UOM": ("Branch Manager",),
	"Department": ("Branch Manager", "Service Department Head", "Customer Service"),
	"Customer": ("Customer Service", "Service Department Head"),
	"Employee": ("Customer Service", "Service Department Head"),
}


def grant_link_permissions() -> None:
	for doctype, roles in LINKED_RECORDS.items():
		for role in roles:
			if frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				continue
			add_permission(doctype, role, 0, "select")
			update_permission_property(doctype, role, 0, "read", 0, validate=False)
