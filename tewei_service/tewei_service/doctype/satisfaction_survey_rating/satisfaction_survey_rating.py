# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SatisfactionSurveyRating(Document):
	pass
