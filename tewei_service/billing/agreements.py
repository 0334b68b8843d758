"""Agreement billing (SPEC S4): one Sales Invoice per agreement per ended cycle, never twice.

The invoices themselves record which cycle they bill, so the cycles owed are always worked out
afresh: a run missed for months bills each missed cycle once, at its own amount, and cancelling
an invoice makes its cycle due again.

The daily job (daily_long) and finance's Bill Ended Cycles go through every agreement in a job on
the long queue, one committed invoice per step; a job that runs out of time enqueues the rest,
and one that was killed is enqueued again by the scheduler (`resume_agreement_billing`). What a
run has done is kept in the cache: if that is lost, the next run bills what is owed all the same.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from tewei_service.alerts import alert
from tewei_service.billing.invoices import make_service_invoice
from tewei_service.billing.jobs import Budget, attempt, enqueue_job, job_alive, record_locks_only
from tewei_service.rules.agreements import Cycle, agreement_cycles, cycle_amount, due_cycles
from tewei_service.setup.roles import FINANCE_ROLES
from tewei_service.states import AgreementState
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


def bill_next_cycle(name: str, as_of) -> str | None:
	"""Invoice the agreement's first ended cycle not billed yet: the invoice, or None when none is owed."""
	# Lock the agreement: a run that got here first has billed the cycle when the lock is ours.
	frappe.db.sql("select name from `tabService Agreement` where name = %s for update", name)
	agreement = frappe.get_doc("Service Agreement", name)
	owed = cycles_owed(agreement, as_of)
	if not owed:
		return None
	cycle = owed[0]
	lines = [
		{
			"item_code": frappe.get_cached_value("Service Catalogue Item", row.catalogue_item, "item"),
			"qty": 1,
			"rate": float(cycle_amount(row.fee_per_cycle, cycle)),
			"description": _("{0}: {1} to {2}").format(
				row.catalogue_item, frappe.format(cycle.start, "Date"), frappe.format(cycle.end, "Date")
			),
		}
		for row in agreement.services
	]
	return make_service_invoice(
		agreement.company,
		agreement.customer,
		lines,
		tewei_household=agreement.household,
		tewei_service_agreement=agreement.name,
		tewei_cycle_start=cycle.start,
		tewei_cycle_end=cycle.end,
	).name


def bill_agreement(name: str, as_of=None) -> list[str]:
	"""Invoice every ended cycle of one agreement not billed yet; returns the new invoices."""
	invoices = []
	while invoice := bill_next_cycle(name, as_of or today()):
		invoices.append(invoice)
	return invoices


def covering_agreement(household: str, catalogue_items: set[str], on_date) -> str | None:
	"""S4: a signed agreement of the household in force on the date that includes every service."""
	on_date = getdate(on_date)
	candidates = frappe.get_all(
		"Service Agreement",
		{
			"household": household,
			"docstatus": 1,
			"workflow_state": ("in", AgreementState.SERVED),
			"start_date": ("<=", on_date),
			"end_date": (">=", on_date),
		},
		["name", "terminated_on"],
		order_by="start_date desc",
	)
	for agreement in candidates:
		if agreement.terminated_on and getdate(agreement.terminated_on) < on_date:
			continue
		services = set(
			frappe.get_all(
				"Service Agreement Item",
				{"parent": agreement.name, "parenttype": "Service Agreement"},
				pluck="catalogue_item",
			)
		)
		if catalogue_items and catalogue_items <= services:
			return agreement.name
	return None


def agreements_to_bill(as_of, company: str | None = None) -> list[str]:
	filters = {"docstatus": 1, "start_date": ("<=", getdate(as_of))}
	if company:
		filters["company"] = company
	return frappe.get_all("Service Agreement", filters, pluck="name", order_by="start_date")


def bill_agreements(as_of=None, company: str | None = None) -> list[str]:
	"""Every agreement's ended cycles, in the current transaction."""
	invoices = []
	for name in agreements_to_bill(as_of or today(), company):
		invoices += bill_agreement(name, as_of)
	return invoices


