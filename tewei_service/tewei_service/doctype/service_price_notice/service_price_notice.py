# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from tewei_service.catalogue.tariffs import priced_services, published_tariff


class ServicePriceNotice(Document):
	def validate(self):
		# The notice lists the approved catalogue as it stands on its date (C3), at the project's
		# published office tariff where it sets a fee (R6).
		self.office_tariff = published_tariff(self.property_project, self.notice_date)
		self.set("items", priced_services(self.property_project, self.notice_date))
