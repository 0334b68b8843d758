"""Billing Run (月結批次, SPEC S1): a month's billing notices made in the background, at any size.

Like ERPNext's Repost Item Valuation, the run is the queue of its own work:

- Starting one (Month-end Billing on the Sales Invoice list, or a new Billing Run) records it
  Queued. One run per company and period at a time: a second start finds the first.
- Planning, a job on the long queue, groups the checked month-end orders of the period by
  customer and splits the customers into chunks. Each chunk is billed by a job of its own, so the
  RQ workers share a month, and no job outlives the queue's timeout (jobs.Budget).
- A chunk bills one customer per transaction: the customer's orders are locked, the invoice made
  and submitted, the chunk's cursor moved on, then all of it is committed. The Sales Invoice
  series is taken at the end of the step before (invoices.reserve_invoice_name), so the desk's
  own invoices never wait for a run's.
- A job that dies loses only its customer's uncommitted work. The scheduler
  (`resume_interrupted_runs`) enqueues the chunk again, and it goes on from its cursor; the
  chunk's row lock and the orders' own lock keep anything from being billed twice.
- The last chunk closes the run and tells whoever started it; a failure tells them too.
"""

import json
import math
import time

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate, now_datetime, strip_html

from tewei_service.alerts import alert
from tewei_service.billing.invoices import release_invoice_name, reserve_invoice_name
from tewei_service.billing.jobs import (
	RETRYABLE,
	Budget,
	enqueue_job,
	forget_job,
	job_alive,
	record_locks_only,
)
from tewei_service.billing.month_end import bill_customer, plan_month
from tewei_service.exceptions import BillingRunActiveError
from tewei_service.setup.roles import FINANCE_ROLES
from tewei_service.validation import require_role

RUN = "Billing Run"
CHUNK = "Billing Run Chunk"
SKIPPED = "Billing Run Skipped Order"


class RunStatus:
	QUEUED = "Queued"
	RUNNING = "Running"
	COMPLETED = "Completed"
	COMPLETED_WITH_SKIPS = "Completed with skips"
	FAILED = "Failed"
	CANCELLED = "Cancelled"
	ACTIVE = (QUEUED, RUNNING)


class ChunkStatus:
	QUEUED = "Queued"
	RUNNING = "Running"
	DONE = "Done"


# A chunk is a minute or so of work. Each job is a fresh process that first loads ERPNext (about
# three seconds), so chunks are not smaller than they need to be for a small month to still
# make enough of them for every worker.
CUSTOMERS_PER_CHUNK = 100
MIN_CHUNKS = 8
# How often a chunk looks at its run (cancelled? failed?) and tells the form how far it is.
PROGRESS_SECONDS = 5
PROGRESS_EVENT = "tewei_billing_run_progress"


# Starting ---------------------------------------------------------------------------------------


def start_month_end_run(company: str, from_date, to_date) -> dict:
	"""The company's Billing Run of the period: a new one, or the one already going."""
	if going := active_run(company, from_date, to_date):
		frappe.msgprint(
			already_going_message(going), title=_("Month-end Billing"), indicator="orange", alert=True
		)
		return {"name": going, "started": False}
	run = frappe.get_doc({"doctype": RUN, "company": company, "from_date": from_date, "to_date": to_date})
	run.insert()
	return {"name": run.name, "started": True}


def active_run(company: str, from_date, to_date, exclude: str | None = None) -> str | None:
	"""A run of the company going for a period that overlaps this one."""
	# The company's row serialises two starts: the second waits for the first to commit, and its
	# locking read then sees the first run, whatever its transaction read before.
	frappe.db.sql("select name from `tabCompany` where name = %s for update", company)
	found = frappe.db.sql(
		"""select name from `tabBilling Run`
		where company = %(company)s and status in %(active)s and name != %(exclude)s
		and from_date <= %(to_date)s and to_date >= %(from_date)s
		order by creation limit 1 lock in share mode""",
		{
			"company": company,
			"active": RunStatus.ACTIVE,
			"exclude": exclude or "",
			"from_date": from_date,
			"to_date": to_date,
		},
	)
	return found[0][0] if found else None


