# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Every cycle of every agreement up to a day (SPEC S4): billed by which invoice, paid, or still due.

A cycle that ended without an invoice shows as due: the next billing run (daily, or finance's
button) bills it once.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.billing.agreements import agreements_to_bill, billed_cycles, cycles_of
from tewei_service.rules.agreements import cycle_amount


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	as_of = getdate(filters.as_of)
	names = (
		[filters.service_agreement]
		if filters.service_agreement
		else agreements_to_bill(as_of, filters.company)
	)
	rows = []
	for name in names:
		rows += agreement_rows(frappe.get_doc("Service Agreement", name), as_of)
	return get_columns(), rows


def agreement_rows(agreement, as_of) -> list[dict]:
	billed = {start: invoice for start, _end, invoice in billed_cycles(agreement.name)}
	rows = []
	for cycle in cycles_of(agreement):
		if cycle.start > as_of:
			break
		invoice = billed.get(cycle.start)
		outstanding = frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount") if invoice else None
		if invoice:
			status = _("Paid") if outstanding <= 0 else _("Billed")
		else:
			status = _("Due, not billed") if cycle.end <= as_of else _("In progress")
		rows.append(
			{
				"service_agreement": agreement.name,
				"customer": agreement.customer,
				"cycle_start": cycle.start,
				"cycle_end": cycle.end,
				"amount": sum(float(cycle_amount(row.fee_per_cycle, cycle)) for row in agreement.services),
				"sales_invoice": invoice,
				"outstanding": outstanding,
				"status": status,
			}
		)
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "service_agreement",
			"label": _("Service Agreement"),
			"fieldtype": "Link",
			"options": "Service Agreement",
			"width": 150,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 150,
		},
		{"fieldname": "cycle_start", "label": _("Agreement Cycle From"), "fieldtype": "Date", "width": 110},
		{"fieldname": "cycle_end", "label": _("Agreement Cycle To"), "fieldtype": "Date", "width": 110},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 110},
		{
			"fieldname": "sales_invoice",
			"label": _("Sales Invoice"),
			"fieldtype": "Link",
			"options": "Sales Invoice",
			"width": 170,
		},
		{"fieldname": "outstanding", "label": _("Outstanding"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 130},
	]