# The agreement billing going, per company: {company, users, as_of, after, attempt, job_id,
# invoices, skipped}.
RUNS = "tewei_agreement_billing"
ALL_COMPANIES = "*"


def start_agreement_billing(company: str | None = None, user: str | None = None) -> bool:
	"""Start billing every agreement's ended cycles in the background; False if it is going already
	(then `user` is told when it ends, too)."""
	key = company or ALL_COMPANIES
	state = frappe.cache.hget(RUNS, key)
	if state and job_alive(state["job_id"]):
		if user and user not in state["users"]:
			state["users"].append(user)
			frappe.cache.hset(RUNS, key, state)
		return False
	state = {
		"company": company,
		"users": sorted({*(state or {}).get("users", []), *([user] if user else [])}),
		"as_of": str(getdate(today())),
		"after": None,
		"attempt": 1,
		"invoices": 0,
		"skipped": [],
	}
	enqueue_run(key, state)
	return True


def enqueue_run(key: str, state: dict) -> None:
	state["job_id"] = f"tewei-agreement-billing::{key}::{state['attempt']}"
	frappe.cache.hset(RUNS, key, state)
	enqueue_job(f"{__name__}.run_agreement_billing", state["job_id"], key=key)


def run_agreement_billing(key: str) -> None:
	"""Job: the agreements in name order from where the run is, one committed invoice per step."""
	state = frappe.cache.hget(RUNS, key)
	if not state:
		return
	with record_locks_only():
		bill_agreements_from(key, state)


def bill_agreements_from(key: str, state: dict) -> None:
	budget = Budget()
	for name in sorted(agreements_to_bill(state["as_of"], state["company"])):
		if state["after"] and name <= state["after"]:
			continue
		if budget.spent():
			state["attempt"] += 1
			enqueue_run(key, state)
			return
		while True:
			invoice, reason = attempt(
				lambda name=name: bill_next_cycle(name, state["as_of"]),
				title=_("Agreement billing of {0}").format(name),
				doctype="Service Agreement",
				name=name,
			)
			if reason:
				state["skipped"].append((name, reason))
			if not invoice:
				break
			state["invoices"] += 1
			frappe.db.commit()
		frappe.db.commit()
		state["after"] = name
		frappe.cache.hset(RUNS, key, state)
	frappe.cache.hdel(RUNS, key)
	for user in state["users"]:
		alert(
			user,
			_("Agreement billing: {0} invoices").format(state["invoices"]),
			"<br>".join(f"{name}: {reason}" for name, reason in state["skipped"]),
			"Sales Invoice",
		)
	frappe.db.commit()


def bill_due_agreement_cycles() -> None:
	"""Daily: whatever ended since the last run, including cycles of days the job did not run."""
	start_agreement_billing()


def resume_agreement_billing() -> None:
	"""Scheduler: an agreement billing whose job is gone (a worker killed, a timeout) goes on."""
	for key in frappe.cache.hkeys(RUNS):
		key = frappe.safe_decode(key)
		state = frappe.cache.hget(RUNS, key)
		if state and not job_alive(state["job_id"]):
			for user in state["users"]:
				alert(
					user,
					_("Agreement billing was interrupted and goes on where it stopped."),
					"",
					"Sales Invoice",
				)
			state["attempt"] += 1
			enqueue_run(key, state)
	frappe.db.commit()


@frappe.whitelist()
def enqueue_agreement_billing(company: str | None = None) -> bool:
	require_role(*FINANCE_ROLES)
	if company and not frappe.db.exists("Company", company):
		frappe.throw(_("{0} {1} does not exist.").format(_("Company"), company), frappe.DoesNotExistError)
	started = start_agreement_billing(company, frappe.session.user)
	if not started:
		frappe.msgprint(
			_("Agreement billing is already going; you will be told when it is done."), alert=True
		)
	return started
