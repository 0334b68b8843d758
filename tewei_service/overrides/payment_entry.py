"""Checks on ERPNext's Payment Entry for money the services take in (SPEC S3, S5).

Paid invoices mark their orders through the Sales Invoice hook, which ERPNext runs whenever a
payment changes an invoice's outstanding amount.
"""

import frappe
from frappe import _

from tewei_service.overrides.sales_invoice import is_service_invoice
from tewei_service.rules.settlement import check_collection, check_no_side_payment
from tewei_service.validation import throw_violations

# Who may collect any amount in the field (S3): department heads and above, and finance itself.
UNLIMITED_COLLECTORS = {
	"Service Department Head",
	"Branch Manager",
	"Service Leadership",
	"Accounts User",
	"Accounts Manager",
}


def validate_service_payment(doc, method=None):
	if doc.payment_type != "Receive":
		return
	if doc.tewei_collected_by:
		check_collector(
			doc.tewei_collected_by, doc.paid_amount, doc, for_agreements=pays_agreements_only(doc)
		)
	if any(
		row.reference_doctype == "Sales Invoice" and is_service_invoice(row.reference_name)
		for row in doc.references
	):
		throw_violations(check_no_side_payment(doc.unallocated_amount or 0), doc)


def check_collector(collector: str, amount: float, doc=None, for_agreements: bool = False) -> None:
	"""S3: may this employee take `amount` from a customer in the field? (S4: customer service
	collects agreement fees, whatever the amount.)"""
	limit = frappe.db.get_single_value("Service Settings", "staff_collection_limit") or 0
	unlimited = UNLIMITED_COLLECTORS | ({"Customer Service"} if for_agreements else set())
	may_collect_any_amount = bool(set(frappe.get_roles(collector)) & unlimited)
	throw_violations(check_collection(amount, limit, may_collect_any_amount), doc, _("Collection Limit"))


def pays_agreements_only(doc) -> bool:
	invoices = [row.reference_name for row in doc.references if row.reference_doctype == "Sales Invoice"]
	return bool(invoices) and all(
		frappe.db.get_value("Sales Invoice", name, "tewei_service_agreement") for name in invoices
	)
