"""Warranty repairs (SPEC R4; procedure 1, 5. 售後服務: 提供一定期限的保修期): a repeat fault within the
warranty period of the service is a new order linked to the original one (`warranty_of`), of the
same household, free of charge and never billed; the monthly analysis counts them per staff and item.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.exceptions import WarrantyError
from tewei_service.rules import work_order as rules
from tewei_service.validation import throw_violations


def validate_warranty(order) -> None:
	"""R4: the original order, the period and the price of a warranty repair (on every save)."""
	if not order.warranty_of:
		return
	original = frappe.db.get_value(
		"Service Work Order",
		order.warranty_of,
		["name", "household", "workflow_state", "completed_on", "warranty_of"],
		as_dict=True,
	)
	if not original or original.name == order.name:
		frappe.throw(_("Link the order whose service failed again (R4)."), WarrantyError)
	lines = [(row.catalogue_item, row.rate) for row in order.items]
	throw_violations(
		rules.check_warranty(
			rules.WarrantyOriginal(
				name=original.name,
				household=original.household,
				state=original.workflow_state,
				completed_on=getdate(original.completed_on) if original.completed_on else None,
				is_warranty_repair=bool(original.warranty_of),
				items=frozenset(served_items(original.name)),
			),
			household=order.household,
			reported_on=getdate(order.reported_on or order.order_date),
			lines=lines,
			warranty_days=warranty_days({item for item, _rate in lines}),
			priced_by_confirmation=bool(order.price_confirmation),
			settlement_mode=order.settlement_mode,
		),
		order,
		_("Warranty Repair"),
		WarrantyError,
	)


def served_items(order: str) -> list[str]:
	return frappe.get_all(
		"Service Work Order Item",
		{"parent": order, "parenttype": "Service Work Order", "parentfield": "items"},
		pluck="catalogue_item",
	)


def warranty_days(items: set[str]) -> dict[str, int]:
	if not items:
		return {}
	return dict(
		frappe.get_all(
			"Service Catalogue Item", {"name": ("in", list(items))}, ["name", "warranty_days"], as_list=True
		)
	)
