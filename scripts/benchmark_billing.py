"""Month-end billing at scale, measured on a real site (a benchmark, not a test).

Run it with the bench's Python from the bench's sites folder, against a site of your own (it adds
customers, orders and invoices to it):

    cd /opt/tewei-bench/sites
    ../env/bin/python /work/main/scripts/benchmark_billing.py --site billing.localhost
    ../env/bin/python /work/main/scripts/benchmark_billing.py --site billing.localhost --sizes 50

It prepares the site itself (company, service, customers with a household each, and for every
measurement a day of checked month-end orders of its own, written straight into the tables), then
measures, and prints one table:

1. Per invoice, at each size (customers times orders per customer): the month-end path (a Billing Run's planning
   and its chunks, billed in this process) against a bare ERPNext Sales Invoice insert + submit
   with the same lines, interleaved chunk by chunk (half the chunk's bare invoices before it,
   half after): time and SQL statements (the session's `Questions`) per invoice.
2. A whole run through real RQ workers (`bench worker --queue long`, started and stopped here):
   one worker against two, and the peak memory (RSS) of any worker process meanwhile.
3. A worker killed (SIGKILL) in the middle of a run, the run resumed as the scheduler does it:
   invoices made, orders billed twice, orders not billed, and what the user was told.
"""

import argparse
import datetime
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from unittest.mock import patch

import frappe

BENCH = "/opt/tewei-bench"
ORDER, ORDER_ITEM = "Service Work Order", "Service Work Order Item"
TARGETS = {
	"ratio": "≤ 1.05",
	"speed-up": "≥ 1.7×",
	"memory": "≤ 150 MB",
}


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", default="billing.localhost")
	parser.add_argument("--bench", default=BENCH)
	parser.add_argument("--sizes", default="50,500,2000", help="customers per month, comma-separated")
	parser.add_argument("--orders", type=int, default=5, help="orders per customer")
	parser.add_argument("--worker-size", type=int, help="customers of the 1-against-2-workers run")
	parser.add_argument("--kill-size", type=int, help="customers of the killed-and-resumed run")
	parser.add_argument("--skip", default="", help="parts to leave out: invoice,workers,kill")
	args = parser.parse_args()
	sizes = [int(size) for size in args.sizes.split(",")]
	worker_size = args.worker_size or max(sizes)
	kill_size = args.kill_size or (sorted(sizes)[1] if len(sizes) > 1 else sizes[0])
	skip = set(filter(None, args.skip.split(",")))

	os.chdir(os.path.join(args.bench, "sites"))
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	bench = Bench(args.bench, args.orders)
	bench.prepare(max([*sizes, worker_size, kill_size]))

	rows = []
	if "invoice" not in skip:
		for size in sizes:
			rows.append(bench.per_invoice(size))
	workers = None if "workers" in skip else bench.one_against_two(worker_size)
	killed = None if "kill" in skip else bench.killed_and_resumed(kill_size)
	print_table(rows, workers, killed, args.orders)
	frappe.destroy()


