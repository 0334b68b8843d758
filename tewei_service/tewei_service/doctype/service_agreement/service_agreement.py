# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from tewei_service.billing.agreements import billed_cycles
from tewei_service.exceptions import ApprovalError
from tewei_service.households import validate_household_customer
from tewei_service.locks import check_signature_image, lock_server_fields
from tewei_service.records import keep_on_file
from tewei_service.rules import agreements as rules
from tewei_service.states import AgreementState as State
from tewei_service.validation import throw_violations


class ServiceAgreement(Document):
	"""居家服務協議書: regular home services billed by finance on the agreement's cycle (A1, A2, S4)."""

	def validate(self):
		lock_server_fields(self, self.get_doc_before_save())
		validate_household_customer(self)
		check_signature_image(self.customer_signature)
		self.company = frappe.db.get_value("Property Project", self.property_project, "company")
		self.fee_per_cycle = sum(row.fee_per_cycle or 0 for row in self.services)
		self.needs_signature = int(rules.needs_signature(getdate(self.start_date), getdate(self.end_date)))
		throw_violations(
			rules.check_agreement(
				self.service_type,
				getdate(self.start_date),
				getdate(self.end_date),
				[row.fee_per_cycle or 0 for row in self.services],
			),
			self,
		)
		before = self.get_doc_before_save()
		if before and self.has_value_changed("workflow_state") and self.workflow_state == State.ACTIVE:
			self.activate(before.workflow_state)

	def activate(self, previous_state: str) -> None:
		if previous_state == State.PENDING_SIGNATURE:
			self.signed_by, self.signed_on = frappe.session.user, now_datetime()
		elif self.needs_signature:
			frappe.throw(
				_("Service of a month or more starts only when the department manager signs it (A1)."),
				ApprovalError,
				title=_("Signature Needed"),
			)

	def before_submit(self):
		# However it is submitted (the Workflow, frappe.client.submit), a month or more starts only
		# signed (A1).
		if self.needs_signature and not self.signed_by:
			frappe.throw(
				_("Service of a month or more starts only when the department manager signs it (A1)."),
				ApprovalError,
				title=_("Signature Needed"),
			)

	def before_update_after_submit(self):
		before = self.get_doc_before_save()
		if self.workflow_state == State.TERMINATED and before.workflow_state != State.TERMINATED:
			self.validate_termination()
		elif self.termination_fields(before) != self.termination_fields(self):
			frappe.throw(_("Use End Early to end the agreement."))

	def validate_termination(self):
		throw_violations(
			rules.check_termination(
				self.terminated_by_side,
				getdate(self.terminated_on) if self.terminated_on else None,
				self.termination_notice_date,
				self.termination_reason,
				getdate(self.start_date),
			),
			self,
		)
		last_billed = max(
			(cycle_end for _start, cycle_end, _invoice in billed_cycles(self.name)), default=None
		)
		if last_billed and getdate(self.terminated_on) < last_billed:
			frappe.throw(
				_("Cycles up to {0} are billed already: cancel those invoices before ending earlier.").format(
					frappe.format(last_billed, "Date")
				)
			)

	@staticmethod
	def termination_fields(doc) -> tuple:
		return (
			doc.terminated_by_side,
			doc.terminated_on,
			doc.termination_notice_date,
			doc.termination_reason,
		)

	@frappe.whitelist()
	def end_early(self, side: str, last_day: str, reason: str, notice_date: str | None = None):
		"""A2: record who ends the agreement, from when, why and (for the company) the notice."""
		self.reload()  # end what was signed, not the caller's edited copy
		self.update(
			{
				"terminated_by_side": side,
				"terminated_on": last_day,
				"termination_reason": reason.strip(),  # a reason of blanks is none
				"termination_notice_date": notice_date,
				# Frappe checks this is a Terminate transition the user's roles allow.
				"workflow_state": State.TERMINATED,
			}
		)
		self.save()

	def on_trash(self):
		keep_on_file(self)
