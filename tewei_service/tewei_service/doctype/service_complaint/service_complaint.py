# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from tewei_service.complaints import register
from tewei_service.households import validate_household_customer
from tewei_service.records import keep_on_file
from tewei_service.rules import complaints as rules
from tewei_service.validation import throw_violations

DATETIMES = ("received_on", "replied_on", "reopened_on")


class ServiceComplaint(Document):
	"""客戶投訴 (SPEC R1): one complaint from registration to the customer's satisfied reply."""

	def validate(self):
		before = self.get_doc_before_save()
		self.status = self.status or rules.OPEN
		validate_household_customer(self)
		register.fill_concerns(self)
		register.check_revisit_link(self)
		register.check_closed_unchanged(self, before)
		register.enter_status(self, before)
		values = self.as_dict()
		values.update(
			{field: get_datetime(self.get(field)) if self.get(field) else None for field in DATETIMES}
		)
		throw_violations(
			rules.check_complaint(values, before.status if before else None, now_datetime()),
			self,
			_("Complaint Not Valid"),
		)

	def on_trash(self):
		keep_on_file(self)