class Bench:
	def __init__(self, bench_path: str, orders: int):
		self.bench_path, self.orders = bench_path, orders
		self.stamp = frappe.generate_hash(length=5).upper()
		self.used_days: set = set()

	# Preparing the site ---------------------------------------------------------------------------

	def prepare(self, customers: int) -> None:
		from tewei_service.tests.catalogue_builders import approved_item, make_catalogue_users
		from tewei_service.tests.site import (
			TEST_COMPANY,
			before_tests,
			make_customer,
			make_household,
			make_property_project,
		)

		if not frappe.db.exists("Company", TEST_COMPANY):
			before_tests()
		self.company = TEST_COMPANY
		service = frappe.db.get_value("Service Catalogue Item", {"service_name": "Benchmark cleaning"})
		if not service:
			make_catalogue_users()
			service = approved_item("Benchmark cleaning", 100).name
		self.service = frappe.get_doc("Service Catalogue Item", service)
		self.project = make_property_project("Benchmark Garden")
		frappe.db.commit()
		have = frappe.db.count("Customer", {"customer_name": ("like", "Bench Customer %")})
		if have < customers:
			log(f"preparing {customers - have} customers with a household each")
		self.customers, self.households = [], {}
		for index in range(customers):
			name = make_customer(f"Bench Customer {index:05d}")
			self.households[name] = make_household(self.project, f"B-{index:05d}", name)
			self.customers.append(name)
			if index % 200 == 199:
				frappe.db.commit()
		frappe.db.commit()

	def new_month(self, customers: int) -> tuple:
		"""A day no run has billed, with `orders` checked month-end orders for each customer."""
		while True:
			day = datetime.date(1990, 1, 1) + datetime.timedelta(days=random.randint(0, 3000))
			if day not in self.used_days and not frappe.db.exists(
				ORDER, {"completed_on": ("between", (day, day)), "property_project": self.project}
			):
				break
		self.used_days.add(day)
		from tewei_service.rules.settlement import MONTH_END_SETTLEMENT, UNBILLED
		from tewei_service.states import WorkOrderState

		label = f"BENCH-{self.stamp}-{day:%y%m%d}"
		now, completed = frappe.utils.now_datetime(), datetime.datetime.combine(day, datetime.time(10))
		stamp = {"creation": now, "modified": now, "owner": "Administrator", "modified_by": "Administrator"}
		orders, items, by_customer = [], [], {}
		for index, customer in enumerate(self.customers[:customers]):
			for number in range(self.orders):
				name = f"{label}-{index:05d}-{number}"
				by_customer.setdefault(customer, []).append(name)
				orders.append(
					{
						"name": name,
						"docstatus": 0,
						"customer": customer,
						"household": self.households[customer],
						"property_project": self.project,
						"request_type": "Housekeeping",
						"request_details": "Benchmark",
						"workflow_state": WorkOrderState.CHECKED,
						"settlement_mode": MONTH_END_SETTLEMENT,
						"completed_on": completed,
						"total_amount": 100,
						"payment_status": UNBILLED,
						"order_date": day,
						**stamp,
					}
				)
				items.append(
					{
						"name": frappe.generate_hash(length=10),
						"parent": name,
						"parenttype": ORDER,
						"parentfield": "items",
						"idx": 1,
						"catalogue_item": self.service.name,
						"service_name": self.service.service_name,
						"qty": 1,
						"unit_of_charge": self.service.unit_of_charge,
						"standard_fee": 100,
						"rate": 100,
						"amount": 100,
						**stamp,
					}
				)
		for doctype, rows in ((ORDER, orders), (ORDER_ITEM, items)):
			frappe.db.bulk_insert(doctype, list(rows[0]), [tuple(row.values()) for row in rows])
		frappe.db.commit()
		return day, by_customer

	# 1. Per invoice ---------------------------------------------------------------------------------

	def per_invoice(self, size: int) -> dict:
		from tewei_service.billing import billing_run
		from tewei_service.billing.invoices import work_order_lines

		day, _by_customer = self.new_month(size)
		log(f"per invoice, {size} customers × {self.orders} orders")
		month_end, bare = Meter(), Meter()
		# The run's jobs are called here, one after the other, instead of on the workers.
		with patch.object(billing_run, "enqueue_job", lambda *args, **kwargs: None):
			run = frappe.get_doc(
				{"doctype": "Billing Run", "company": self.company, "from_date": day, "to_date": day}
			)
			with month_end.measure():
				run.insert()
				frappe.db.commit()
				billing_run.plan_run(run.name)
			chunks = frappe.get_all(
				"Billing Run Chunk", {"parent": run.name}, ["name", "work"], order_by="idx"
			)
			for number, chunk in enumerate(chunks):
				work = json.loads(chunk.work)
				plain = [(customer, bare_lines(work_order_lines(names)[0])) for customer, names in work]
				frappe.db.commit()

				# Half the chunk's customers get their bare invoice before their billing notice, half
				# after: the first invoice of a customer fills ERPNext's caches for the second.
				half = (len(plain) + number % 2) // 2
				with bare.measure():
					for customer, lines in plain[:half]:
						self.bare_invoice(customer, lines)
				with month_end.measure():
					billing_run.bill_chunk(run.name, chunk.name)
				with bare.measure():
					for customer, lines in plain[half:]:
						self.bare_invoice(customer, lines)
				month_end.count += len(work)
				bare.count += len(plain)
		run.reload()
		assert run.status == "Completed" and run.invoices == size, (run.status, run.invoices, run.error)
		return {"size": size, "month_end": month_end, "bare": bare}

	def bare_invoice(self, customer: str, lines: list[dict]):
		"""A Sales Invoice as ERPNext makes it, with the same header values as a billing notice."""
		from tewei_service.settings import service_settings

		settings = service_settings()
		invoice = frappe.new_doc("Sales Invoice")
		invoice.update(
			{
				"company": self.company,
				"customer": customer,
				"posting_date": frappe.utils.nowdate(),
				"set_posting_time": 1,
				"selling_price_list": settings.service_price_list,
				"ignore_pricing_rule": 1,
				"cost_center": settings.cost_center,
			}
		)
		for line in lines:
			invoice.append(
				"items",
				{"income_account": settings.income_account, "cost_center": settings.cost_center, **line},
			)
		invoice.insert(ignore_permissions=True)
		invoice.submit()
		frappe.db.commit()

	# 2. One worker against two ----------------------------------------------------------------------

	def one_against_two(self, size: int) -> dict:
		result = {"size": size}
		for workers in (1, 2):
			day, _by_customer = self.new_month(size)
			log(f"whole run, {size} customers × {self.orders} orders, {workers} worker(s)")
			with Workers(self.bench_path, workers) as pool:
				before = lock_waits()
				seconds, run = self.run_through_workers(day)
				result[f"locks_{workers}"] = [
					after - then for after, then in zip(lock_waits(), before, strict=True)
				]
				result[f"idle_{workers}"] = pool.idle_share
			result[workers] = seconds
			result[f"memory_{workers}"] = pool.peak_mb
			assert run.status == "Completed" and run.invoices == size, (run.status, run.invoices)
		return result

	def run_through_workers(self, day, while_running=None):
		wait_until_idle()  # the queue is the bench's: other sites' jobs go first
		run = frappe.get_doc(
			{"doctype": "Billing Run", "company": self.company, "from_date": day, "to_date": day}
		)
		started = time.perf_counter()
		run.insert()
		frappe.db.commit()  # the planning job is enqueued on commit
		while True:
			time.sleep(0.5)
			frappe.db.rollback()  # a fresh snapshot
			status, done, customers = frappe.db.get_value(
				"Billing Run", run.name, ["status", "customers_done", "customers"]
			)
			if while_running:
				while_running(run.name, done, customers)
			if status not in ("Queued", "Running"):
				break
		seconds = time.perf_counter() - started
		run.reload()
		return seconds, run

	# 3. Killed and resumed --------------------------------------------------------------------------

	def killed_and_resumed(self, size: int) -> dict:
		from tewei_service.billing.billing_run import resume_interrupted_runs

		day, by_customer = self.new_month(size)
		orders = [name for names in by_customer.values() for name in names]
		log(f"killed and resumed, {size} customers × {self.orders} orders, 2 workers")
		state = {"killed": False, "resumed": 0, "killed_at": None}
		with Workers(self.bench_path, 2) as pool:

			def kill_then_resume(run, done, customers):
				if not state["killed"] and customers and done >= customers * 0.4:
					pool.kill(0)  # SIGKILL, worker and work horse, in the middle of a customer
					pool.start_one()  # as supervisor would start a new one
					state.update(killed=True, killed_at=done)
				elif state["killed"] and not state["resumed"]:
					# What the scheduler does every five minutes, done here at once.
					resume_interrupted_runs()
					frappe.db.commit()
					state["resumed"] = frappe.db.count(
						"Notification Log",
						{
							"document_type": "Billing Run",
							"document_name": run,
							"subject": ("like", "%interrupted%"),
						},
					)

			_seconds, run = self.run_through_workers(day, kill_then_resume)
		billed = dict(
			frappe.db.sql(
				"""select item.tewei_work_order, count(distinct item.parent) from `tabSales Invoice Item` item
				join `tabSales Invoice` invoice on invoice.name = item.parent
				where item.tewei_work_order in %(orders)s and invoice.docstatus = 1 and invoice.is_return = 0
				group by item.tewei_work_order""",
				{"orders": orders},
			)
		)
		told = frappe.get_all(
			"Notification Log",
			{"document_type": "Billing Run", "document_name": run.name},
			pluck="subject",
			order_by="creation",
		)
		invoices = frappe.db.sql(
			"""select count(distinct item.parent) from `tabSales Invoice Item` item
			join `tabSales Invoice` invoice on invoice.name = item.parent
			where item.tewei_work_order in %(orders)s and invoice.docstatus = 1""",
			{"orders": orders},
		)[0][0]
		return {
			"size": size,
			"status": run.status,
			"killed_at": state["killed_at"],
			"invoices": invoices,
			"duplicates": sum(1 for count in billed.values() if count > 1),
			"lost": sum(1 for order in orders if order not in billed),
			"told": told,
		}


