"""ERPNext's Payment Entry: checks on the money the services take in (SPEC S3, S4, S5).

Paid invoices mark their orders through the Sales Invoice's `on_change`, which ERPNext runs
whenever a payment changes an invoice's outstanding amount.
"""

import frappe

from tewei_service.billing.collection import check_payment_collection
from tewei_service.billing.references import is_service_invoice
from tewei_service.exceptions import PrivateSettlementError
from tewei_service.rules.settlement import check_no_side_payment
from tewei_service.validation import throw_violations


def validate(doc, method=None):
	if doc.payment_type != "Receive":
		return
	service_invoices = [
		row.reference_name
		for row in doc.references
		if row.reference_doctype == "Sales Invoice" and is_service_invoice(row.reference_name)
	]
	if service_invoices and not doc.tewei_collected_by:
		# S3: money for a service names who took it; unnamed, it is the user who enters it.
		doc.tewei_collected_by = frappe.session.user
		doc.tewei_collected_on = doc.tewei_collected_on or doc.posting_date
	if doc.tewei_collected_by:
		check_payment_collection(doc, service_invoices)
	if service_invoices:
		throw_violations(check_no_side_payment(doc.unallocated_amount or 0), doc, exc=PrivateSettlementError)
