"""Agreement billing (SPEC S4): one Sales Invoice per agreement per ended cycle, never twice.

The invoices themselves record which cycle they bill, so the cycles owed are always worked out
afresh: a run missed for months bills each missed cycle once, at its own amount, and cancelling
an invoice makes its cycle due again.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from tewei_service.alerts import alert
from tewei_service.billing.invoices import FINANCE_ROLES, make_service_invoice
from tewei_service.rules.agreements import Cycle, agreement_cycles, cycle_amount, due_cycles
from tewei_service.validation import require_role


def billed_cycles(agreement: str) -> list[tuple]:
	"""(cycle start, cycle end, invoice) of each submitted invoice of the agreement."""
	return [
		(getdate(row.tewei_cycle_start), getdate(row.tewei_cycle_end), row.name)
		for row in frappe.get_all(
			"Sales Invoice",
			{"tewei_service_agreement": agreement, "docstatus": 1, "is_return": 0},
			["name", "tewei_cycle_start", "tewei_cycle_end"],
			order_by="tewei_cycle_start",
		)
	]


def cycles_of(agreement) -> list[Cycle]:
	return agreement_cycles(
		getdate(agreement.start_date),
		getdate(agreement.end_date),
		agreement.billing_cycle,
		getdate(agreement.terminated_on) if agreement.terminated_on else None,
	)


def cycles_owed(agreement, as_of) -> list[Cycle]:
	billed = {start for start, _end, _invoice in billed_cycles(agreement.name)}
	return due_cycles(cycles_of(agreement), getdate(as_of), billed)


def bill_agreement(name: str, as_of=None) -> list[str]:
	"""Invoice every ended cycle of one agreement not billed yet; returns the new invoices."""
	# Lock the agreement: a run that got here first has billed its cycles when the lock is ours.
	frappe.db.sql("select name from `tabService Agreement` where name = %s for update", name)
	agreement = frappe.get_doc("Service Agreement", name)
	invoices = []
	for cycle in cycles_owed(agreement, as_of or today()):
		lines = [
			{
				"item_code": frappe.db.get_value("Service Catalogue Item", row.catalogue_item, "item"),
				"qty": 1,
				"rate": float(cycle_amount(row.fee_per_cycle, cycle)),
				"description": _("{0}: {1} to {2}").format(
					row.catalogue_item, frappe.format(cycle.start, "Date"), frappe.format(cycle.end, "Date")
				),
			}
			for row in agreement.services
		]
		invoice = make_service_invoice(
			agreement.company,
			agreement.customer,
			lines,
			tewei_household=agreement.household,
			tewei_service_agreement=agreement.name,
			tewei_cycle_start=cycle.start,
			tewei_cycle_end=cycle.end,
		)
		invoices.append(invoice.name)
	return invoices


def agreements_to_bill(as_of, company: str | None = None) -> list[str]:
	filters = {"docstatus": 1, "start_date": ("<=", getdate(as_of))}
	if company:
		filters["company"] = company
	return frappe.get_all("Service Agreement", filters, pluck="name", order_by="start_date")


def bill_agreements(as_of=None, company: str | None = None, commit: bool = False) -> list[str]:
	invoices = []
	for name in agreements_to_bill(as_of or today(), company):
		invoices += bill_agreement(name, as_of)
		if commit:
			# One agreement at a time: a failure later in the run keeps what was billed.
			frappe.db.commit()
	return invoices


def bill_due_agreement_cycles() -> None:
	"""Daily: whatever ended since the last run, including cycles of days the job did not run."""
	bill_agreements(commit=True)


@frappe.whitelist()
def enqueue_agreement_billing(company: str | None = None) -> None:
	require_role(*FINANCE_ROLES)
	frappe.enqueue(run_and_report, company=company, user=frappe.session.user)


def run_and_report(company: str | None, user: str) -> None:
	invoices = bill_agreements(company=company, commit=True)
	alert(
		user,
		_("Agreement billing: {0} invoices").format(len(invoices)),
		"<br>".join(invoices),
		"Sales Invoice",
	)