def lock_waits() -> tuple[int, int]:
	"""The server's row lock waits so far, and the milliseconds spent in them."""
	values = dict(
		frappe.db.sql(
			"show global status where Variable_name in ('Innodb_row_lock_waits', 'Innodb_row_lock_time')"
		)
	)
	return int(values["Innodb_row_lock_waits"]), int(values["Innodb_row_lock_time"])


def wait_until_idle(limit: float = 1800) -> None:
	"""Until the long queue is empty and no worker on it is busy."""
	from frappe.utils.background_jobs import get_queue, get_workers

	queue, deadline = get_queue("long"), time.time() + limit
	while time.time() < deadline:
		if not queue.count and not any(worker.get_current_job_id() for worker in get_workers(queue)):
			return
		time.sleep(1)
	log("the long queue is still busy with other jobs: the times include them")


def bare_lines(lines: list[dict]) -> list[dict]:
	"""The same lines without the app's references: an invoice that bills nothing of the app's."""
	return [{key: value for key, value in line.items() if not key.startswith("tewei_")} for line in lines]


class Meter:
	"""Time and SQL statements (the session's `Questions`) of the measured blocks, added up."""

	def __init__(self):
		self.seconds, self.statements, self.count = 0.0, 0, 0

	def measure(self):
		meter = self

		class Block:
			def __enter__(self):
				self.questions = questions()
				self.started = time.perf_counter()

			def __exit__(self, *exc):
				meter.seconds += time.perf_counter() - self.started
				meter.statements += questions() - self.questions - 1  # less the SHOW itself

		return Block()

	def per_invoice_ms(self) -> float:
		return self.seconds * 1000 / self.count

	def per_invoice_sql(self) -> float:
		return self.statements / self.count


