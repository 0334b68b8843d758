"""Who may take money from a customer in the field, and how much (SPEC S3, S4)."""

import frappe
from frappe import _
from frappe.utils import flt

from tewei_service.billing.references import pays_agreements_only
from tewei_service.exceptions import CollectionLimitError
from tewei_service.rules.settlement import check_collection
from tewei_service.settings import setting
from tewei_service.setup.roles import UNLIMITED_COLLECTORS
from tewei_service.validation import throw_violations


def check_collector(collector: str, amount: float, doc=None, for_agreements: bool = False) -> None:
	"""S3: may this user take `amount` from a customer in the field? (S4: customer service collects
	agreement fees, whatever the amount.)"""
	unlimited = UNLIMITED_COLLECTORS | ({"Customer Service"} if for_agreements else set())
	may_collect_any_amount = bool(set(frappe.get_roles(collector)) & unlimited)
	throw_violations(
		check_collection(amount, setting("staff_collection_limit", 0), may_collect_any_amount),
		doc,
		_("Collection Limit"),
		CollectionLimitError,
	)


def collected_earlier(collector: str, invoice: str, payment: str | None) -> float:
	"""What the collector already handed in for the invoice on other submitted Payment Entries."""
	return frappe.db.sql(
		"""select coalesce(sum(reference.allocated_amount), 0)
		from `tabPayment Entry Reference` reference
		join `tabPayment Entry` payment on payment.name = reference.parent
		where payment.docstatus = 1 and payment.tewei_collected_by = %s and payment.name != %s
		and reference.reference_doctype = 'Sales Invoice' and reference.reference_name = %s""",
		(collector, payment or "", invoice),
	)[0][0]


def check_payment_collection(payment, service_invoices: list[str]) -> None:
	"""S3 on a Payment Entry: what one collector takes for one invoice, their payments added up,
	so a collection split into several payments under the limit is still one collection."""
	for_agreements = pays_agreements_only(payment)
	if flt(payment.paid_amount) <= 0:
		check_collector(payment.tewei_collected_by, payment.paid_amount, payment, for_agreements)
	rows = [
		row
		for row in payment.references
		if row.reference_doctype == "Sales Invoice" and row.reference_name in service_invoices
	]
	if not rows:
		check_collector(payment.tewei_collected_by, payment.paid_amount, payment, for_agreements)
	for row in rows:
		amount = flt(row.allocated_amount) + flt(
			collected_earlier(payment.tewei_collected_by, row.reference_name, payment.name)
		)
		check_collector(payment.tewei_collected_by, amount, payment, for_agreements)
