"""S1, S4 at any size: the Billing Run, its jobs killed and resumed, two starts, the desk meanwhile.

A class of its own: a run commits every customer's billing notice, so these tests commit what they
made. Each test bills orders moved to a day of its own, so that nothing another test left on the
site is in its run.
"""

import random
import threading
from unittest.mock import patch

import frappe
from frappe.utils import add_days, add_months, get_first_day, getdate, today

from erpnext.accounts.doctype.sales_invoice.sales_invoice import SalesInvoice

from tewei_service.billing import agreements, billing_run, month_end
from tewei_service.billing.agreements import enqueue_agreement_billing, resume_agreement_billing
from tewei_service.billing.billing_run import RunStatus, cancel_run, resume_interrupted_runs, resume_run
from tewei_service.billing.month_end import enqueue_month_end_billing
from tewei_service.exceptions import BillingRunActiveError
from tewei_service.tests.agreement_builders import draft_agreement, signed_agreement
from tewei_service.tests.billing_builders import settle
from tewei_service.tests.catalogue_builders import FINANCE
from tewei_service.tests.site import TEST_COMPANY, as_user, call_as, make_customer
from tewei_service.tests.work_order_builders import WorkOrderTestCase

NOT_CHECKED = "not checked by the department head yet"


class Killed(BaseException):
	"""Stands for the worker's death: nothing in the app catches it, nothing after it runs."""


def start(from_date, to_date=None) -> dict:
	"""Month-end Billing as finance clicks it, for the period."""
	return call_as(
		FINANCE, enqueue_month_end_billing, TEST_COMPANY, str(from_date), str(to_date or from_date)
	)


def times_billed(order: str) -> int:
	"""On how many submitted invoices (not credit notes) the order has lines."""
	return frappe.db.sql(
		"""select count(distinct item.parent) from `tabSales Invoice Item` item
		join `tabSales Invoice` invoice on invoice.name = item.parent
		where item.tewei_work_order = %s and invoice.docstatus = 1 and invoice.is_return = 0""",
		order,
	)[0][0]


def invoices_of(customer: str) -> list[str]:
	return frappe.get_all("Sales Invoice", {"customer": customer, "docstatus": 1}, pluck="name")


def alerts_for(user: str, document_name: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		{"for_user": user, "document_type": "Billing Run", "document_name": document_name},
		pluck="subject",
		order_by="creation",
	)


def in_own_connection(target, user: str = FINANCE, name: str | None = None):
	"""`target()` in a thread with its own site connection, as a worker or a second desk session."""
	site, sites_path, errors = frappe.local.site, frappe.local.sites_path, []

	def run():
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		try:
			frappe.set_user(user)
			target()
			frappe.db.commit()
		except BaseException as error:
			errors.append(error)
		finally:
			frappe.destroy()

	thread = threading.Thread(target=run, name=name)
	thread.start()
	return thread, errors


class BillingRunTestCase(WorkOrderTestCase):
	def setUp(self):
		# Runs commit: no run of an earlier, interrupted test may still be going.
		for name in frappe.get_all(
			"Billing Run", {"company": TEST_COMPANY, "status": ("in", RunStatus.ACTIVE)}, pluck="name"
		):
			frappe.db.set_value("Billing Run", name, "status", RunStatus.CANCELLED)
		frappe.db.commit()

	def customers_with_orders(self, label: str, count: int, quantities=(1, 2)) -> dict[str, list[str]]:
		"""`count` new customers (in the order a run bills them), each with checked month-end
		orders of the quantities."""
		billed = {}
		for index in range(count):
			customer = make_customer(f"Run {label} {index} {frappe.generate_hash(length=6)}")
			billed[customer] = [self.checked(customer, qty=qty).name for qty in quantities]
		return billed

	def day_of_their_own(self, *orders: str):
		"""Move the orders' completion to a day no other test uses, and commit them."""
		day = getdate(add_days("2001-01-01", random.randint(0, 8000)))
		for order in orders:
			frappe.db.set_value("Service Work Order", order, "completed_on", f"{day} 10:00:00")
		frappe.db.commit()
		return day


