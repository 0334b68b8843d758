# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from tewei_service.permissions import assigned_employee
from tewei_service.records import keep_on_file


class ServiceMessageSlip(Document):
	"""《留言條》 (SPEC W5): left when nobody is at home; its return is recorded."""

	def validate(self):
		# The staff member at the door leaves the slip (and so keeps seeing it, P2).
		if not self.staff and (employee := assigned_employee()) != "-":
			self.staff = employee
		if self.returned and not self.returned_on:
			self.returned_on = now_datetime()
		if not self.returned and (self.returned_on or self.reply):
			frappe.throw(_("Tick Customer Replied to record the reply."))

	def on_trash(self):
		keep_on_file(self)
