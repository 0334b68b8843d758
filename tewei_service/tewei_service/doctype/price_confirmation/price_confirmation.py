# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from tewei_service.exceptions import ApprovalError, ServicePermissionError
from tewei_service.locks import lock_server_fields
from tewei_service.records import keep_on_file
from tewei_service.rules import price_confirmation as rules
from tewei_service.states import PriceConfirmationState as State
from tewei_service.validation import throw_violations

PRICED_FIELDS = ("labour", "materials", "management_fee_percent", "tax_percent", "discount_amount")


class PriceConfirmation(Document):
	def validate(self):
		before = self.get_doc_before_save()
		lock_server_fields(self, before)
		self.validate_work_order()
		self.compute_price()
		if before and self.signatures and self.priced_fields(before) != self.priced_fields(self):
			# A signature covers the price it saw; a new price must be signed again.
			self.set("signatures", [])
			frappe.msgprint(
				_("The price changed, so the department heads' signatures were cleared."), alert=True
			)
		if before and self.has_value_changed("workflow_state"):
			self.on_state_change()

	def validate_work_order(self):
		"""C5: the confirmation prices one order of its own customer; it is filed under that
		order's household and project (P2)."""
		if not self.work_order:
			self.property_project = self.household and frappe.db.get_value(
				"Household", self.household, "property_project"
			)
			return
		customer, self.household, self.property_project = frappe.db.get_value(
			"Service Work Order", self.work_order, ["customer", "household", "property_project"]
		)
		if customer != self.customer:
			frappe.throw(
				_("Service Work Order {0} is for {1}, not {2}.").format(
					self.work_order, customer, self.customer
				)
			)

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
		if self.workflow_state == State.PENDING_APPROVAL and not self.signatures:
			frappe.throw(
				_("A department head must sign before the confirmation goes for approval."), ApprovalError
			)
		if self.workflow_state == State.REJECTED and not self.rejection_reason:
			frappe.throw(
				_("Write the reason for rejecting in Rejection Reason first."), title=_("Reason Needed")
			)

	def before_submit(self):
		if not self.signatures:
			frappe.throw(
				_("A department head must sign before the confirmation goes for approval."), ApprovalError
			)
		self.approved_by = frappe.session.user

	@staticmethod
	def priced_fields(doc) -> tuple:
		return (
			[(r.work, r.staff_count, r.hours, r.hourly_cost) for r in doc.labour],
			[(r.description, r.qty, r.unit_cost) for r in doc.materials],
			*(doc.get(field) or 0 for field in PRICED_FIELDS[2:]),
		)

	@frappe.whitelist()
	def sign(self):
		"""The signing department head adds their row (who, department, when) to the stored price."""
		self.reload()
		if "Service Department Head" not in frappe.get_roles():
			frappe.throw(
				_("Only a Service Department Head can sign a price confirmation."), ServicePermissionError
			)
		if self.docstatus != 0 or self.workflow_state not in State.SIGNABLE:
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
		self.flags.server_writes = ("signatures",)
		self.save()

	def on_trash(self):
		keep_on_file(self)