class TestBillingRun(BillingRunTestCase):
	def test_a_run_killed_in_the_middle_resumes_and_bills_each_order_once(self):
		billed = self.customers_with_orders("Kill", 3)
		first = next(iter(billed))
		unchecked = self.completed(first, qty=1).name
		day = self.day_of_their_own(*(name for names in billed.values() for name in names), unchecked)

		made = []
		make_billing_notice = month_end.make_billing_notice

		def dies_at_the_second_customer(*args, **kwargs):
			invoice = make_billing_notice(*args, **kwargs)
			made.append(invoice.name)
			if len(made) == 2:
				raise Killed  # the invoice is made, its transaction never commits
			return invoice

		# One chunk, so that the kill stops a job in the middle of its customers.
		with (
			patch.object(billing_run, "MIN_CHUNKS", 1),
			patch.object(month_end, "make_billing_notice", dies_at_the_second_customer),
			self.assertRaises(Killed),
		):
			start(day)
		frappe.db.rollback()  # what the database does with a dead worker's connection
		frappe.set_user("Administrator")

		run = frappe.get_last_doc("Billing Run", {"company": TEST_COMPANY, "from_date": day})
		self.assertEqual((run.status, run.started_by, run.customers, run.orders), ("Running", FINANCE, 3, 7))
		self.assertEqual([(chunk.done, chunk.customer_count) for chunk in run.chunks], [(1, 3)])
		# The second customer's invoice is gone with its transaction; its name waits for it.
		self.assertFalse(frappe.db.exists("Sales Invoice", made[1]))
		self.assertEqual(run.chunks[0].reserved_invoice, made[1])
		self.assertEqual([len(invoices_of(customer)) for customer in billed], [1, 0, 0])

		resume_interrupted_runs()  # the scheduler finds the chunk's job gone
		run.reload()
		self.assertEqual(run.status, RunStatus.COMPLETED_WITH_SKIPS)
		self.assertEqual((run.customers_done, run.invoices, run.orders_billed, run.skipped), (3, 3, 6, 1))
		for customer, orders in billed.items():
			self.assertEqual(len(invoices_of(customer)), 1, customer)
			for order in orders:
				self.assertEqual(times_billed(order), 1, order)
				self.assertEqual(frappe.db.get_value("Service Work Order", order, "payment_status"), "Billed")
		second = list(billed)[1]
		self.assertEqual(invoices_of(second), [made[1]])  # no gap in the series
		self.assertEqual(
			[(row.work_order, row.reason) for row in run.skipped_orders], [(unchecked, NOT_CHECKED)]
		)
		self.assertFalse(run.chunks[0].reserved_invoice)
		# Told twice: when the run was picked up again, and when it was done.
		self.assertEqual(
			alerts_for(FINANCE, run.name),
			[
				f"Month-end billing {run.name} was interrupted and goes on where it stopped.",
				"Month-end billing: 3 billing notices, 6 orders billed, 1 skipped",
			],
		)

		resume_interrupted_runs()  # nothing left to do
		self.assertEqual([len(invoices_of(customer)) for customer in billed], [1, 1, 1])

	def test_a_job_that_has_had_its_time_leaves_the_rest_to_a_new_job(self):
		billed = self.customers_with_orders("Time", 3, quantities=(1,))
		day = self.day_of_their_own(*(name for names in billed.values() for name in names))

		class TwoPasses(billing_run.Budget):
			"""A job's time is up after two passes of its loop (a pass takes an invoice name or
			bills a customer)."""

			def __init__(self):
				self.passes = 0

			def spent(self):
				self.passes += 1
				return self.passes > 2

		with patch.object(billing_run, "MIN_CHUNKS", 1), patch.object(billing_run, "Budget", TwoPasses):
			run = frappe.get_doc("Billing Run", start(day)["name"])
		self.assertEqual(run.status, RunStatus.COMPLETED)
		self.assertEqual([(chunk.done, chunk.attempts) for chunk in run.chunks], [(3, 3)])
		for orders in billed.values():
			self.assertEqual(times_billed(orders[0]), 1)

	def test_two_starts_of_the_same_period_make_one_run(self):
		day = getdate(add_days("2001-01-01", random.randint(0, 8000)))
		frappe.db.commit()  # the users, for the two sessions
		queued, results = [], []
		together = threading.Barrier(2)

		def start_at_once():
			together.wait()
			results.append(enqueue_month_end_billing(TEST_COMPANY, str(day), str(day)))

		with patch.object(billing_run, "enqueue_job", lambda method, job_id, **kwargs: queued.append(job_id)):
			sessions = [in_own_connection(start_at_once) for _session in range(2)]
			for thread, _errors in sessions:
				thread.join(timeout=60)
			self.assertEqual([error for _thread, errors in sessions for error in errors], [])
			self.assertEqual(len({result["name"] for result in results}), 1)
			self.assertEqual(sorted(result["started"] for result in results), [False, True])
			run = results[0]["name"]
			self.assertEqual(queued, [f"tewei-billing-run::{run}::plan"])
			# A later start, an overlapping period, or a new run from the list: the same run.
			self.assertEqual(start(day)["name"], run)
			self.assertEqual(start(add_days(day, -3), day)["name"], run)
			with as_user(FINANCE), self.assertRaisesRegex(BillingRunActiveError, run):
				frappe.get_doc(
					{"doctype": "Billing Run", "company": TEST_COMPANY, "from_date": day, "to_date": day}
				).insert()
			self.assertEqual(frappe.db.count("Billing Run", {"company": TEST_COMPANY, "from_date": day}), 1)
			self.assertEqual(len(queued), 1)
		call_as(FINANCE, cancel_run, run)
		frappe.db.commit()
		self.assertNotEqual(start(day)["name"], run)  # a cancelled run no longer holds the period

	def test_the_desk_invoices_while_a_run_is_in_the_middle_of_a_customer(self):
		billed = self.customers_with_orders("Desk", 2)
		customer = next(iter(billed))
		at_desk = self.completed(
			make_customer(f"Run Desk Cash {frappe.generate_hash(length=6)}"),
			qty=1,
			settlement_mode="Immediate",
		)
		day = self.day_of_their_own(*(name for names in billed.values() for name in names))
		with patch.object(billing_run, "enqueue_job", lambda *args, **kwargs: None):
			run = start(day)["name"]
		frappe.db.commit()

		paused, desk_done = threading.Event(), threading.Event()
		submit = SalesInvoice.submit

		def waits_for_the_desk(invoice):
			# The run's first notice is inserted, its orders and chunk locked: the desk works now.
			if threading.current_thread().name == "run" and not paused.is_set():
				paused.set()
				desk_done.wait(timeout=120)
			return submit(invoice)

		def worker():
			frappe.flags.in_test = True  # the run's jobs one after the other, in this connection
			billing_run.plan_run(run)

		with patch.object(SalesInvoice, "submit", waits_for_the_desk):
			thread, errors = in_own_connection(worker, name="run")
			self.assertTrue(paused.wait(timeout=120))
			# The desk's own connection: a lock held by the run would end in a lock wait timeout.
			frappe.db.sql("set session innodb_lock_wait_timeout = 5")
			try:
				settled = settle(at_desk)
				desk_invoice = frappe.new_doc("Sales Invoice")
				desk_invoice.update({"company": TEST_COMPANY, "customer": customer, "posting_date": today()})
				item = frappe.db.get_value("Service Catalogue Item", self.cleaning, "item")
				desk_invoice.append("items", {"item_code": item, "qty": 1, "rate": 50})
				desk_invoice.insert().submit()
				frappe.db.commit()
			finally:
				desk_done.set()
				frappe.db.sql("set session innodb_lock_wait_timeout = 50")
			thread.join(timeout=300)
		self.assertEqual(errors, [])

		self.assertEqual(frappe.db.get_value("Sales Invoice", settled["sales_invoice"], "status"), "Paid")
		self.assertEqual(frappe.db.get_value("Service Work Order", at_desk.name, "payment_status"), "Paid")
		self.assertEqual(frappe.db.get_value("Sales Invoice", desk_invoice.name, "docstatus"), 1)
		self.assertEqual(frappe.db.get_value("Billing Run", run, "status"), RunStatus.COMPLETED)
		self.assertEqual(len(invoices_of(customer)), 2)  # the desk's and the billing notice
		for orders in billed.values():
			for order in orders:
				self.assertEqual(times_billed(order), 1, order)

	def test_a_failed_run_tells_who_started_it_and_resumes_on_request(self):
		billed = self.customers_with_orders("Fail", 2, quantities=(1,))
		day = self.day_of_their_own(*(name for names in billed.values() for name in names))

		with patch.object(billing_run, "plan_month", side_effect=RuntimeError("the database went away")):
			run = start(day)["name"]
		self.assertEqual(
			frappe.db.get_value("Billing Run", run, ["status", "error"]), ("Failed", "the database went away")
		)
		self.assertEqual(
			alerts_for(FINANCE, run), [f"Month-end billing {run} failed: the database went away"]
		)

		# Resumed, it fails again, this time in a chunk's job: the user is told again.
		with patch.object(billing_run, "reserve_invoice_name", side_effect=RuntimeError("no series")):
			call_as(FINANCE, resume_run, run)
		self.assertEqual(frappe.db.get_value("Billing Run", run, "status"), "Failed")
		self.assertEqual(alerts_for(FINANCE, run)[-1], f"Month-end billing {run} failed: no series")
		self.assertTrue(all(not invoices_of(customer) for customer in billed))

		call_as(FINANCE, resume_run, run)
		self.assertEqual(frappe.db.get_value("Billing Run", run, ["status", "invoices"]), ("Completed", 2))
		self.assertEqual(
			alerts_for(FINANCE, run)[-1], "Month-end billing: 2 billing notices, 2 orders billed, 0 skipped"
		)
		for orders in billed.values():
			self.assertEqual(times_billed(orders[0]), 1)


