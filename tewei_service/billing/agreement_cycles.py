"""Every cycle of an agreement up to a day (SPEC S4): billed by which invoice, paid, or still due.

A cycle that ended without an invoice shows as due: the next billing run (daily, or finance's
button) bills it once.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.billing.agreements import agreements_to_bill, billed_cycles, cycles_of
from tewei_service.rules.agreements import cycle_amount


def cycles_as_of(
	as_of, company: str | None = None, agreement: str | None = None, projects: list[str] | None = None
) -> list[dict]:
	"""The cycles begun by `as_of` of one agreement, else of every submitted agreement begun by then;
	of the agreements of `projects` only, unless None (P2)."""
	as_of = getdate(as_of)
	names = [agreement] if agreement else agreements_to_bill(as_of, company)
	if projects is not None and names:
		names = frappe.get_all(
			"Service Agreement",
			{"name": ("in", names), "property_project": ("in", projects or [""])},
			pluck="name",
			order_by="start_date",
		)
	rows = []
	for name in names:
		rows += cycle_rows(frappe.get_doc("Service Agreement", name), as_of)
	return rows


def cycle_rows(agreement, as_of) -> list[dict]:
	"""One row per cycle of the agreement begun by `as_of`, with its invoice and status."""
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
