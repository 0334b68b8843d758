# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import flt, get_datetime, getdate, now_datetime

from tewei_service.catalogue.fees import fee_in_force, validate_charged_price
from tewei_service.exceptions import SignatureLockedError
from tewei_service.households import validate_household_customer
from tewei_service.locks import lock_server_fields, lock_settlement_fields, lock_signature
from tewei_service.permissions import assigned_employee
from tewei_service.records import keep_on_file
from tewei_service.rules import errands as rules
from tewei_service.settings import setting
from tewei_service.validation import throw_violations


class ErrandPurchase(Document):
	"""《代客購物登記表》 (SPEC E1, E2): one purchase made for a customer, under its register number.

	- Numbers: ERR-00001, ERR-00002, … one series that never restarts. The controller names the
	  entry itself instead of a naming series field, because Frappe rolls a naming series back
	  when its last document is deleted and would then issue that number a second time.
	- Draft = registered (room, customer, goods, price, deadline). Anything may be registered; the
	  entry records whether the unit price reached the threshold that makes registration required
	  (E1, Service Settings "errand_registration_threshold"). Errand goods at or over the threshold
	  cannot be invoiced without an entry (`tewei_service.errands.settlement.check_errand_goods`).
	- Submit closes the entry: delivered (the receipt checked with the customer, then the
	  customer's signature, which cannot change once given and fixes the goods and price signed
	  for), or "could not be bought" with the reason told to the customer (procedure 5.4.4).
	- Cancel = void, with a reason; the number stays on the register as voided (Void also works on
	  a draft). Deleted, skipped and voided numbers show on the report "Errand Register Gaps" (E2).
	- The money goes through finance like an immediate order: Settle at Finance (S2,
	  `tewei_service.billing.immediate.settle`).
	"""

	def autoname(self):
		self.name = make_autoname(rules.SERIES, doc=self)

	def validate(self):
		# Staff register the errands they buy themselves (and so keep seeing them, P2).
		if not self.purchased_by and (employee := assigned_employee()) != "-":
			self.purchased_by = employee
		validate_household_customer(self)
		throw_violations(
			rules.check_errand(
				flt(self.quantity),
				flt(self.price),
				get_datetime(self.registered_on),
				self.deadline and get_datetime(self.deadline),
			),
			self,
			_("Invalid Errand"),
		)
		threshold = setting("errand_registration_threshold", 0)
		self.registration_required = int(rules.registration_required(flt(self.price), flt(threshold)))
		self.amount = flt(rules.errand_amount(self.quantity, self.price))
		self.price_service_fee()
		self.total_amount = flt(self.amount + flt(self.service_fee), self.precision("total_amount"))

		before = self.get_doc_before_save()
		lock_server_fields(self, before)
		# E1: whoever ticks the receipt as checked is recorded; nobody names someone else.
		if not self.receipt_checked:
			self.receipt_checked_by = None
		elif not (before and before.receipt_checked):
			self.receipt_checked_by = frappe.session.user
		else:
			self.receipt_checked_by = before.receipt_checked_by
		throw_violations(
			rules.check_signature(bool(self.receipt_checked), bool(self.customer_signature)), self
		)

		lock_signature(self, before)
		self.validate_signed_goods(before)
		lock_settlement_fields(self, before)
		if self.docstatus == 0:
			self.status = "Registered"

	def price_service_fee(self):
		"""The errand's own fee comes from the approved catalogue and keeps the price band (C2, C4)."""
		if not self.service_item:
			self.service_fee = 0
			return
		on_date = getdate(self.registered_on)
		fee = fee_in_force(self.service_item, on_date)
		self.service_fee = self.service_fee or fee
		validate_charged_price(self.service_item, self.service_fee, on_date, fee=fee)

	def validate_signed_goods(self, before):
		"""E1: the goods and price the customer signed for stay as signed."""
		if not (before and before.customer_signature):
			return
		throw_violations(
			rules.signed_goods_changed(self.signed_key(before), self.signed_key(self), True),
			self,
			_("Signed by the Customer"),
			SignatureLockedError,
		)

	@staticmethod
	def signed_key(doc) -> tuple:
		return (
			doc.item_name,
			doc.brand or "",
			doc.spec or "",
			flt(doc.quantity),
			flt(doc.price),
			flt(doc.service_fee),
		)

	def before_submit(self):
		if self.flags.voiding:
			return
		throw_violations(
			rules.check_close(
				bool(self.not_purchased),
				self.not_purchased_reason,
				bool(self.receipt_checked),
				bool(self.customer_signature),
			),
			self,
			_("Cannot Close the Errand"),
		)
		if self.not_purchased:
			self.status = "Not Purchased"
		else:
			self.status = "Delivered"
			self.delivered_on = self.delivered_on or now_datetime()

	def before_cancel(self):
		if not (self.void_reason or "").strip():
			frappe.throw(
				_("Write the reason for voiding register entry {0} first (E2).").format(self.name),
				title=_("Reason Needed"),
			)
		if self.sales_invoice:
			frappe.throw(
				_("Errand {0} is invoiced on {1}: cancel or credit that Sales Invoice first.").format(
					self.name, self.sales_invoice
				)
			)

	def on_cancel(self):
		self.db_set({"status": "Voided", "voided_by": frappe.session.user, "voided_on": now_datetime()})

	@frappe.whitelist()
	def void(self, reason: str):
		"""E2: void the entry, draft or submitted, with its reason; its number stays as voided."""
		self.reload()  # void what is on the register, not the caller's edited copy
		if self.docstatus == 2:
			frappe.throw(_("Register entry {0} is already voided.").format(self.name))
		self.check_permission("cancel")
		if not (reason or "").strip():
			frappe.throw(_("Write the reason for voiding register entry {0} first (E2).").format(self.name))
		self.void_reason = reason.strip()
		if self.docstatus == 0:
			# A draft is closed and voided at once, so its number is accounted for, not deleted.
			self.flags.voiding = True
			self.submit()
		self.cancel()

	def on_trash(self):
		keep_on_file(self)
