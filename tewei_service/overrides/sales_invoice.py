"""ERPNext's Sales Invoice: what the special services check and follow on it (SPEC S1, S5, E1).

Every Sales Invoice of the company passes here, most of them billing nothing of the app's: those
cost no query at all.
"""

import frappe
from frappe.utils import flt, get_datetime

from tewei_service.billing.references import (
	billed_amounts,
	carry_references_to_return,
	check_billed_once,
	check_cycle_billed_once,
	refresh_references,
)
from tewei_service.errands.settlement import check_errand_goods
from tewei_service.setup.billing_items import ERRAND_GOODS


def validate(doc, method=None):
	carry_references_to_return(doc)
	if carries_errand_goods(doc):
		check_errand_goods(doc)
	check_billed_once(doc)
	check_cycle_billed_once(doc)


def carries_errand_goods(doc) -> bool:
	# ERPNext's validate has just put each line's Item in the document cache.
	return any(
		frappe.get_cached_value("Item", item_code, "item_code") == ERRAND_GOODS
		for item_code in {row.item_code for row in doc.items if row.item_code}
	)


def on_change(doc, method=None):
	"""ERPNext writes an invoice's outstanding amount and status with `db_set` whenever a Payment
	Entry, a reconciliation or a credit note changes it, and that runs `on_change`: one hook covers
	submit, cancel, payment, its cancellation, reconciliation and credit notes."""
	if doc.docstatus == 0:
		return
	if (doc.doctype, doc.name) in frappe.flags.currently_saving and not doc.get("_action"):
		# ERPNext's own db_set on a copy of an invoice being submitted or cancelled: the save's
		# on_change comes next, with the invoice as it ends up.
		return
	# The same invoice in the same state is not refreshed twice in a transaction.
	state = (get_datetime(doc.creation), doc.docstatus, flt(doc.outstanding_amount))
	refreshed = frappe.local.flags.setdefault("tewei_refreshed_invoices", {})
	if refreshed.get(doc.name) == state:
		return
	if doc.is_return:
		if not billed_amounts(doc):
			return
		invoice = frappe.get_doc("Sales Invoice", doc.return_against)
	else:
		invoice = doc
	refresh_references(invoice)
	if not refreshed:
		frappe.db.after_commit.add(refreshed.clear)
		frappe.db.after_rollback.add(refreshed.clear)
	refreshed[doc.name] = state
