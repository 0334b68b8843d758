# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.model.document import Document
from frappe.utils import flt, get_datetime, now_datetime

from tewei_service.alerts import alert
from tewei_service.catalogue.fees import fee_in_force, validate_charged_price
from tewei_service.rules import work_order as rules
from tewei_service.rules.settlement import check_closing
from tewei_service.validation import throw_violations
from tewei_service.work_orders.commitments import update_commitment

OPEN_PRICE_STATES = (None, "Registered", "Quoted")


class ServiceWorkOrder(Document):
	def validate(self):
		self.desk = rules.desk_for(self.request_type)
		self.validate_price_confirmation()
		self.price_lines()
		self.validate_booking()

		before = self.get_doc_before_save()
		self.validate_settlement_unchanged(before)
		if before and before.workflow_state != self.workflow_state:
			self.stamp_milestones()
		update_commitment(self)
		if before and before.customer_signature and before.customer_signature != self.customer_signature:
			frappe.throw(_("The customer's signature cannot be changed once given."))
		if before and self.quote_key(before) != self.quote_key(self):
			if before.workflow_state not in OPEN_PRICE_STATES:
				frappe.throw(
					_("The price was confirmed; use Re-quote to change the services or prices (W4)."),
					title=_("Re-quote Needed"),
				)
			if self.workflow_state == "Quoted" and before.workflow_state == "Quoted":
				self.add_price_version()
		if before and before.workflow_state != self.workflow_state:
			self.on_state_change()

	def after_insert(self):
		if self.desk == rules.ESCALATION_DESK:
			self.escalate_to_branch_manager()

	def validate_settlement_unchanged(self, before):
		"""S5: the invoice and payment status are written by finance's documents, never by hand."""
		stored = (before.sales_invoice, before.payment_status) if before else (None, "Unbilled")
		if (self.sales_invoice, self.payment_status or "Unbilled") != stored:
			frappe.throw(
				_(
					"The invoice and payment status of an order follow its Sales Invoice and Payment "
					"Entries; they cannot be set by hand (S5)."
				),
				title=_("No Private Settlement"),
			)

	def validate_price_confirmation(self):
		if not self.price_confirmation:
			return
		docstatus, customer = frappe.db.get_value(
			"Price Confirmation", self.price_confirmation, ["docstatus", "customer"]
		)
		if docstatus != 1:
			frappe.throw(_("Price Confirmation {0} is not approved.").format(self.price_confirmation))
		if customer != self.customer:
			frappe.throw(
				_("Price Confirmation {0} is for {1}, not {2}.").format(
					self.price_confirmation, customer, self.customer
				)
			)

	def price_lines(self):
		"""Fees from the approved catalogue; every charged price inside the band or confirmed (C2, C4)."""
		for row in self.items:
			row.standard_fee = fee_in_force(row.catalogue_item, self.order_date)
			if not row.rate:
				row.rate = row.standard_fee
			validate_charged_price(
				row.catalogue_item, row.rate, self.order_date, self.price_confirmation, fee=row.standard_fee
			)
			row.amount = flt(row.qty * row.rate, row.precision("amount"))
		if self.items:
			self.total_amount = sum(row.amount for row in self.items)
		elif self.price_confirmation:
			self.total_amount = frappe.db.get_value(
				"Price Confirmation", self.price_confirmation, "grand_total"
			)
		else:
			self.total_amount = 0

	def validate_booking(self):
		if not (self.assigned_staff and self.appointment_start and self.appointment_end):
			return
		if self.workflow_state == "Cancelled":
			return
		others = frappe.get_all(
			"Service Work Order",
			filters={
				"assigned_staff": self.assigned_staff,
				"name": ("!=", self.name or ""),
				"workflow_state": ("!=", "Cancelled"),
				"appointment_start": ("is", "set"),
				"appointment_end": ("is", "set"),
			},
			fields=["name", "appointment_start", "appointment_end"],
		)
		slack = frappe.db.get_single_value("Service Settings", "booking_slack_minutes") or 0
		throw_violations(
			rules.booking_conflicts(
				rules.Booking(
					self.name, get_datetime(self.appointment_start), get_datetime(self.appointment_end)
				),
				[
					rules.Booking(o.name, get_datetime(o.appointment_start), get_datetime(o.appointment_end))
					for o in others
				],
				slack,
			),
			self,
			_("Booking Overlaps"),
		)

	def stamp_milestones(self):
		"""Starting work means the staff is on site; completing means fixed (unless entered)."""
		if self.workflow_state == "In Progress" and not self.arrived_on:
			self.arrived_on = now_datetime()
		if self.workflow_state == "Completed" and not self.resolved_on:
			self.resolved_on = now_datetime()

	def on_state_change(self):
		state = self.workflow_state
		if state == "Quoted":
			throw_violations(rules.check_quote(bool(self.items), bool(self.price_confirmation)), self)
			self.customer_confirmed = 0
			self.confirmed_by_customer = None
			if not self.price_versions:
				self.add_price_version()
		elif state == "Confirmed":
			if not self.confirmed_by_customer:
				frappe.throw(_("Write who accepted the price in Confirmed By (Customer)."))
			self.customer_confirmed = 1
			if self.price_versions[-1].confirmed_by:
				# Confirmed again after a re-quote at the same price: keep both confirmations.
				self.add_price_version()
			latest = self.price_versions[-1]
			latest.confirmed_by, latest.confirmed_on = self.confirmed_by_customer, now_datetime()
		elif state == "Dispatched":
			throw_violations(rules.check_dispatch(bool(self.customer_confirmed)), self)
			if not (self.assigned_staff and self.appointment_start and self.appointment_end):
				frappe.throw(_("Assign a staff member and the appointment before dispatching."))
			self.assign_staff()
		elif state == "Completed":
			throw_violations(
				rules.check_completion(bool(self.customer_signature), self.settlement_mode), self
			)
			self.completed_on = now_datetime()
		elif state == "Checked":
			throw_violations(check_closing(self.settlement_mode, self.payment_status), self)
			self.checked_by, self.checked_on = frappe.session.user, now_datetime()
		elif state == "Cancelled":
			if not (self.cancellation_reason and self.cancelled_by_side):
				frappe.throw(_("Record who cancelled and why before cancelling (W5)."))
			self.tell_other_side(self.cancelled_by_side, _("cancelled"), self.cancellation_reason)

	@frappe.whitelist()
	def reschedule(self, new_start, new_end, requested_by: str, reason: str):
		"""W5: a new appointment, asked for by the customer or the company, and the other side told."""
		if self.workflow_state not in ("Registered", "Quoted", "Confirmed", "Dispatched"):
			frappe.throw(_("Only an order that has not started can be rescheduled."))
		if requested_by not in ("Customer", "Company") or not (reason or "").strip():
			frappe.throw(_("Record who asked for the new time and why."))
		self.append(
			"schedule_changes",
			{
				"changed_on": now_datetime(),
				"requested_by": requested_by,
				"old_start": self.appointment_start,
				"new_start": new_start,
				"reason": reason,
				"changed_by": frappe.session.user,
			},
		)
		self.appointment_start, self.appointment_end = new_start, new_end
		self.save()
		when = frappe.format_value(self.appointment_start, {"fieldtype": "Datetime"})
		self.tell_other_side(requested_by, _("moved to {0}").format(when), reason)

	def tell_other_side(self, requested_by: str, change: str, reason: str):
		"""W5: the staff member hears of the customer's change; the customer of the company's."""
		if requested_by == "Customer":
			staff_user = self.assigned_staff and frappe.db.get_value(
				"Employee", self.assigned_staff, "user_id"
			)
			if staff_user:
				alert(
					staff_user,
					_("{0}: {1} (asked by the customer)").format(self.name, change),
					reason,
					self.doctype,
					self.name,
				)
			return
		message = _("Your service appointment {0}: {1}. Reason: {2}").format(self.name, change, reason)
		email = frappe.db.get_value("Customer", self.customer, "email_id")
		if email:
			frappe.sendmail(
				recipients=[email],
				subject=_("Your service appointment"),
				message=message,
				reference_doctype=self.doctype,
				reference_name=self.name,
			)
		# The customer service call is on record either way.
		self.add_comment("Info", message)

	def add_price_version(self):
		self.append(
			"price_versions",
			{
				"version": len(self.price_versions) + 1,
				"total": self.total_amount,
				"summary": "\n".join(
					f"{row.service_name} × {row.qty:g} @ {row.rate:.2f}" for row in self.items
				)
				or self.price_confirmation,
				"quoted_by": frappe.session.user,
				"quoted_on": now_datetime(),
			},
		)

	@staticmethod
	def quote_key(doc) -> tuple:
		return rules.quote_key(
			[(row.catalogue_item, row.qty, row.rate) for row in doc.items], doc.price_confirmation
		)

	def assign_staff(self):
		user = frappe.db.get_value("Employee", self.assigned_staff, "user_id")
		if user:
			assign_to(
				{
					"assign_to": [user],
					"doctype": self.doctype,
					"name": self.name,
					"description": self.request_details,
					"date": get_datetime(self.appointment_start).date(),
				},
				ignore_permissions=True,
			)

	def escalate_to_branch_manager(self):
		"""W2: never dropped: the project's branch manager gets it in their to-do list."""
		manager = frappe.db.get_value("Property Project", self.property_project, "branch_manager")
		if not manager:
			frappe.throw(
				_("Set the Branch Manager of {0} to receive requests outside the desks.").format(
					self.property_project
				)
			)
		assign_to(
			{
				"assign_to": [manager],
				"doctype": self.doctype,
				"name": self.name,
				"description": _("Request outside the special-service desks: {0}").format(
					self.request_details
				),
			},
			ignore_permissions=True,
		)
