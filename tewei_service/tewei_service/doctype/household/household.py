# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from tewei_service.records import keep_on_file
from tewei_service.rules.household import check_household_customers, primary_index
from tewei_service.validation import throw_violations


class Household(Document):
	def validate(self):
		primaries = [bool(row.is_primary) for row in self.customers]
		throw_violations(check_household_customers([row.customer for row in self.customers], primaries), self)
		primary = self.customers[primary_index(primaries)]
		for row in self.customers:
			row.is_primary = int(row is primary)
		self.primary_customer = primary.customer

		self.household_name = " ".join(
			part for part in (self.property_project, self.building, self.unit) if part
		)
		self.validate_unit_is_free()

	def validate_unit_is_free(self):
		other = frappe.db.exists(
			"Household", {"household_name": self.household_name, "name": ("!=", self.name)}
		)
		if other:
			frappe.throw(
				_("Unit {0} is already registered as household {1}.").format(self.household_name, other)
			)

	def on_trash(self):
		keep_on_file(self)