def questions() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


class Workers:
	"""`bench worker --queue long` processes of their own session, their memory sampled meanwhile."""

	def __init__(self, bench_path: str, count: int):
		self.bench_path, self.count = bench_path, count
		self.processes: list[subprocess.Popen] = []
		self.peak_rss, self.idle_share = 0, 0.0
		self.sampling = False

	def __enter__(self):
		for _worker in range(self.count):
			self.start_one()
		self.wait_registered(self.count)
		self.sampling = True
		self.sampler = threading.Thread(target=self.sample, daemon=True)
		self.sampler.start()
		return self

	def start_one(self) -> None:
		log_file = open(os.path.join(self.bench_path, "logs", "benchmark_worker.log"), "a")
		self.processes.append(
			subprocess.Popen(
				["bench", "worker", "--queue", "long"],
				cwd=self.bench_path,
				start_new_session=True,
				stdout=log_file,
				stderr=subprocess.STDOUT,
				env={key: value for key, value in os.environ.items() if key != "CI"},
			)
		)

	def wait_registered(self, count: int) -> None:
		from frappe.utils.background_jobs import get_queue, get_workers

		deadline = time.time() + 60
		while time.time() < deadline:
			mine = {process.pid for process in self.processes}
			if (
				sum(1 for worker in get_workers(get_queue("long")) if self.group_of(worker.pid) in mine)
				>= count
			):
				return
			time.sleep(0.5)
		raise RuntimeError("the workers did not start: see logs/benchmark_worker.log")

	@staticmethod
	def group_of(pid: int) -> int | None:
		try:
			return os.getpgid(pid)
		except (ProcessLookupError, TypeError):
			return None

	def sample(self) -> None:
		import psutil

		psutil.cpu_percent()
		idle = []
		while self.sampling:
			idle.append(psutil.cpu_times_percent().idle)
			groups = {process.pid for process in self.processes if process.poll() is None}
			for process in psutil.process_iter(["pid", "memory_info"]):
				if self.group_of(process.info["pid"]) in groups and process.info["memory_info"]:
					self.peak_rss = max(self.peak_rss, process.info["memory_info"].rss)
			self.idle_share = sum(idle) / len(idle) / 100
			time.sleep(0.2)

	@property
	def peak_mb(self) -> float:
		return self.peak_rss / 2**20

	def kill(self, index: int) -> None:
		os.killpg(self.processes[index].pid, signal.SIGKILL)
		self.processes[index].wait()

	def __exit__(self, *exc):
		self.sampling = False
		for process in self.processes:
			if process.poll() is None:
				os.killpg(process.pid, signal.SIGTERM)
		for process in self.processes:
			try:
				process.wait(timeout=20)
			except subprocess.TimeoutExpired:
				os.killpg(process.pid, signal.SIGKILL)
				process.wait()


