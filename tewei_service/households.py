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


def check_same_household(label: str, name: str, linked_household: str | None, household: str | None) -> None:
	"""A record linked from a document filed under `household` is that household's own (SPEC P1);
	`label` is the linked record's translated kind."""
	if linked_household != household:
		frappe.throw(
			_("{0} {1} is for household {2}, not {3}.").format(label, name, linked_household, household),
			title=_("Wrong Household"),
		)