def already_going_message(run: str) -> str:
	return _("Billing Run {0} is already billing this company for this period.").format(
		get_link_to_form(RUN, run)
	)


def validate_new_run(run) -> None:
	"""A new run: its period, who starts it, and no other run going for the company and period."""
	require_role(*FINANCE_ROLES)
	if getdate(run.from_date) > getdate(run.to_date):
		frappe.throw(_("The period ends before it begins."))
	if going := active_run(run.company, run.from_date, run.to_date, exclude=run.name):
		frappe.throw(already_going_message(going), BillingRunActiveError, title=_("Month-end Billing"))
	run.status = RunStatus.QUEUED
	run.started_by = frappe.session.user
	run.started_on = now_datetime()


def queue_run(run) -> None:
	enqueue_job(f"{__name__}.plan_run", plan_job_id(run.name), run=run.name)


def plan_job_id(run: str) -> str:
	return f"tewei-billing-run::{run}::plan"


def chunk_job_id(run: str, idx: int, attempt: int) -> str:
	return f"tewei-billing-run::{run}::{idx}::{attempt}"


# Planning ---------------------------------------------------------------------------------------


def plan_run(run: str) -> None:
	"""Job: the run's work in chunks, then one job per chunk."""
	try:
		status, company, from_date, to_date = frappe.db.sql(
			"select status, company, from_date, to_date from `tabBilling Run` where name = %s for update", run
		)[0]
		if status != RunStatus.QUEUED:
			return  # planned by an earlier job, or cancelled
		by_customer, skipped = plan_month(company, from_date, to_date)
		customers = list(by_customer.items())
		size = chunk_size(len(customers))
		chunks = [customers[start : start + size] for start in range(0, len(customers), size)]
		add_skipped(run, [(name, None, reason) for name, reason in skipped])
		rows = []
		for idx, work in enumerate(chunks, 1):
			rows.append(
				frappe.get_doc(
					{
						"doctype": CHUNK,
						"parent": run,
						"parenttype": RUN,
						"parentfield": "chunks",
						"idx": idx,
						"status": ChunkStatus.QUEUED,
						"customer_count": len(work),
						"work": json.dumps(work),
						"attempts": 1,
						"job_id": chunk_job_id(run, idx, 1),
					}
				)
			)
			rows[-1].db_insert()
		frappe.db.set_value(
			RUN,
			run,
			{
				"status": RunStatus.RUNNING,
				"customers": len(customers),
				"orders": sum(len(names) for names in by_customer.values()) + len(skipped),
				"skipped": len(skipped),
			},
		)
		frappe.db.commit()
		for row in rows:
			enqueue_job(f"{__name__}.bill_chunk", row.job_id, run=run, chunk=row.name)
		if not rows:
			finish_if_done(run)
		frappe.db.commit()
	except RETRYABLE:
		frappe.db.rollback()
		raise
	except Exception as error:
		fail_run(run, error)


def chunk_size(customers: int) -> int:
	return max(1, min(CUSTOMERS_PER_CHUNK, math.ceil(customers / MIN_CHUNKS)))


def add_skipped(run: str, rows: list[tuple[str, str | None, str]]) -> None:
	"""Skipped orders as (order, customer, reason); numbered in order when the run closes."""
	if not rows:
		return
	if None in {customer for _order, customer, _reason in rows}:
		customers = dict(
			frappe.get_all(
				"Service Work Order",
				{"name": ("in", [order for order, _customer, _reason in rows])},
				["name", "customer"],
				as_list=True,
			)
		)
		rows = [(order, customer or customers.get(order), reason) for order, customer, reason in rows]
	now, user = now_datetime(), frappe.session.user
	stamp = (now, now, user, user)
	frappe.db.bulk_insert(
		SKIPPED,
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"work_order",
			"customer",
			"reason",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		[
			(
				frappe.generate_hash(length=10),
				run,
				RUN,
				"skipped_orders",
				0,
				order,
				customer,
				reason[:1000],
				*stamp,
			)
			for order, customer, reason in rows
		],
	)


