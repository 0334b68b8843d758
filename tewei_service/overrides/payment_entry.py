"""Reactions to ERPNext's Payment Entry: paid billing notices mark their orders paid (SPEC S1)."""

import frappe

from tewei_service.overrides.sales_invoice import orders_on, refresh_orders


def update_paid_orders(doc, method=None):
	"""On submit and cancel: ERPNext has updated the invoices' outstanding amounts by now."""
	for reference in doc.references:
		if reference.reference_doctype == "Sales Invoice":
			invoice = frappe.get_doc("Sales Invoice", reference.reference_name)
			refresh_orders(invoice.name, orders_on(invoice))
