"""The fee a catalogue item may be ordered at (SPEC C2, C4), for work orders and notices."""

import frappe
from frappe import _
from frappe.utils import formatdate, getdate, today

from tewei_service.exceptions import NotOrderableError, PriceBandError
from tewei_service.rules import catalogue as rules
from tewei_service.rules.pricing import check_price_band
from tewei_service.settings import setting
from tewei_service.validation import throw_violations


def versions_of(catalogue_item) -> list:
	return [(getdate(row.effective_date), row.fee) for row in catalogue_item.fee_history]


def fee_in_force(catalogue_item: str, on_date=None) -> float:
	"""The approved fee on a date; an item without one cannot be ordered (C2)."""
	doc = frappe.get_doc("Service Catalogue Item", catalogue_item)
	on_date = getdate(on_date or today())
	fee = rules.fee_in_force(versions_of(doc), on_date)
	if fee is None:
		frappe.throw(
			_("{0} has no approved fee on {1} and cannot be ordered.").format(
				doc.service_name, formatdate(on_date)
			),
			NotOrderableError,
			title=_("Not Approved"),
		)
	return fee


def band_violation(catalogue_item: str, price: float, fee: float):
	"""Why `price` may not be charged for the item whose fee in force is `fee` (C4), or None."""
	return check_price_band(
		frappe.db.get_value("Service Catalogue Item", catalogue_item, "service_name"),
		fee,
		price,
		setting("price_band_percent"),
	)


def validate_charged_price(catalogue_item: str, price: float, on_date=None, fee: float | None = None) -> None:
	"""Refuse a charged price outside the band (C4).

	`fee` is the fee in force on the date, when the caller has looked it up already. A work order's
	own Price Confirmation may confirm one price outside the band (`work_orders.pricing`).
	"""
	if fee is None:
		fee = fee_in_force(catalogue_item, on_date)
	violation = band_violation(catalogue_item, price, fee)
	throw_violations([violation] if violation else [], title=_("Price Outside the Band"), exc=PriceBandError)


def approved_services(on_date=None) -> list[dict]:
	"""Every item with a fee in force on the date, by category and name: the published price list (C3)."""
	on_date = getdate(on_date or today())
	services = []
	for name in frappe.get_all("Service Catalogue Item", pluck="name", order_by="category, service_name"):
		doc = frappe.get_doc("Service Catalogue Item", name)
		fee = rules.fee_in_force(versions_of(doc), on_date)
		if fee is not None:
			services.append(
				{
					"catalogue_item": doc.name,
					"service_name": doc.service_name,
					"category": doc.category,
					"unit_of_charge": doc.unit_of_charge,
					"fee": fee,
				}
			)
	return services


def refresh_fees_in_force() -> None:
	"""Daily: a fee approved ahead of its effective date comes into force (shown as Fee in Force)."""
	for name in frappe.get_all("Service Catalogue Item", filters={"item": ("is", "set")}, pluck="name"):
		doc = frappe.get_doc("Service Catalogue Item", name)
		fee = rules.fee_in_force(versions_of(doc), getdate(today()))
		if fee != doc.standard_fee:
			doc.db_set("standard_fee", fee)
