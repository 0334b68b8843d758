"""Reactions to ERPNext's Sales Invoice: the orders and errands on an invoice follow it (SPEC S1, S5).

ERPNext writes an invoice's outstanding amount and status with `db_set` whenever a Payment Entry,
a reconciliation or a credit note changes it, and that runs the invoice's `on_change`: one hook
covers submit, cancel, payment, its cancellation, reconciliation and credit notes.
"""

from collections import defaultdict

import frappe

from tewei_service.rules.settlement import payment_status

# Sales Invoice Item field → the document each line was billed for
REFERENCES = {"tewei_work_order": "Service Work Order", "tewei_errand_purchase": "Errand Purchase"}


def on_change(doc, method=None):
	if doc.docstatus == 0:
		return
	invoice = frappe.get_doc("Sales Invoice", doc.return_against) if doc.is_return else doc
	refresh_references(invoice)


def refresh_references(invoice) -> None:
	"""Set each billed document's invoice and payment status from the invoice as it now stands."""
	active = invoice.docstatus == 1
	returns = frappe.get_all(
		"Sales Invoice", {"is_return": 1, "return_against": invoice.name, "docstatus": 1}, pluck="name"
	)
	credited = line_amounts(returns) if active else {}
	for (doctype, name), amount in line_amounts([invoice.name]).items():
		status = payment_status(
			invoice.rounded_total or invoice.grand_total,
			invoice.outstanding_amount,
			active,
			order_amount=amount,
			order_credited=-credited.get((doctype, name), 0),
		)
		if active:
			frappe.db.set_value(doctype, name, {"sales_invoice": invoice.name, "payment_status": status})
		elif frappe.db.get_value(doctype, name, "sales_invoice") == invoice.name:
			# Cancelling the invoice frees the document to be billed again.
			frappe.db.set_value(doctype, name, {"sales_invoice": None, "payment_status": status})


def line_amounts(invoice_names: list[str]) -> dict[tuple[str, str], float]:
	"""Invoice line amounts per billed document, as {(doctype, name): amount}."""
	amounts = defaultdict(float)
	if not invoice_names:
		return amounts
	fields = [field for field in REFERENCES if frappe.db.has_column("Sales Invoice Item", field)]
	for row in frappe.get_all(
		"Sales Invoice Item",
		{"parent": ("in", invoice_names), "parenttype": "Sales Invoice"},
		["amount", *fields],
	):
		for field in fields:
			if row[field]:
				amounts[(REFERENCES[field], row[field])] += row.amount
	return amounts


def is_service_invoice(name: str) -> bool:
	"""An invoice this app made: for orders, errands or an agreement cycle."""
	if frappe.db.get_value("Sales Invoice", name, "tewei_service_agreement"):
		return True
	return bool(line_amounts([name]))
