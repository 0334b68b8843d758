# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import flt, get_datetime, now_datetime

from tewei_service.errands.entry import check_receipt, check_signed_goods, price_errand
from tewei_service.households import validate_household_customer
from tewei_service.locks import lock_server_fields, lock_settlement_fields, lock_signature
from tewei_service.permissions import assigned_employee
from tewei_service.records import keep_on_file
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
		price_errand(self)
		before = self.get_doc_before_save()
		lock_server_fields(self, before)
		check_receipt(self, before)
		lock_signature(self, before)
		check_signed_goods(self, before)
		lock_settlement_fields(self, before)
		if self.docstatus == 0:
			self.status = rules.REGISTERED

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
			self.status = rules.NOT_PURCHASED
		else:
			self.status = rules.DELIVERED
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
		self.db_set({"status": rules.VOIDED, "voided_by": frappe.session.user, "voided_on": now_datetime()})

	@frappe.whitelist()
	def void(self, reason: str):
		"""E2: void the entry, draft or submitted, with its reason; its number stays as voided."""
		self.reload()  # void what is on the register, not the caller's edited copy
		if self.docstatus == 2:
			frappe.throw(_("Register entry {0} is already voided.").format(self.name))
		self.check_permission("cancel")
		if not (reason or "").strip():
			frappe.throw(_("Write the reason for voiding register entry {0} first (E2).").format(self.name))
		# Stored as the reason for a submitted entry, which Frappe no longer sanitises itself.
		self.void_reason = frappe.utils.sanitize_html(reason.strip())
		if self.docstatus == 0:
			# A draft is closed and voided at once, so its number is accounted for, not deleted.
			self.flags.voiding = True
			self.submit()
		self.cancel()

	def on_trash(self):
		keep_on_file(self)
