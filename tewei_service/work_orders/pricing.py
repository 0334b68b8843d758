"""How a work order is priced (SPEC C2, C4, C5, R6): catalogue fees in force, the project's office
tariff, the price band, and the one Price Confirmation made for the order."""

import frappe
from frappe import _
from frappe.utils import flt

from tewei_service.catalogue.fees import band_violation, fee_in_force
from tewei_service.catalogue.tariffs import applying_fee, tariff_fees
from tewei_service.exceptions import PriceBandError
from tewei_service.rules import Violation
from tewei_service.rules.tariff import check_off_tariff
from tewei_service.validation import throw_violations


def confirmation_of(order) -> frappe._dict | None:
	"""The order's approved Price Confirmation, made for this order and used by no other (C5)."""
	if not order.price_confirmation:
		return None
	confirmation = frappe.db.get_value(
		"Price Confirmation",
		order.price_confirmation,
		["name", "docstatus", "customer", "work_order", "grand_total"],
		as_dict=True,
	)
	if not confirmation or confirmation.docstatus != 1:
		frappe.throw(_("Price Confirmation {0} is not approved.").format(order.price_confirmation))
	if confirmation.customer != order.customer:
		frappe.throw(
			_("Price Confirmation {0} is for {1}, not {2}.").format(
				confirmation.name, confirmation.customer, order.customer
			)
		)
	used_by = (confirmation.work_order != order.name and confirmation.work_order) or frappe.db.get_value(
		"Service Work Order", {"price_confirmation": confirmation.name, "name": ("!=", order.name or "")}
	)
	if used_by:
		frappe.throw(
			_("Price Confirmation {0} was made for {1}: each order needs its own.").format(
				confirmation.name, used_by
			),
			PriceBandError,
		)
	return confirmation


def price_lines(order) -> None:
	"""Fees from the approved catalogue; every charged price inside the band, or the one line the
	order's Price Confirmation confirmed at its price (C2, C4). Where the project's published
	tariff sets a fee, the line is charged at it and any other price needs that confirmation (R6).
	A temporary job without catalogue lines is priced by the confirmation alone (C5)."""
	confirmation = confirmation_of(order)
	confirmation_used = False
	_tariff, office_fees = tariff_fees(order.property_project, order.order_date)
	for row in order.items:
		row.standard_fee = fee_in_force(row.catalogue_item, order.order_date)
		office_fee = applying_fee(office_fees, row.catalogue_item, row.standard_fee)
		row.tariff_fee = flt(office_fee)  # the column holds 0, not null: no change logged on every save
		if order.warranty_of:
			# R4: a warranty repair is free; work_orders.warranty refuses a charged line.
			row.rate = flt(row.rate)
			row.amount = flt(row.qty * row.rate, row.precision("amount"))
			continue
		if not row.rate:
			row.rate = row.standard_fee if office_fee is None else office_fee
		row.amount = flt(row.qty * row.rate, row.precision("amount"))
		violation = (
			band_violation(row.catalogue_item, row.rate, row.standard_fee)
			if office_fee is None
			else check_off_tariff(row.service_name or row.catalogue_item, office_fee, row.rate)
		)
		if violation and confirmation and not confirmation_used:
			if abs(row.amount - flt(confirmation.grand_total)) < 0.005:
				confirmation_used = True
				continue
			violation = Violation(
				_("{base} Price Confirmation {name} confirms {confirmed} for this order, not {amount}."),
				{
					"base": violation.render(_),
					"name": confirmation.name,
					"confirmed": f"{flt(confirmation.grand_total):.2f}",
					"amount": f"{row.amount:.2f}",
				},
			)
		throw_violations([violation] if violation else [], order, _("Price Outside the Band"), PriceBandError)
	if order.items:
		order.total_amount = sum(row.amount for row in order.items)
	else:
		order.total_amount = flt(confirmation.grand_total) if confirmation else 0


def bind_confirmation(order) -> None:
	"""The confirmation belongs to the order that used it first, and to no other (on_update)."""
	if order.price_confirmation and not frappe.db.get_value(
		"Price Confirmation", order.price_confirmation, "work_order"
	):
		frappe.db.set_value(
			"Price Confirmation",
			order.price_confirmation,
			{
				"work_order": order.name,
				"household": order.household,
				"property_project": order.property_project,
			},
		)
