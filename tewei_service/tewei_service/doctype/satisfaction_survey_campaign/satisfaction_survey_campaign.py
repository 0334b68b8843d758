# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from tewei_service.surveys.follow_up import create_follow_up_revisits

MIN_YEAR, MAX_YEAR = 2000, 2100


class SatisfactionSurveyCampaign(Document):
	"""One property project's yearly satisfaction survey (SPEC R2, procedure 2 §5.1)."""

	def validate(self):
		if not MIN_YEAR <= (self.year or 0) <= MAX_YEAR:
			frappe.throw(_("Year {0} is not a calendar year.").format(self.year))
		if self.start_date and self.end_date and self.end_date < self.start_date:
			frappe.throw(_("Forms Collected By cannot be before Forms Handed Out On."))
		if frappe.db.exists(
			"Satisfaction Survey Campaign",
			{"property_project": self.property_project, "year": self.year, "name": ("!=", self.name)},
		):
			frappe.throw(
				_("{0} already has a survey campaign for {1}.").format(self.property_project, self.year)
			)

	@frappe.whitelist()
	def create_follow_up_revisits(self) -> list[str]:
		"""§5.4: the revisits the campaign's recorded surveys still lack."""
		self.reload()
		self.check_permission("write")
		return create_follow_up_revisits(self.name)
