"""Reactions to ERPNext's Sales Invoice: the orders on a billing notice follow it (SPEC S1)."""

import frappe

from tewei_service.rules.settlement import payment_status


def orders_on(invoice) -> set[str]:
	return {row.tewei_work_order for row in invoice.items if row.get("tewei_work_order")}


def refresh_orders(invoice_name: str, orders: set[str]) -> None:
	"""Set each order's invoice and payment status from the invoice as it now stands."""
	docstatus, rounded, grand, outstanding = frappe.db.get_value(
		"Sales Invoice", invoice_name, ["docstatus", "rounded_total", "grand_total", "outstanding_amount"]
	)
	active = docstatus == 1
	status = payment_status(rounded or grand, outstanding, active)
	for order in orders:
		frappe.db.set_value(
			"Service Work Order",
			order,
			{"sales_invoice": invoice_name if active else None, "payment_status": status},
		)


def on_submit(doc, method=None):
	refresh_orders(doc.name, orders_on(doc))


def on_cancel(doc, method=None):
	# Cancelling the billing notice frees its orders to be billed again.
	refresh_orders(doc.name, orders_on(doc))
