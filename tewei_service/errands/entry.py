"""One register entry's money and what the customer signed for (SPEC E1, C2, C4)."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from tewei_service.catalogue.fees import fee_in_force, validate_charged_price
from tewei_service.exceptions import SignatureLockedError
from tewei_service.rules import errands as rules
from tewei_service.settings import setting
from tewei_service.validation import throw_violations


def price_errand(errand) -> None:
	"""Goods at cost, whether registration was required, and the errand's own catalogue fee."""
	threshold = setting("errand_registration_threshold", 0)
	errand.registration_required = int(rules.registration_required(flt(errand.price), flt(threshold)))
	errand.amount = flt(rules.errand_amount(errand.quantity, errand.price))
	if errand.service_item:
		# The errand's fee comes from the approved catalogue and keeps the price band (C2, C4).
		on_date = getdate(errand.registered_on)
		fee = fee_in_force(errand.service_item, on_date)
		errand.service_fee = errand.service_fee or fee
		validate_charged_price(errand.service_item, errand.service_fee, on_date, fee=fee)
	else:
		errand.service_fee = 0
	errand.total_amount = flt(errand.amount + flt(errand.service_fee), errand.precision("total_amount"))


def check_receipt(errand, before) -> None:
	"""Whoever ticks the receipt as checked is recorded (nobody names someone else); the customer
	signs only after the receipt was checked."""
	if not errand.receipt_checked:
		errand.receipt_checked_by = None
	elif not (before and before.receipt_checked):
		errand.receipt_checked_by = frappe.session.user
	else:
		errand.receipt_checked_by = before.receipt_checked_by
	throw_violations(
		rules.check_signature(bool(errand.receipt_checked), bool(errand.customer_signature)), errand
	)


def check_signed_goods(errand, before) -> None:
	"""The goods and price the customer signed for stay as signed."""
	if not (before and before.customer_signature):
		return
	throw_violations(
		rules.signed_goods_changed(signed_key(before), signed_key(errand), True),
		errand,
		_("Signed by the Customer"),
		SignatureLockedError,
	)


def signed_key(errand) -> tuple:
	return (
		errand.item_name,
		errand.brand or "",
		errand.spec or "",
		flt(errand.quantity),
		flt(errand.price),
		flt(errand.service_fee),
	)
