"""The background side of the billing runs: jobs on the long queue, deduplicated, resumable.

Each step of a run (one customer's billing notice, one agreement cycle) is its own transaction,
so a job that dies loses at most the step it was in; the scheduler finds such jobs and enqueues
them again, and the step's own lock makes doing it twice harmless.
"""

import os
import socket
import time
from contextlib import contextmanager

import frappe
from frappe.utils import strip_html
from frappe.utils.background_jobs import get_job, get_queues_timeout

QUEUE = "long"

try:
	from rq.timeouts import JobTimeoutException
except ImportError:  # pragma: no cover
	JobTimeoutException = TimeoutError

# The machine's trouble, not the record's: the step is done again later, never skipped.
RETRYABLE = (JobTimeoutException, frappe.QueryDeadlockError, frappe.QueryTimeoutError)


def queue_timeout() -> int:
	return get_queues_timeout()[QUEUE]


class Budget:
	"""A job stops taking new steps after a third of the queue's timeout, and enqueues the rest,
	so no job outlives the timeout however big the month is."""

	def __init__(self, seconds: float | None = None):
		self.ends = time.monotonic() + (seconds or queue_timeout() / 3)

	def spent(self) -> bool:
		return time.monotonic() >= self.ends


def runs_inline() -> bool:
	"""Tests run the jobs at once, as ERPNext's own reposts do; a job enqueues its followers."""
	return bool(frappe.flags.in_test) and not getattr(frappe.local, "job", None)


def enqueue_job(method: str, job_id: str, **kwargs) -> None:
	"""Enqueue `method` once on the long queue, after the current transaction commits."""
	if runs_inline():
		# A job sees what its caller committed, and nothing else.
		frappe.db.commit()
		frappe.get_attr(method)(**kwargs)
		return
	frappe.enqueue(
		method,
		queue=QUEUE,
		job_id=job_id,
		deduplicate=True,
		enqueue_after_commit=True,
		**kwargs,
	)


def job_alive(job_id: str | None) -> bool:
	"""Is the job waiting in its queue, or running on a worker that is still there?"""
	job = get_job(job_id) if job_id else None
	if not job:
		return False
	status = job.get_status(refresh=False)
	if status in ("queued", "deferred", "scheduled"):
		return True
	if status != "started" or not job.worker_name:
		return False
	# A killed worker leaves its job "started": look for the worker itself.
	from rq.worker import Worker

	worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + job.worker_name, job.connection)
	if not worker or worker.get_current_job_id() != job.id:
		return False
	if worker.hostname == socket.gethostname() and worker.pid and not _process_exists(worker.pid):
		return False
	return True


def forget_job(job_id: str) -> None:
	"""Drop a dead job's record, so that the same job id can be enqueued again."""
	if job := get_job(job_id):
		job.delete()


def _process_exists(pid: int) -> bool:
	try:
		os.kill(pid, 0)
	except ProcessLookupError:
		return False
	except PermissionError:
		return True
	return True


@contextmanager
def record_locks_only():
	"""The job's transactions at READ COMMITTED, where InnoDB takes no gap locks.

	At REPEATABLE READ, saving an invoice (Frappe deletes and rewrites its child rows) locks the
	gap after its name in the child tables, and every invoice numbered after it, the desk's and
	the other workers', waits until it commits. The steps lock what they bill by name, which
	holds the same at either level.
	"""
	log_bin, binlog_format = frappe.db.sql("select @@log_bin, @@binlog_format")[0]
	if log_bin and binlog_format == "STATEMENT":  # statement replication needs REPEATABLE READ
		yield
		return
	# From the job's next transaction on: its first one, short, still runs at REPEATABLE READ.
	frappe.db.sql("set session transaction isolation level read committed")
	try:
		yield
	finally:
		# Not committed here: a job that dies leaves its open step to the rollback.
		frappe.db.sql("set session transaction isolation level repeatable read")


def attempt(step, *, title: str, doctype: str, name: str):
	"""Run `step()` in a savepoint: (its result, None), or (None, the reason) with its changes undone
	and the error logged, so one record that cannot be billed does not stop the others."""
	frappe.db.savepoint("tewei_billing_step")
	try:
		return step(), None
	except RETRYABLE:
		raise
	except Exception as error:
		frappe.db.rollback(save_point="tewei_billing_step")
		frappe.clear_messages()
		frappe.log_error(title=title, reference_doctype=doctype, reference_name=name)
		return None, strip_html(str(error)) or type(error).__name__
