"""Fields the app adds to ERPNext documents, as data (created on install and migrate)."""

import frappe

CUSTOM_FIELDS = {
	"Sales Invoice Item": [
		{
			"fieldname": "tewei_work_order",
			"label": "Service Work Order",
			"fieldtype": "Link",
			"options": "Service Work Order",
			"insert_after": "item_name",
			"read_only": 1,
			"search_index": 1,
			"translatable": 0,
		},
	],
	"Sales Invoice": [
		{
			"fieldname": "tewei_household",
			"label": "Household",
			"fieldtype": "Link",
			"options": "Household",
			"insert_after": "customer_name",
			"in_standard_filter": 1,
			"search_index": 1,
			"translatable": 0,
		},
	],
}


def delete_custom_fields() -> None:
	"""Remove the fields and their columns: an uninstalled app leaves nothing in ERPNext's tables."""
	for doctype, fields in CUSTOM_FIELDS.items():
		fieldnames = [field["fieldname"] for field in fields]
		frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": ("in", fieldnames)})
		for fieldname in fieldnames:
			if frappe.db.has_column(doctype, fieldname):
				frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `{fieldname}`")
		frappe.clear_cache(doctype=doctype)
