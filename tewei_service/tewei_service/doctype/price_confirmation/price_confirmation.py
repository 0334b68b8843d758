# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from tewei_service.rules import price_confirmation as rules
from tewei_service.validation import throw_violations

PRICED_FIELDS = ("labour", "materials", "management_fee_percent", "tax_percent", "discount_amount")


class PriceConfirmation(Document):
	def validate(self):
		self.compute_price()
		before = self.get_doc_before_save()
		if before and self.signatures and self.priced_fields(before) != self.priced_fields(self):
			# A signature covers the price it saw; a new price must be signed again.
			self.set("signatures", [])
			frappe.msgprint(
				_("The price changed, so the department heads' signatures were cleared."), alert=True
			)
		if before and not self.flags.signing and self.signature_rows(before) != self.signature_rows(self):
			if self.signatures:
				frappe.throw(_("Signatures are added with the Sign button and cannot be edited."))
		if before and before.workflow_state != self.workflow_state:
			self.on_state_change()

	def compute_price(self):
		labour = [rules.LabourRow(r.work, r.staff_count, r.hours, r.hourly_cost) for r in self.labour]
		materials = [rules.MaterialRow(r.description, r.qty, r.unit_cost) for r in self.materials]
		args = (
			labour,
			materials,
			self.management_fee_percent or 0,
			self.tax_percent or 0,
			self.discount_amount or 0,
		)
		throw_violations(rules.check_inputs(*args), self, _("Invalid Price Confirmation"))
		price = rules.compute(*args)
		for row, amount in zip(self.labour, price.labour_amounts, strict=True):
			row.amount = float(amount)
		for row, amount in zip(self.materials, price.material_amounts, strict=True):
			row.amount = float(amount)
		self.update(
			{
				"labour_cost": float(price.labour),
				"material_cost": float(price.materials),
				"total_cost": float(price.cost),
				"management_fee": float(price.management_fee),
				"tax_amount": float(price.tax),
				"grand_total": float(price.total),
				"margin": float(price.margin),
				"below_cost": int(price.below_cost),
			}
		)
		if price.below_cost:
			frappe.msgprint(
				_("The price is {0} below cost: the principle is to cover cost with a small profit.").format(
					frappe.format_value(-price.margin, {"fieldtype": "Currency", "options": "currency"}, self)
				),
				indicator="orange",
				alert=True,
			)

	def on_state_change(self):
		if self.workflow_state == "Pending Approval" and not self.signatures:
			frappe.throw(_("A department head must sign before the confirmation goes for approval."))
		if self.workflow_state == "Rejected" and not self.rejection_reason:
			frappe.throw(
				_("Write the reason for rejecting in Rejection Reason first."), title=_("Reason Needed")
			)

	def before_submit(self):
		if not self.signatures:
			frappe.throw(_("A department head must sign before the confirmation goes for approval."))
		self.approved_by = frappe.session.user

	@staticmethod
	def priced_fields(doc) -> tuple:
		return (
			[(r.work, r.staff_count, r.hours, r.hourly_cost) for r in doc.labour],
			[(r.description, r.qty, r.unit_cost) for r in doc.materials],
			*(doc.get(field) or 0 for field in PRICED_FIELDS[2:]),
		)

	@staticmethod
	def signature_rows(doc) -> list:
		return [(r.head, str(r.signed_on)) for r in doc.signatures]

	@frappe.whitelist()
	def sign(self):
		"""The signing department head adds their row (who, department, when)."""
		if "Service Department Head" not in frappe.get_roles():
			frappe.throw(
				_("Only a Service Department Head can sign a price confirmation."), frappe.PermissionError
			)
		if self.docstatus != 0 or self.workflow_state not in (None, "Draft"):
			frappe.throw(_("Only a draft price confirmation can be signed."))
		if frappe.session.user in {row.head for row in self.signatures}:
			frappe.throw(_("You have already signed this price confirmation."))
		department = frappe.db.get_value("Employee", {"user_id": frappe.session.user}, "department")
		self.append(
			"signatures",
			{
				"head": frappe.session.user,
				"department": department or self.department,
				"signed_on": now_datetime(),
			},
		)
		self.flags.signing = True
		self.save()
