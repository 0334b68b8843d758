# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from tewei_service.households import validate_household_customer
from tewei_service.locks import lock_server_fields, lock_settlement_fields, lock_signature
from tewei_service.records import keep_on_file
from tewei_service.rules import work_order as rules
from tewei_service.work_orders import intake, lifecycle
from tewei_service.work_orders.booking import validate_booking
from tewei_service.work_orders.commitments import (
	correct_time,
	default_commitment,
	lock_commitment,
	update_commitment,
)
from tewei_service.work_orders.daily import sign_register, validate_unsigned_follow_up
from tewei_service.work_orders.notify import escalate_to_branch_manager
from tewei_service.work_orders.pricing import bind_confirmation, price_lines
from tewei_service.work_orders.sign_off import follow_signature_pad
from tewei_service.work_orders.sign_off import sign_off as record_sign_off
from tewei_service.work_orders.warranty import validate_warranty


class ServiceWorkOrder(Document):
	"""《特約服務/維修單》 (SPEC W1-W10, R3-R5): what each workflow step does is in work_orders.lifecycle."""

	def validate(self):
		intake.validate_intake(self)
		validate_household_customer(self)
		price_lines(self)
		validate_warranty(self)
		validate_booking(self)

		before = self.get_doc_before_save()
		lock_server_fields(self, before)
		intake.record_hand_over(self)
		lock_settlement_fields(self, before)
		default_commitment(self)
		lock_commitment(self, before)
		state_changed = bool(before) and self.has_value_changed("workflow_state")
		if state_changed:
			lifecycle.stamp_milestones(self)
		update_commitment(self, before)
		follow_signature_pad(self, before)
		lock_signature(self, before)
		lifecycle.validate_quote_unchanged(self, before)
		if state_changed:
			lifecycle.enter_state(self)
		validate_unsigned_follow_up(self)

	def after_insert(self):
		if self.desk == rules.ESCALATION_DESK:
			escalate_to_branch_manager(self)

	def on_update(self):
		bind_confirmation(self)
		intake.tell_the_receiving_desk(self)

	@frappe.whitelist()
	def correct_commitment_time(self, milestone: str, value, reason: str):
		"""W10: a department head corrects a stamped time with the reason; the log keeps both."""
		correct_time(self, milestone, value, reason)

	@frappe.whitelist()
	def sign_off(self, signature: str, comment: str | None = None, satisfied: int = 1):
		"""R3: the customer signs off the work with their comment (the desk's Customer Sign-off)."""
		record_sign_off(self.name, signature, comment, satisfied)

	@frappe.whitelist()
	def sign_register(self):
		"""R7: the staff member who did the work signs its line of the daily register."""
		sign_register(self)

	@frappe.whitelist()
	def reschedule(self, new_start, new_end, requested_by: str, reason: str):
		"""W5: a new appointment, asked for by either side; the other side is told."""
		lifecycle.reschedule(self, new_start, new_end, requested_by, reason)

	def on_trash(self):
		keep_on_file(self)


def on_doctype_update():
	"""The composite indexes the reports and jobs filter on (`tewei_service.work_orders.indexes`)."""
	from tewei_service.work_orders.indexes import add_indexes

	add_indexes()
