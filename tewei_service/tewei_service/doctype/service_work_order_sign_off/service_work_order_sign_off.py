# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from tewei_service.work_orders.sign_off import refuse_row_change


class ServiceWorkOrderSignoff(Document):
	"""R3: one signature of the customer, with the comment, kept as given (work_orders.sign_off).

	Rows are written with their order; saved or deleted on their own (REST), they are refused."""

	def validate(self):
		refuse_row_change(self)

	def on_trash(self):
		refuse_row_change(self)
