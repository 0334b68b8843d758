# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from tewei_service.records import keep_on_file
from tewei_service.revisits.monthly_report import approve, prepare


class MonthlyServiceAnalysis(Document):
	def validate(self):
		prepare(self)

	def before_submit(self):
		approve(self)

	def on_trash(self):
		keep_on_file(self)
