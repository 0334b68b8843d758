# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import flt, get_datetime, getdate, now_datetime

from tewei_service.catalogue.fees import fee_in_force, validate_charged_price
from tewei_service.errands.settlement import settle_errand
from tewei_service.rules import errands as rules
from tewei_service.validation import throw_violations


class ErrandPurchase(Document):
	"""《代客購物登記表》 (SPEC E1, E2): one purchase made for a customer, under its register number.

	- Numbers: ERR-00001, ERR-00002, … one series that never restarts. The controller names the
	  entry itself instead of a naming series field, because Frappe rolls a naming series back
	  when its last document is deleted and would then issue that number a second time.
	- Draft = registered (room, customer, goods, price, deadline). Anything may be registered; the
	  entry records whether the unit price reached the threshold that makes registration required
	  (E1, Service Settings "errand_registration_threshold"). Errand goods at or over the threshold
	  cannot be invoiced without an entry (`tewei_service.errands.settlement.validate_errand_goods`).
	- Submit closes the entry: delivered (the receipt checked with the customer, then the
	  customer's signature, which cannot change once given and fixes the goods and price signed
	  for), or "could not be bought" with the reason told to the customer (procedure 5.4.4).
	- Cancel = void, with a reason; the number stays on the register as voided (Void also works on
	  a draft). Deleted, skipped and voided numbers show on the report "Errand Register Gaps" (E2).
	- The money goes through finance like an immediate order: Settle at Finance (S2).
	"""

	def autoname(self):
		self.name = make_autoname(rules.SERIES, doc=self)

	def validate(self):
		self.validate_household()
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
		threshold = frappe.db.get_single_value("Service Settings", "errand_registration_threshold")
		self.registration_required = int(rules.registration_required(flt(self.price), flt(threshold)))
		self.amount = flt(rules.errand_amount(self.quantity, self.price))
		self.price_service_fee()
		self.total_amount = flt(self.amount + flt(self.service_fee), self.precision("total_amount"))

		if not self.receipt_checked:
			self.receipt_checked_by = None
		elif not self.receipt_checked_by:
			self.receipt_checked_by = frappe.session.user
		throw_violations(
			rules.check_signature(bool(self.receipt_checked), bool(self.customer_signature)), self
		)

		before = self.get_doc_before_save()
		self.validate_signature_lock(before)
		self.validate_settlement_unchanged(before)
		if self.docstatus == 0:
			self.status = "Registered"

	def validate_household(self):
		disabled = frappe.db.get_value("Household", self.household, "disabled")
		if disabled:
			frappe.throw(_("Household {0} is disabled.").format(self.household))
		customers = frappe.get_all(
			"Household Customer", {"parent": self.household, "parenttype": "Household"}, pluck="customer"
		)
		if self.customer not in customers:
			frappe.throw(
				_("{0} is not a customer of household {1}.").format(self.customer, self.household),
				title=_("Wrong Customer"),
			)

	def price_service_fee(self):
		"""The errand's own fee comes from the approved catalogue and keeps the price band (C2, C4)."""
		if not self.service_item:
			self.service_fee = 0
			return
		on_date = getdate(self.registered_on)
		fee = fee_in_force(self.service_item, on_date)
		self.service_fee = self.service_fee or fee
		validate_charged_price(self.service_item, self.service_fee, on_date, fee=fee)

	def validate_signature_lock(self, before):
		if not (before and before.customer_signature):
			return
		if before.customer_signature != self.customer_signature:
			frappe.throw(_("The customer's signature cannot be changed once given."))
		throw_violations(
			rules.signed_goods_changed(self.signed_key(before), self.signed_key(self), True),
			self,
			_("Signed by the Customer"),
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

	def validate_settlement_unchanged(self, before):
		"""S5: the invoice and payment status follow finance's documents, never a hand edit."""
		stored = (before.sales_invoice, before.payment_status) if before else (None, "Unbilled")
		if (self.sales_invoice, self.payment_status or "Unbilled") != stored:
			frappe.throw(
				_(
					"The invoice and payment status of an errand follow its Sales Invoice and Payment "
					"Entries; they cannot be set by hand (S5)."
				),
				title=_("No Private Settlement"),
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

	@frappe.whitelist()
	def settle(self, mode_of_payment: str = "Cash", collected_by: str | None = None, collected_on=None):
		"""S2: invoice and payment at once at the finance desk."""
		return settle_errand(self.name, mode_of_payment, collected_by, collected_on)
