# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from tewei_service.catalogue.fees import approved_services


class ServicePriceNotice(Document):
	def validate(self):
		# The notice lists the approved catalogue as it stands on its date (C3).
		self.set("items", approved_services(self.notice_date))
