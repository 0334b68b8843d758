"""Sales Invoices for the special services, built once with all their lines (SPEC S1, S2, S4).

Every way money comes in (month-end notice, immediate settlement, agreement cycle, errand) makes an
ordinary ERPNext Sales Invoice here, so finance sees the same documents, accounts and price list.
"""

import frappe
from frappe.model.naming import revert_series_if_last, set_new_name
from frappe.utils import nowdate

from tewei_service.settings import service_settings
from tewei_service.setup.billing_items import TEMPORARY_SERVICE, billing_item


def new_service_invoice(company: str, customer: str | None = None, **values):
	"""An unsaved Sales Invoice with the service price list, accounts and today's date."""
	settings = service_settings()
	invoice = frappe.new_doc("Sales Invoice")
	invoice.update(
		{
			"company": company,
			"customer": customer,
			"posting_date": nowdate(),
			"set_posting_time": 1,
			"selling_price_list": settings.service_price_list,
			"ignore_pricing_rule": 1,
			"cost_center": settings.cost_center,
			**values,
		}
	)
	return invoice


def make_service_invoice(company: str, customer: str, lines: list[dict], name: str | None = None, **values):
	"""Insert and submit an invoice of `lines` (Sales Invoice Item values) at the service price list,
	under `name` when one was reserved for it (reserve_invoice_name)."""
	settings = service_settings()
	invoice = new_service_invoice(company, customer, **values)
	for line in lines:
		invoice.append(
			"items", {"income_account": settings.income_account, "cost_center": settings.cost_center, **line}
		)
	# ERPNext's validate fills in and totals the invoice, on insert and again on submit; doing it
	# here as well would be a third time.
	invoice.insert(ignore_permissions=True, set_name=name)
	invoice.submit()
	return invoice


def reserve_invoice_name(company: str) -> str:
	"""The next name of the Sales Invoice series, taken now.

	The series row stays locked until the transaction ends, and every other invoice waits for it:
	a run takes its next name at the end of a step, just before its commit, rather than holding
	the lock through the whole invoice.
	"""
	invoice = new_service_invoice(company)
	set_new_name(invoice)
	return invoice.name


def release_invoice_name(company: str, name: str) -> None:
	"""Give a reserved name back, if no later one has been taken since (else it stays a gap, as a
	deleted draft's does)."""
	invoice = new_service_invoice(company)
	revert_series_if_last(invoice.naming_series, name, invoice)


def known_to_exist(doctype: str, names) -> None:
	"""Records the caller has just read in this transaction: Frappe's link check of the invoice
	lines then finds them in the transaction's value cache instead of reading each one again."""
	for name in names:
		# The key and the rows are those of frappe.db.get_value(doctype, name, "name", cache=True).
		frappe.db.value_cache[(doctype, name, "name")] = ((name,),)


def work_order_lines(order_names: list[str]) -> tuple[list[dict], set[str]]:
	"""The invoice lines of the orders, each referring to its order; and the orders' households.

	A catalogue line per order item, at its charged price; a temporary job (no catalogue lines,
	priced on its Price Confirmation, C5) is one "Temporary Service" line at the confirmed price.
	Read in one query whatever the number of orders.
	"""
	if not order_names:
		return [], set()
	rows = frappe.db.sql(
		"""select o.name, o.household, o.price_confirmation, o.total_amount,
			i.name as row_name, i.qty, i.rate, i.unit_of_charge, c.item, h.name as household_found
		from `tabService Work Order` o
		left join `tabHousehold` h on h.name = o.household
		left join `tabService Work Order Item` i
			on i.parent = o.name and i.parenttype = 'Service Work Order'
		left join `tabService Catalogue Item` c on c.name = i.catalogue_item
		where o.name in %(names)s
		order by i.idx""",
		{"names": order_names},
		as_dict=True,
	)
	rows_of: dict[str, list] = {}
	for row in rows:
		rows_of.setdefault(row.name, []).append(row)
	lines = []
	for name in order_names:
		order_rows = rows_of[name]
		order = order_rows[0]
		for row in order_rows:
			if row.row_name:
				lines.append(
					{
						"item_code": row.item,
						"qty": row.qty,
						"rate": row.rate,
						"uom": row.unit_of_charge,
						"tewei_work_order": name,
						"tewei_household": order.household,
					}
				)
		if not order.row_name and order.price_confirmation:
			lines.append(
				{
					"item_code": billing_item(TEMPORARY_SERVICE),
					"qty": 1,
					"rate": order.total_amount,
					"description": f"{name}: {order.price_confirmation}",
					"tewei_work_order": name,
					"tewei_household": order.household,
				}
			)
	known_to_exist("Household", {row.household_found for row in rows if row.household_found})
	return lines, {rows_of[name][0].household for name in order_names}
