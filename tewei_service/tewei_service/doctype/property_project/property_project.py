# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class PropertyProject(Document):
	def validate(self):
		if self.branch_manager and "Branch Manager" not in frappe.get_roles(self.branch_manager):
			frappe.throw(_("User {0} does not have the role Branch Manager.").format(self.branch_manager))
