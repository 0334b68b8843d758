"""The customer's sign-off of the work (SPEC R3, W6; procedure 5 §5.2.9, §5.3.7, 《居家服務情況記錄表》).

Every signature is a row of the order's `sign_offs`, with the customer's comment and whether they
were satisfied; rows are written here only and never change (`locks.SERVER_FIELDS`). The order's
`customer_signature` mirrors the satisfied signature of the current round of work: a sign-off "not
satisfied" sends the order to Rework, which clears it, so completing again needs a new signature.
"""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import cint, now_datetime

from tewei_service.exceptions import ApprovalError, SignOffError
from tewei_service.locks import check_signature_image
from tewei_service.rules import work_order as rules
from tewei_service.validation import throw_violations

REWORK_ACTION = "Rework"


@frappe.whitelist()
def sign_off(order, signature: str, comment: str | None = None, satisfied: bool | int | str = 1):
	"""The customer signs off `order` (a name or a Service Work Order) with `signature` (a PNG or
	JPEG data URL from the signature pad) and `comment`; not satisfied, the order goes to Rework.
	Needs write permission on the order; returns the order as saved."""
	name = order if isinstance(order, str) else order.name
	doc = frappe.get_doc("Service Work Order", name)  # never the client's copy
	doc.check_permission("write")
	satisfied = bool(cint(satisfied))
	append_sign_off(doc, signature, comment, satisfied)
	doc.flags.server_writes = ("sign_offs",)
	doc.save()
	if not satisfied:
		doc = apply_workflow(doc, REWORK_ACTION)
	return doc


def append_sign_off(doc, signature: str | None, comment: str | None, satisfied: bool) -> None:
	"""The one place a sign-off row is written (the Sign-off dialog and the signature pad)."""
	if not signature:
		frappe.throw(_("The customer signs on the signature pad (R3)."), SignOffError)
	check_signature_image(signature)
	throw_violations(
		rules.check_sign_off(
			doc.workflow_state,
			signed=bool(doc.get_db_value("customer_signature")),
			satisfied=satisfied,
			comment=comment,
			billed=bool(doc.sales_invoice),
		),
		doc,
		_("Sign-off"),
		SignOffError,
	)
	doc.append(
		"sign_offs",
		{
			"signed_on": now_datetime(),
			"satisfied": int(satisfied),
			"comment": (comment or "").strip(),
			"signed_by": doc.customer,
			"recorded_by": frappe.session.user,
			"signature": signature,
		},
	)
	if satisfied:
		doc.customer_signature = signature


def follow_signature_pad(doc, before) -> None:
	"""A signature drawn straight on the order's pad (an older form, REST) is a satisfied sign-off
	without comment: it goes into the history the same way (during validate)."""
	if before is None or "sign_offs" in (doc.flags.server_writes or ()):
		return
	if doc.customer_signature and not before.customer_signature:
		signature = doc.customer_signature
		doc.customer_signature = None  # as stored: the sign-off writes it
		append_sign_off(doc, signature, None, satisfied=True)


def signed_off(order) -> bool:
	"""W6, R3: the customer's signature stands, and their latest sign-off (if any) was satisfied."""
	return bool(order.customer_signature) and (not order.sign_offs or bool(order.sign_offs[-1].satisfied))


def on_rework(order) -> None:
	"""R3: entered only from a sign-off "not satisfied"; the round's signature no longer stands."""
	latest = order.sign_offs[-1] if order.sign_offs else None
	if not latest or latest.satisfied:
		frappe.throw(_("Rework follows the customer's sign-off as not satisfied (R3)."), SignOffError)
	order.customer_signature = None


def refuse_row_change(row) -> None:
	"""R3: a sign-off row saved or deleted on its own, not with its order (REST on the child doctype)."""
	frappe.throw(
		_("The customer's sign-offs are kept as given: nobody edits or removes one (R3)."),
		ApprovalError,
		title=_("Sign-off"),
	)
