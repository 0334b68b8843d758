"""Money in through finance (S1, S2): the month-end run over today's orders, and Settle at Finance."""

import frappe
from frappe.utils import add_days, today

from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

from tewei_service.billing.immediate import settle as settle_at_finance
from tewei_service.billing.month_end import bill_month
from tewei_service.tests.catalogue_builders import FINANCE
from tewei_service.tests.site import TEST_COMPANY, call_as


def bill_recent() -> dict:
	"""The test company's month-end run over orders completed yesterday or today: its summary."""
	return bill_month(TEST_COMPANY, add_days(today(), -1), today())


def settle(doc, user: str = FINANCE, **values) -> dict:
	"""Settle at Finance as `user`: a completed immediate order or a delivered errand, paid in cash
	unless `mode_of_payment` says otherwise; the names of its Sales Invoice and Payment Entry."""
	return call_as(user, settle_at_finance, doc.doctype, doc.name, **values)


def credit_note_for(invoice: str, order: str):
	"""An unsaved credit note of `invoice` giving back the lines of one work order.

	ERPNext maps a return without the no_copy references; its lines point at the invoice's own
	lines (`sales_invoice_item`), and the app restores the references when the note is saved.
	"""
	credit_note = make_sales_return(invoice)
	lines = set(
		frappe.get_all("Sales Invoice Item", {"parent": invoice, "tewei_work_order": order}, pluck="name")
	)
	credit_note.items = [row for row in credit_note.items if row.sales_invoice_item in lines]
	return credit_note
