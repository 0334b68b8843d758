# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from tewei_service.catalogue.approval import approve_fee_version
from tewei_service.exceptions import ApprovalError, ServicePermissionError
from tewei_service.rules import catalogue as rules
from tewei_service.states import CatalogueState as State
from tewei_service.validation import throw_violations


class ServiceCatalogueItem(Document):
	def validate(self):
		before = self.get_doc_before_save()
		latest = max((getdate(row.effective_date) for row in self.fee_history), default=None)
		throw_violations(
			rules.check_proposal(self.proposed_fee, getdate(self.effective_date), latest)
			if self.workflow_state in State.PROPOSAL_OPEN
			else [],
			self,
		)
		# On insert too: an item arrives as a draft proposal, with nothing an approval writes (C2).
		throw_violations(
			rules.check_edit(
				before.workflow_state if before else None,
				self.changed_fields(before or frappe.new_doc(self.doctype)),
				set(frappe.get_roles()),
			),
			self,
			_("Not Allowed in {0}").format(_(before.workflow_state if before else State.DRAFT)),
			ApprovalError,
		)
		if before and self.has_value_changed("workflow_state"):
			self.on_state_change(before.workflow_state)

	def changed_fields(self, before) -> set[str]:
		changed = {
			field
			for field in (*rules.PROPOSAL_FIELDS, *rules.APPROVAL_FIELDS, "rejection_reason")
			if field != "fee_history" and (self.get(field) or None) != (before.get(field) or None)
		}
		if [(row.fee, str(row.effective_date)) for row in self.fee_history] != [
			(row.fee, str(row.effective_date)) for row in before.fee_history
		]:
			changed.add("fee_history")
		return changed

	def on_state_change(self, previous_state):
		if self.workflow_state == State.FINANCE_REVIEW:
			self.proposed_by = frappe.session.user
		elif self.workflow_state == State.REJECTED and not self.rejection_reason:
			frappe.throw(
				_("Write the reason for rejecting in Rejection Reason first."), title=_("Reason Needed")
			)
		elif self.workflow_state == State.DRAFT and previous_state == State.REJECTED:
			self.rejection_reason = None
		elif self.workflow_state == State.APPROVED:
			if frappe.session.user == self.proposed_by:
				frappe.throw(
					_("You proposed this fee, so another leader must approve it."), ServicePermissionError
				)
			approve_fee_version(self)
