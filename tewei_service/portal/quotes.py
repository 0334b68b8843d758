"""The customer accepts or declines the quote on their phone (SPEC W1, W4): who accepted, when and
from where are recorded on the order and its price version; a re-quote asks again."""

import frappe
from frappe import _
from frappe.utils import cint

from tewei_service.portal.access import apply_on_behalf, customer_signature_line, own_order
from tewei_service.portal.requests import tell_customer_service
from tewei_service.states import WorkOrderState


def price_versions(doc) -> list[dict]:
	"""Every price the customer was asked to accept (W4), without who at the company quoted it."""
	return [
		{
			"version": row.version,
			"total": row.total,
			"summary": row.summary,
			"quoted_on": row.quoted_on,
			"confirmed_on": row.confirmed_on,
			"confirmed": bool(row.confirmed_by),
		}
		for row in doc.price_versions
	]


def awaiting_answer(doc) -> bool:
	return doc.workflow_state == WorkOrderState.QUOTED and not doc.customer_confirmed


@frappe.whitelist(methods=["POST"])
def accept_quote(order: str, version) -> str:
	"""W1: the customer accepts the price they were shown; a newer quote must be seen first."""
	doc = own_order(order)
	if not awaiting_answer(doc):
		frappe.throw(_("This order is not waiting for your answer to a quote."))
	if not doc.price_versions or cint(version) != doc.price_versions[-1].version:
		frappe.throw(_("The price has changed since you opened the page: please look at the new quote."))
	line = customer_signature_line()
	doc = apply_on_behalf(doc, "Record Customer Confirmation", confirmed_by_customer=line)
	doc.add_comment("Info", _("Quote version {0} accepted on the App by {1}").format(version, line))
	tell_customer_service(doc, _("{0}: the customer accepted the quote on the App").format(doc.name), line)
	return doc.workflow_state


@frappe.whitelist(methods=["POST"])
def decline_quote(order: str, reason: str) -> str:
	"""Declining the price cancels the request, with the customer's reason (W5)."""
	doc = own_order(order)
	if not awaiting_answer(doc):
		frappe.throw(_("This order is not waiting for your answer to a quote."))
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Tell us why you decline the quote."))
	doc = apply_on_behalf(
		doc,
		"Cancel",
		cancelled_by_side="Customer",
		cancellation_reason=_("Quote declined on the App: {0}").format(reason[:1000]),
	)
	tell_customer_service(doc, _("{0}: the customer declined the quote on the App").format(doc.name), reason)
	return doc.workflow_state