# Billing a chunk --------------------------------------------------------------------------------


def bill_chunk(run: str, chunk: str) -> None:
	"""Job: bill the chunk's customers from its cursor on, one committed step each."""
	try:
		with record_locks_only():
			ChunkBilling(run, chunk).run()
	except RETRYABLE:
		# The job is done again (Frappe retries deadlocks and lock waits; the scheduler the rest).
		frappe.db.rollback()
		raise
	except Exception as error:
		fail_run(run, error)


class ChunkBilling:
	def __init__(self, run: str, chunk: str):
		self.run_name, self.chunk = run, chunk
		self.company, work = frappe.db.sql(
			"""select run.company, chunk.work from `tabBilling Run Chunk` chunk
			join `tabBilling Run` run on run.name = chunk.parent where chunk.name = %s""",
			chunk,
		)[0]
		self.work = json.loads(work or "[]")
		self.budget = Budget()
		self.next_progress = time.monotonic() + PROGRESS_SECONDS

	def run(self) -> None:
		if frappe.db.get_value(RUN, self.run_name, "status") != RunStatus.RUNNING:
			return
		while True:
			if self.stopped():
				return
			if self.budget.spent():
				self.continue_later()
				return
			state = self.lock()
			if state.done >= len(self.work):
				break
			if not state.reserved_invoice:
				# The step's own invoice then takes no lock on the series.
				self.save(state, reserved_invoice=reserve_invoice_name(self.company))
				frappe.db.commit()
				continue
			self.step(state)
		self.close(state)

	def lock(self):
		"""The chunk's row, locked for the step: a second job on the chunk waits, then goes on
		from where the first left it."""
		return frappe.db.sql(
			"""select done, invoices, orders_billed, skipped, reserved_invoice
			from `tabBilling Run Chunk` where name = %s for update""",
			self.chunk,
			as_dict=True,
		)[0]

	def step(self, state) -> None:
		"""One customer: invoice, cursor and skipped orders in one transaction."""
		customer, names = self.work[state.done]
		invoice, billed, skipped = bill_customer(self.company, customer, names, state.reserved_invoice)
		reserved = None if invoice else state.reserved_invoice
		if reserved and frappe.db.exists("Sales Invoice", reserved):
			reserved = None  # taken after all (the customer failed for it): the next takes a new one
		if not reserved and state.done + 1 < len(self.work):
			reserved = reserve_invoice_name(self.company)
		self.save(
			state,
			done=state.done + 1,
			invoices=state.invoices + (1 if invoice else 0),
			orders_billed=state.orders_billed + len(billed),
			skipped=state.skipped + len(skipped),
			reserved_invoice=reserved,
		)
		add_skipped(self.run_name, [(name, customer, reason) for name, reason in skipped])
		frappe.db.commit()

	def save(self, state, **values) -> None:
		state.update(values)
		frappe.db.set_value(
			CHUNK,
			self.chunk,
			{**values, "status": ChunkStatus.RUNNING, "heartbeat": now_datetime()},
			update_modified=False,
		)

	def stopped(self) -> bool:
		"""Is the run no longer going (cancelled, failed)? Looked at every few seconds, with the
		form told how far the run is."""
		if time.monotonic() < self.next_progress:
			return False
		self.next_progress = time.monotonic() + PROGRESS_SECONDS
		totals = sync_totals(self.run_name)
		frappe.db.commit()
		if totals.status != RunStatus.RUNNING:
			self.release(self.lock())
			frappe.db.commit()
			return True
		publish(self.run_name, totals)
		return False

	def continue_later(self) -> None:
		"""The job has had its time: a new job goes on from the cursor."""
		attempts = frappe.db.get_value(CHUNK, self.chunk, ["idx", "attempts"], as_dict=True)
		job_id = chunk_job_id(self.run_name, attempts.idx, attempts.attempts + 1)
		frappe.db.set_value(
			CHUNK, self.chunk, {"attempts": attempts.attempts + 1, "job_id": job_id}, update_modified=False
		)
		frappe.db.commit()
		enqueue_job(f"{__name__}.bill_chunk", job_id, run=self.run_name, chunk=self.chunk)

	def release(self, state) -> None:
		"""The chunk's reserved invoice name back to the series, under the chunk's lock."""
		if state.reserved_invoice:
			release_invoice_name(self.company, state.reserved_invoice)
			self.save(state, reserved_invoice=None)

	def close(self, state) -> None:
		self.release(state)
		frappe.db.set_value(
			CHUNK,
			self.chunk,
			{"status": ChunkStatus.DONE, "heartbeat": now_datetime()},
			update_modified=False,
		)
		frappe.db.commit()
		finish_if_done(self.run_name)


