"""Fields the app adds to ERPNext documents, as data (created on install and migrate)."""

import frappe

CUSTOM_FIELDS = {
	"Sales Invoice Item": [
		{
			"fieldname": "tewei_work_order",
			# One invoice per billed thing: the desk's Duplicate does not copy it (S1, E1, S4).
			"no_copy": 1,
			"label": "Service Work Order",
			"fieldtype": "Link",
			"options": "Service Work Order",
			"insert_after": "item_name",
			"read_only": 1,
			"search_index": 1,
			"translatable": 0,
		},
		{
			"fieldname": "tewei_errand_purchase",
			"no_copy": 1,
			"label": "Errand Purchase",
			"fieldtype": "Link",
			"options": "Errand Purchase",
			"insert_after": "tewei_work_order",
			"read_only": 1,
			"search_index": 1,
			"translatable": 0,
		},
		{
			# A notice for a customer with several units names each line's household (P1).
			"fieldname": "tewei_household",
			"label": "Household",
			"fieldtype": "Link",
			"options": "Household",
			"insert_after": "tewei_errand_purchase",
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
		{
			"fieldname": "tewei_service_agreement",
			"no_copy": 1,
			"label": "Service Agreement",
			"fieldtype": "Link",
			"options": "Service Agreement",
			"insert_after": "tewei_household",
			"read_only": 1,
			"search_index": 1,
			"translatable": 0,
		},
		{
			"fieldname": "tewei_cycle_start",
			"no_copy": 1,
			"label": "Agreement Cycle From",
			"fieldtype": "Date",
			"insert_after": "tewei_service_agreement",
			"read_only": 1,
			"depends_on": "tewei_service_agreement",
		},
		{
			"fieldname": "tewei_cycle_end",
			"no_copy": 1,
			"label": "Agreement Cycle To",
			"fieldtype": "Date",
			"insert_after": "tewei_cycle_start",
			"read_only": 1,
			"depends_on": "tewei_service_agreement",
		},
	],
	# S3: who took the money from the customer, and when; finance receives it on the posting date.
	"Payment Entry": [
		{
			"fieldname": "tewei_collected_by",
			"label": "Collected By",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "mode_of_payment",
			"description": "The service employee who took the money from the customer, if not finance.",
			"translatable": 0,
		},
		{
			"fieldname": "tewei_collected_on",
			"label": "Collected On",
			"fieldtype": "Date",
			"insert_after": "tewei_collected_by",
			"depends_on": "tewei_collected_by",
			"mandatory_depends_on": "tewei_collected_by",
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
