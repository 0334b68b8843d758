# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from tewei_service.catalogue import tariffs
from tewei_service.locks import lock_server_fields
from tewei_service.records import keep_on_file


class OfficeTariff(Document):
	"""The management office's uniform fees (SPEC R6): the rules are in catalogue.tariffs."""

	def validate(self):
		before = self.get_doc_before_save()
		lock_server_fields(self, before)
		tariffs.lock_reviewed_content(self, before)
		tariffs.price_tariff_items(self)
		if before and self.has_value_changed("workflow_state"):
			tariffs.enter_state(self, before.workflow_state)

	def before_submit(self):
		tariffs.check_publication(self)

	def on_trash(self):
		keep_on_file(self)