# Progress, the end, failure ----------------------------------------------------------------------


def sync_totals(run: str, final: bool = False):
	"""Add the chunks' counts up on the run, and return them with the run's status. The caller
	commits: the run's row stays locked until then."""
	# Read without locks, so that the chunks' jobs never wait for it; the final count waits for
	# them and sees the last of their steps.
	lock = "lock in share mode" if final else ""
	customers_done, invoices, orders_billed = frappe.db.sql(
		f"""select coalesce(sum(done), 0), coalesce(sum(invoices), 0), coalesce(sum(orders_billed), 0)
		from `tabBilling Run Chunk` where parent = %(run)s and parenttype = 'Billing Run' {lock}""",
		{"run": run},
	)[0]
	skipped = frappe.db.sql(
		f"""select count(*) from `tabBilling Run Skipped Order`
		where parent = %(run)s and parenttype = 'Billing Run' {lock}""",
		{"run": run},
	)[0][0]
	totals = frappe._dict(
		customers_done=int(customers_done),
		invoices=int(invoices),
		orders_billed=int(orders_billed),
		skipped=int(skipped),
	)
	frappe.db.set_value(RUN, run, totals, update_modified=False)
	run_values = frappe.db.get_value(RUN, run, ["status", "customers"], as_dict=True)
	return frappe._dict({**totals, **run_values})


def publish(run: str, totals) -> None:
	frappe.publish_realtime(PROGRESS_EVENT, {"name": run, **totals}, doctype=RUN, docname=run)


def finish_if_done(run: str) -> None:
	"""Close the run once every chunk is done, exactly once, and tell whoever started it."""
	status = frappe.db.sql("select status from `tabBilling Run` where name = %s for update", run)[0][0]
	if status != RunStatus.RUNNING:
		frappe.db.commit()
		return
	# A locking read waits for a chunk that is in the middle of a step, and then sees it.
	open_chunks = frappe.db.sql(
		"""select count(*) from `tabBilling Run Chunk`
		where parent = %s and parenttype = 'Billing Run' and status != %s lock in share mode""",
		(run, ChunkStatus.DONE),
	)[0][0]
	if open_chunks:
		frappe.db.commit()
		return
	totals = sync_totals(run, final=True)
	number_skipped(run)
	totals.status = RunStatus.COMPLETED_WITH_SKIPS if totals.skipped else RunStatus.COMPLETED
	frappe.db.set_value(RUN, run, {"status": totals.status, "finished_on": now_datetime()})
	tell(
		run,
		_("Month-end billing: {0} billing notices, {1} orders billed, {2} skipped").format(
			totals.invoices, totals.orders_billed, totals.skipped
		),
		summary(run),
	)
	frappe.db.commit()
	publish(run, totals)


def number_skipped(run: str) -> None:
	frappe.db.sql("set @idx = 0")
	frappe.db.sql(
		"""update `tabBilling Run Skipped Order` set idx = (@idx := @idx + 1)
		where parent = %s and parenttype = 'Billing Run' order by creation, work_order""",
		run,
	)


def summary(run: str) -> str:
	skipped = frappe.get_all(
		SKIPPED,
		{"parent": run, "parenttype": RUN},
		["work_order", "reason"],
		order_by="idx",
		limit=50,
	)
	return "<br>".join(f"{row.work_order}: {row.reason}" for row in skipped)


