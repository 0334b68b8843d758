# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime

from tewei_service.complaints.register import register_revisit_complaint
from tewei_service.exceptions import ServicePermissionError
from tewei_service.households import check_same_household
from tewei_service.records import keep_on_file
from tewei_service.revisits.spot_check import QUALITY_ROLES
from tewei_service.rules import revisits as rules
from tewei_service.states import WorkOrderState
from tewei_service.surveys.follow_up import record_follow_up
from tewei_service.validation import throw_violations


class RevisitRecord(Document):
	"""《居家服務回訪記錄表》 (SPEC V3): one household's revisit, its ratings and any complaint."""

	def validate(self):
		if self.plan_month:
			self.plan_month = rules.month_start(getdate(self.plan_month))
		self.validate_quality_check()
		self.validate_orders()
		self.validate_agreement()
		self.set_customer()
		self.default_complaint_staff()
		if self.revisited_on and get_datetime(self.revisited_on) > now_datetime():
			frappe.throw(_("Revisited On cannot be in the future."))
		self.average_rating = rules.average_rating(self.as_dict()) or 0
		throw_violations(rules.check_revisit(self.as_dict()), self, _("Revisit Incomplete"))

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == rules.DONE and (not before or before.status != rules.DONE):
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
		register_revisit_complaint(self)
		record_follow_up(self)

	def validate_quality_check(self):
		"""V3: quality checks are Quality's own records."""
		before = self.get_doc_before_save()
		involved = self.method == rules.QUALITY_CHECK or (before and before.method == rules.QUALITY_CHECK)
		if involved and not set(QUALITY_ROLES) & set(frappe.get_roles()):
			frappe.throw(_("Only Quality records quality checks."), ServicePermissionError)

	def validate_orders(self):
		"""The orders revisited are this household's, and served (completed or checked)."""
		seen = set()
		for row in self.orders:
			if row.work_order in seen:
				frappe.throw(_("Service Work Order {0} is listed twice.").format(row.work_order))
			seen.add(row.work_order)
			household, state = frappe.db.get_value(
				"Service Work Order", row.work_order, ["household", "workflow_state"]
			)
			check_same_household(_("Service Work Order"), row.work_order, household, self.household)
			if state not in WorkOrderState.SERVED:
				frappe.throw(
					_("Service Work Order {0} is not completed yet ({1}).").format(row.work_order, _(state))
				)

	def validate_agreement(self):
		if not self.service_agreement:
			return
		household = frappe.db.get_value("Service Agreement", self.service_agreement, "household")
		check_same_household(_("Service Agreement"), self.service_agreement, household, self.household)

	def set_customer(self):
		if self.customer:
			return
		if self.orders:
			self.customer = frappe.db.get_value("Service Work Order", self.orders[-1].work_order, "customer")
		elif self.service_agreement:
			self.customer = frappe.db.get_value("Service Agreement", self.service_agreement, "customer")
		else:
			self.customer = frappe.db.get_value("Household", self.household, "primary_customer")

	def default_complaint_staff(self):
		"""A complaint about work done by one staff member concerns that staff member."""
		if not self.complaint:
			self.complaint_staff = None
			return
		staff = {row.assigned_staff for row in self.orders if row.assigned_staff}
		if not self.complaint_staff and len(staff) == 1:
			self.complaint_staff = staff.pop()

	def on_trash(self):
		keep_on_file(self)


def on_doctype_update():
	"""The composite indexes the reports and jobs filter on (`tewei_service.work_orders.indexes`)."""
	from tewei_service.work_orders.indexes import add_indexes

	add_indexes()
