"""Values that only one path may write, shared by the work order and the errand (SPEC S5, W6, E1)."""

import re

import frappe
from frappe import _
from frappe.utils import cstr, flt, get_datetime, getdate

from tewei_service.exceptions import ApprovalError, PrivateSettlementError, SignatureLockedError
from tewei_service.rules.settlement import UNBILLED


def lock_settlement_fields(doc, before) -> None:
	"""S5: the invoice and payment status follow finance's documents, never a hand edit."""
	stored = (before.sales_invoice, before.payment_status) if before else (None, UNBILLED)
	if (doc.sales_invoice, doc.payment_status or UNBILLED) != stored:
		frappe.throw(
			_(
				"The invoice and payment status of {0} follow its Sales Invoice and Payment Entries; "
				"they cannot be set by hand (S5)."
			).format(_(doc.doctype)),
			PrivateSettlementError,
			title=_("No Private Settlement"),
		)


# What Frappe's signature pad stores: a PNG (or JPEG) as a data URL; nothing else is a signature
# (an SVG or any other text could carry script into the browser of whoever prints the form).
SIGNATURE_IMAGE = re.compile(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}")


def lock_signature(doc, before) -> None:
	"""W6, E1: the customer's signature is an image, and cannot change once given."""
	if before and before.customer_signature and before.customer_signature != doc.customer_signature:
		frappe.throw(_("The customer's signature cannot be changed once given."), SignatureLockedError)
	if before is None and doc.customer_signature:
		# A copy or an import brings a signature the customer never gave to this record.
		frappe.throw(
			_("The customer signs the record itself once the work is done; a new one comes unsigned."),
			SignatureLockedError,
		)
	check_signature_image(doc.customer_signature)


def check_signature_image(value: str | None) -> None:
	if value and not SIGNATURE_IMAGE.fullmatch(value):
		frappe.throw(_("A signature must be drawn on the signature pad."), SignatureLockedError)


# Fields that only the app's own steps write (workflow transitions, Sign, Reschedule, Correct
# Time, approval); on insert they must be empty, and no save may change them by hand, through the
# desk, REST or an import. A step that writes one names it in `doc.flags.server_writes`, on a copy
# it reloaded from the database (a whitelisted method may be called with the client's edited doc).
SERVER_FIELDS = {
	"Service Work Order": (
		"customer_confirmed",
		"price_versions",
		"schedule_changes",
		"time_corrections",
		"completed_on",
		"checked_by",
		"checked_on",
		"breach_notified",
		"sign_offs",
		"handed_over_to",
		"handed_over_by",
		"handed_over_on",
		"declined_on",
		"register_signed_by",
		"register_signed_on",
		# The customer's own rating from the portal (portal/ratings.py), never typed at the desk.
		"rating_timeliness",
		"rating_skill",
		"rating_attitude",
		"rating_comment",
		"rated_on",
	),
	"Price Confirmation": ("signatures", "approved_by"),
	"Service Agreement": (
		"signed_by",
		"signed_on",
		"terminated_by_side",
		"terminated_on",
		"termination_notice_date",
		"termination_reason",
	),
	"Errand Purchase": ("voided_by", "voided_on"),
	"Office Tariff": ("submitted_by", "finance_reviewed_by", "finance_reviewed_on", "filed_by", "filed_on"),
}


def lock_server_fields(doc, before) -> None:
	"""C2, C5, A1, W4-W10: what approvals, signatures and workflow steps write, nobody types in."""
	if before is None and doc.get("amended_from"):
		# An amendment is a new record: the desk copies everything, and the steps write it afresh.
		for field in SERVER_FIELDS[doc.doctype]:
			doc.set(field, [] if isinstance(doc.get(field), list) else None)
		return
	written_by_step = doc.flags.server_writes or ()
	changed = [
		field
		for field in SERVER_FIELDS[doc.doctype]
		if field not in written_by_step
		and stored_value(doc, field) != (stored_value(before, field) if before else stored_value(None, field))
	]
	if changed:
		frappe.throw(
			_("{0} are written by the {1}'s own steps and cannot be entered by hand.").format(
				", ".join(_(doc.meta.get_label(field)) for field in changed), _(doc.doctype)
			),
			ApprovalError,
			title=_("Set by the Workflow"),
		)


def stored_value(doc, field: str):
	"""A field's value as the database holds it, whatever the type it arrived in (the desk and REST
	send text): child rows as their values, empty as None."""
	if doc is None:
		return None
	value = doc.get(field)
	if isinstance(value, list):
		return (
			tuple(
				tuple(
					(df.fieldname, typed(df.fieldtype, row.get(df.fieldname)))
					for df in row.meta.fields
					if df.fieldtype not in NO_VALUE_TYPES
				)
				for row in value
			)
			or None
		)
	return typed(doc.meta.get_field(field).fieldtype, value)


NO_VALUE_TYPES = ("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading")


def typed(fieldtype: str, value):
	if value in (None, ""):
		return None
	if fieldtype == "Datetime":
		return get_datetime(value)
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype in ("Int", "Check", "Float", "Currency", "Percent"):
		return flt(value) or None
	return cstr(value)