def print_table(rows: list[dict], workers: dict | None, killed: dict | None, orders: int) -> None:
	lines = [
		f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} CPUs, {orders} orders per customer.",
		"",
		"| measure | " + " | ".join(f"{row['size']:,} customers" for row in rows) + " | target |",
		"|---|" + "---:|" * len(rows) + "---|",
	]

	def row(label, values, target=""):
		lines.append(f"| {label} | " + " | ".join(values) + f" | {target} |")

	for unit, value in (("ms", Meter.per_invoice_ms), ("SQL statements", Meter.per_invoice_sql)):
		if rows:
			row(f"month-end, {unit} per invoice", [f"{value(r['month_end']):.0f}" for r in rows])
			row(f"bare Sales Invoice, {unit} per invoice", [f"{value(r['bare']):.0f}" for r in rows])
			ratios = [f"**{value(r['month_end']) / value(r['bare']):.2f}**" for r in rows]
			row(f"**{unit.split()[0]} ratio**", ratios, TARGETS["ratio"])
	lines.append("")
	if workers:
		size = workers["size"]
		lines += [
			f"| whole run, {size:,} customers × {orders} orders, real RQ workers | value | target |",
			"|---|---:|---|",
			f"| 1 worker | {workers[1]:.0f} s | |",
			f"| 2 workers | {workers[2]:.0f} s | |",
			f"| **speed-up** | **{workers[1] / workers[2]:.2f}×** | {TARGETS['speed-up']} |",
			f"| peak RSS of a worker process | {max(workers['memory_1'], workers['memory_2']):.0f} MB | {TARGETS['memory']} |",
			*(
				f"| {count} worker{'s' if count > 1 else ''}: row lock waits, CPU idle | "
				f"{workers[f'locks_{count}'][0]} waits, {workers[f'locks_{count}'][1] / 1000:.1f} s; "
				f"{workers[f'idle_{count}']:.0%} idle | |"
				for count in (1, 2)
			),
			"",
		]
	if killed:
		told = killed["told"]
		lines += [
			f"| worker killed at {killed['killed_at']} of {killed['size']:,} customers, run resumed | value | target |",
			"|---|---:|---|",
			f"| run | {killed['status']} | Completed |",
			f"| invoices made | {killed['invoices']:,} of {killed['size']:,} | all |",
			f"| orders billed twice | {killed['duplicates']} | 0 |",
			f"| orders not billed | {killed['lost']} | 0 |",
			f"| user told | {'; '.join(told)} | interrupted, then done |",
			"",
		]
	print("\n".join(lines))


def log(message: str) -> None:
	print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
	main()
