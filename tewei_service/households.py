"""A document filed under a household is for one of its own customers (SPEC W1, P1)."""

import frappe
from frappe import _


def validate_household_customer(doc) -> None:
	"""The household is in use (not disabled) and the customer is one of its owners or tenants."""
	if not doc.household:
		return
	if frappe.db.get_value("Household", doc.household, "disabled"):
		frappe.throw(_("Household {0} is disabled.").format(doc.household), title=_("Disabled Household"))
	customers = frappe.get_all(
		"Household Customer", {"parent": doc.household, "parenttype": "Household"}, pluck="customer"
	)
	if doc.customer not in customers:
		frappe.throw(
			_("{0} is not a customer of household {1}.").format(doc.customer, doc.household),
			title=_("Wrong Customer"),
		)
