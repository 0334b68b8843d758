"""What leadership approval of a fee does (SPEC C2): the ERPNext Item, an Item Price, the history."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime, today

from tewei_service.catalogue.fees import versions_of
from tewei_service.catalogue.tariffs import tell_tariffs_left_outside
from tewei_service.rules import catalogue as rules
from tewei_service.settings import service_settings


def approve_fee_version(doc) -> None:
	"""Record the proposed fee as approved. Called while the item is saved into the Approved state."""
	settings = service_settings()
	if not (settings.service_price_list and settings.item_group):
		frappe.throw(_("Set the Price List and Item Group in Service Settings before approving fees."))

	doc.item = doc.item or create_item(doc, settings)
	item_price = set_item_price(doc, settings.service_price_list)
	doc.append(
		"fee_history",
		{
			"fee": doc.proposed_fee,
			"effective_date": doc.effective_date,
			"approved_by": frappe.session.user,
			"approved_on": now_datetime(),
			"item_price": item_price,
		},
	)
	doc.standard_fee = rules.fee_in_force(versions_of(doc), getdate(today()))
	tell_tariffs_left_outside(doc.name, doc.proposed_fee, doc.effective_date)


def create_item(doc, settings) -> str:
	if frappe.db.exists("Item", doc.name):
		frappe.throw(
			_(
				"An Item with the code {0} already exists, so the catalogue item cannot get its own Item."
			).format(doc.name)
		)
	item = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": doc.name,
			"item_name": doc.service_name,
			"item_group": settings.item_group,
			"stock_uom": doc.unit_of_charge,
			"is_stock_item": 0,
			"include_item_in_manufacturing": 0,
			"is_sales_item": 1,
			"is_purchase_item": 0,
			"description": doc.description or doc.service_name,
		}
	)
	if settings.company and settings.income_account:
		item.append(
			"item_defaults",
			{
				"company": settings.company,
				"income_account": settings.income_account,
				"selling_cost_center": settings.cost_center,
			},
		)
	item.insert(ignore_permissions=True)
	return item.name


def set_item_price(doc, price_list: str) -> str:
	"""The approved fee as an Item Price valid from the effective date; the previous one ends the day before."""
	effective = getdate(doc.effective_date)
	existing = frappe.get_all(
		"Item Price",
		filters={"item_code": doc.item, "price_list": price_list, "uom": doc.unit_of_charge},
		fields=["name", "valid_from", "valid_upto"],
	)
	for price in existing:
		if price.valid_from and getdate(price.valid_from) == effective:
			# Re-approved for the same day: the newer approval replaces the rate.
			frappe.db.set_value("Item Price", price.name, "price_list_rate", doc.proposed_fee)
			return price.name
		if (not price.valid_from or getdate(price.valid_from) < effective) and (
			not price.valid_upto or getdate(price.valid_upto) >= effective
		):
			frappe.db.set_value("Item Price", price.name, "valid_upto", add_days(effective, -1))

	return (
		frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": doc.item,
				"price_list": price_list,
				"uom": doc.unit_of_charge,
				"price_list_rate": doc.proposed_fee,
				"valid_from": effective,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
