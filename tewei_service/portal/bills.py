"""The customer's bills (SPEC S1, S2, S4): billing notices with what is paid and outstanding and
their PDF, agreements with the cycles billed, and the receipts of immediate payments."""

import frappe

from tewei_service.portal.access import as_the_desk, own_invoice, portal_customers, portal_households, refuse

NOTICE_FORMAT = "Billing Notice"
RECEIPT_FORMAT = "Cash Receipt"


def notices() -> list[dict]:
	"""Submitted invoices of the customer's households (one notice may cover several of them)."""
	households = portal_households()
	if not households:
		return []
	billed = frappe.get_all(
		"Sales Invoice Item",
		{"tewei_household": ("in", households), "parenttype": "Sales Invoice"},
		pluck="parent",
		distinct=True,
	)
	return frappe.get_all(
		"Sales Invoice",
		filters={"docstatus": 1, "customer": ("in", portal_customers() or [""])},
		or_filters={"tewei_household": ("in", households), "name": ("in", billed or [""])},
		fields=[
			"name",
			"posting_date",
			"due_date",
			"grand_total",
			"outstanding_amount",
			"status",
			"is_return",
			"tewei_service_agreement",
			"tewei_cycle_start",
			"tewei_cycle_end",
		],
		order_by="posting_date desc, name desc",
	)


def agreements() -> list[dict]:
	"""Signed agreements, each with the cycles billed so far."""
	rows = frappe.get_all(
		"Service Agreement",
		{"household": ("in", portal_households() or [""]), "docstatus": 1},
		["name", "household", "start_date", "end_date", "fee_per_cycle", "billing_cycle", "workflow_state"],
		order_by="start_date desc",
	)
	billed = {}
	for invoice in notices():
		if invoice.tewei_service_agreement:
			billed.setdefault(invoice.tewei_service_agreement, []).append(invoice)
	for row in rows:
		row.cycles = sorted(billed.get(row.name, []), key=lambda invoice: invoice.tewei_cycle_start or "")
	return rows


def receipts() -> list[dict]:
	"""Submitted payments received against the customer's own notices."""
	invoices = [invoice.name for invoice in notices()]
	if not invoices:
		return []
	entries = frappe.get_all(
		"Payment Entry Reference",
		{
			"reference_doctype": "Sales Invoice",
			"reference_name": ("in", invoices),
			"parenttype": "Payment Entry",
		},
		["parent", "reference_name", "allocated_amount"],
	)
	submitted = frappe.get_all(
		"Payment Entry",
		{"name": ("in", [row.parent for row in entries] or [""]), "docstatus": 1},
		["name", "posting_date", "paid_amount", "mode_of_payment"],
		order_by="posting_date desc",
	)
	invoice_of = {row.parent: row.reference_name for row in entries}
	return [{**entry, "invoice": invoice_of[entry.name]} for entry in submitted]


def own_receipt(name: str) -> str:
	if name not in {entry["name"] for entry in receipts()}:
		refuse()
	return name


def send_pdf(doctype: str, name: str, print_format: str) -> None:
	# The portal checked it is the customer's own; Payment Entry has no website permission of its own.
	with as_the_desk():
		pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	frappe.local.response.filename = f"{name}.pdf"
	frappe.local.response.filecontent = pdf
	frappe.local.response.type = "pdf"


@frappe.whitelist()
def notice_pdf(invoice: str) -> None:
	"""The billing notice 《收費通知單》 as a PDF, for the customer's own invoices only."""
	send_pdf("Sales Invoice", own_invoice(invoice).name, NOTICE_FORMAT)


@frappe.whitelist()
def receipt_pdf(payment: str) -> None:
	"""The receipt 《收款收據》 of an immediate payment."""
	send_pdf("Payment Entry", own_receipt(payment), RECEIPT_FORMAT)