def fail_run(run: str, error: Exception) -> None:
	"""Something beyond one customer went wrong: the run stops, and its starter is told."""
	frappe.db.rollback()
	frappe.log_error(title=_("Billing Run {0} failed").format(run), reference_doctype=RUN, reference_name=run)
	reason = strip_html(str(error)) or type(error).__name__
	frappe.db.set_value(
		RUN, run, {"status": RunStatus.FAILED, "error": reason, "finished_on": now_datetime()}
	)
	tell(run, _("Month-end billing {0} failed: {1}").format(run, reason), reason)
	totals = sync_totals(run)
	frappe.db.commit()
	publish(run, totals)


def tell(run: str, subject: str, content: str) -> None:
	alert(frappe.db.get_value(RUN, run, "started_by") or "Administrator", subject, content, RUN, run)


# Resuming and cancelling -------------------------------------------------------------------------


def resume_interrupted_runs() -> None:
	"""Scheduler: every run going whose jobs are gone (a worker killed, a timeout) goes on."""
	for run in frappe.get_all(RUN, {"status": ("in", RunStatus.ACTIVE)}, pluck="name", order_by="creation"):
		requeue(run, interrupted=True)


def requeue(run: str, interrupted: bool) -> int:
	"""Enqueue again the jobs of the run that are no longer there; how many were."""
	status = frappe.db.sql("select status from `tabBilling Run` where name = %s for update", run)[0][0]
	if status == RunStatus.QUEUED:
		if job_alive(plan_job_id(run)):
			frappe.db.commit()
			return 0
		forget_job(plan_job_id(run))
		jobs = [(f"{__name__}.plan_run", plan_job_id(run), {"run": run})]
	else:
		jobs = []
		for chunk in frappe.get_all(
			CHUNK,
			{"parent": run, "parenttype": RUN, "status": ("!=", ChunkStatus.DONE)},
			["name", "idx", "attempts", "job_id"],
			order_by="idx",
		):
			if job_alive(chunk.job_id):
				continue
			job_id = chunk_job_id(run, chunk.idx, chunk.attempts + 1)
			frappe.db.set_value(
				CHUNK, chunk.name, {"attempts": chunk.attempts + 1, "job_id": job_id}, update_modified=False
			)
			jobs.append((f"{__name__}.bill_chunk", job_id, {"run": run, "chunk": chunk.name}))
		if not jobs and status == RunStatus.RUNNING:
			finish_if_done(run)
	if jobs and interrupted:
		tell(
			run,
			_("Month-end billing {0} was interrupted and goes on where it stopped.").format(run),
			_("{0} of its jobs were enqueued again.").format(len(jobs)),
		)
	frappe.db.commit()
	for method, job_id, kwargs in jobs:
		enqueue_job(method, job_id, **kwargs)
	return len(jobs)


@frappe.whitelist()
def resume_run(run: str) -> None:
	"""Finance's Resume on a failed run, or on a run whose jobs were lost."""
	require_role(*FINANCE_ROLES)
	doc = frappe.get_doc(RUN, run)
	doc.check_permission("write")
	if doc.status == RunStatus.FAILED:
		if going := active_run(doc.company, doc.from_date, doc.to_date, exclude=doc.name):
			frappe.throw(already_going_message(going), BillingRunActiveError)
		planned = frappe.db.exists(CHUNK, {"parent": run, "parenttype": RUN})
		frappe.db.set_value(
			RUN,
			run,
			{
				"status": RunStatus.RUNNING if planned else RunStatus.QUEUED,
				"error": None,
				"finished_on": None,
			},
		)
	elif doc.status not in RunStatus.ACTIVE:
		frappe.throw(_("Only a failed or unfinished run can be resumed."))
	requeue(run, interrupted=False)


@frappe.whitelist()
def cancel_run(run: str) -> None:
	"""Stop a run: what it billed stays billed; its jobs stop after their current customer."""
	require_role(*FINANCE_ROLES)
	doc = frappe.get_doc(RUN, run)
	doc.check_permission("write")
	if doc.status not in RunStatus.ACTIVE:
		frappe.throw(_("Only a queued or running run can be cancelled."))
	frappe.db.set_value(RUN, run, {"status": RunStatus.CANCELLED, "finished_on": now_datetime()})
