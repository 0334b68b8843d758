"""Sales Invoices for the special services, built once with all their lines (SPEC S1, S2, S4).

Every way money comes in (month-end notice, immediate settlement, agreement cycle, errand) makes an
ordinary ERPNext Sales Invoice here, so finance sees the same documents, accounts and price list.
"""

import frappe
from frappe.utils import nowdate

# Who makes invoices and takes payments: finance (S1, S2, S4).
FINANCE_ROLES = ("Accounts User", "Accounts Manager", "System Manager")


def make_service_invoice(company: str, customer: str, lines: list[dict], **values):
	"""Insert and submit an invoice of `lines` (Sales Invoice Item values) at the service price list."""
	settings = frappe.get_cached_doc("Service Settings")
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
	for line in lines:
		invoice.append(
			"items", {"income_account": settings.income_account, "cost_center": settings.cost_center, **line}
		)
	invoice.set_missing_values()
	invoice.calculate_taxes_and_totals()
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	return invoice


def work_order_lines(order_names: list[str]) -> tuple[list[dict], set[str]]:
	"""One invoice line per order item, each referring to its order; and the orders' households."""
	lines, households = [], set()
	for name in order_names:
		order = frappe.get_doc("Service Work Order", name)
		households.add(order.household)
		for row in order.items:
			lines.append(
				{
					"item_code": frappe.db.get_value("Service Catalogue Item", row.catalogue_item, "item"),
					"qty": row.qty,
					"rate": row.rate,
					"uom": row.unit_of_charge,
					"tewei_work_order": name,
				}
			)
	return lines, households