class TestAgreementBillingRun(BillingRunTestCase):
	def setUp(self):
		super().setUp()
		frappe.cache.hdel(agreements.RUNS, TEST_COMPANY)

	def test_agreement_billing_killed_in_the_middle_resumes_and_bills_each_cycle_once(self):
		start_day = getdate(add_months(get_first_day(today()), -5))
		customer = make_customer(f"Run Agreement {frappe.generate_hash(length=6)}")
		agreement = signed_agreement(
			draft_agreement(
				self.household_of(customer),
				self.cleaning,
				self.staff,
				start_day,
				add_days(add_months(start_day, 12), -1),
				customer=customer,
			)
		)
		frappe.db.commit()

		made = []
		bill_next_cycle = agreements.bill_next_cycle

		def dies_at_the_third_cycle(name, as_of):
			invoice = bill_next_cycle(name, as_of)
			if name == agreement.name and invoice:
				made.append(invoice)
				if len(made) == 3:
					raise Killed
			return invoice

		with patch.object(agreements, "bill_next_cycle", dies_at_the_third_cycle), self.assertRaises(Killed):
			call_as(FINANCE, enqueue_agreement_billing, TEST_COMPANY)
		frappe.db.rollback()
		frappe.set_user("Administrator")

		def cycles_billed():
			return frappe.get_all(
				"Sales Invoice",
				{"tewei_service_agreement": agreement.name, "docstatus": 1},
				pluck="tewei_cycle_start",
				order_by="tewei_cycle_start",
			)

		self.assertEqual(len(cycles_billed()), 2)  # each invoice was its own committed step
		resume_agreement_billing()
		self.assertEqual(cycles_billed(), [getdate(add_months(start_day, n)) for n in range(5)])
		self.assertIsNone(frappe.cache.hget(agreements.RUNS, TEST_COMPANY))
		subjects = frappe.get_all(
			"Notification Log", {"for_user": FINANCE}, pluck="subject", order_by="creation desc", limit=2
		)
		self.assertEqual(subjects[1], "Agreement billing was interrupted and goes on where it stopped.")
		self.assertTrue(subjects[0].startswith("Agreement billing: "), subjects)
