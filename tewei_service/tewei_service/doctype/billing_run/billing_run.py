# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from tewei_service.billing import billing_run


class BillingRun(Document):
	"""月結批次 (SPEC S1): one company's month-end billing notices for a period, made in the
	background one customer at a time (`tewei_service.billing.billing_run`). Its jobs write its
	status and counts; nothing here is typed in but the company and the period."""

	def validate(self):
		if self.is_new():
			billing_run.validate_new_run(self)

	def after_insert(self):
		billing_run.queue_run(self)
