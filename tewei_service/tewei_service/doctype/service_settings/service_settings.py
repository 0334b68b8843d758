# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from tewei_service.rules.settings import check_service_settings
from tewei_service.validation import throw_violations


class ServiceSettings(Document):
	def validate(self):
		throw_violations(check_service_settings(self.as_dict()), self, _("Invalid Service Settings"))
		self.validate_accounting()

	def validate_accounting(self):
		if self.service_price_list and not frappe.db.get_value(
			"Price List", self.service_price_list, "selling"
		):
			frappe.throw(_("Price List {0} is not a selling price list.").format(self.service_price_list))

		for fieldname, doctype in (("income_account", "Account"), ("cost_center", "Cost Center")):
			value = self.get(fieldname)
			if not value:
				continue
			if not self.company:
				frappe.throw(_("Set the Company before the {0}.").format(_(self.meta.get_label(fieldname))))
			if frappe.db.get_value(doctype, value, "company") != self.company:
				frappe.throw(
					_("{0} {1} does not belong to company {2}.").format(_(doctype), value, self.company)
				)

		if self.income_account:
			root_type, is_group = frappe.db.get_value(
				"Account", self.income_account, ["root_type", "is_group"]
			)
			if root_type != "Income" or is_group:
				frappe.throw(
					_("Income Account {0} must be a ledger of type Income.").format(self.income_account)
				)
