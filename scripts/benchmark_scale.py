"""Scale benchmark (issue "Scale"): the app's script reports, daily jobs and a work-order save at
two sizes of the Service Work Order table, and the monthly revisit plan for 1,000 and 10,000
served households. Not a test: it prints a table of medians with the targets beside them.

Run with the bench's Python from the bench's sites folder; it prepares its own site (default
scale.localhost, created beforehand with `bench new-site scale.localhost ... --install-app
erpnext` and `bench --site scale.localhost install-app tewei_service`):

	cd /opt/tewei-bench/sites && ../env/bin/python /path/to/tewei_service/scripts/benchmark_scale.py
	... --sizes 10000,1000000 --rounds 5 --households 1000,10000
	... --quick            (sizes 10000,100000, 3 rounds, households 300,3000)

The orders are bulk-inserted (frappe.db.bulk_insert) with their item rows, households and
projects: the last seven months hold the same orders at every size (about 1,200 a month), the
rest of each size is older history (closed: checked, cancelled or declined), so a report of the
recent months faces a bigger table, not a bigger month. Sizes run in turn (the table only grows); within a size the measures are interleaved
round by round and the medians shown. The machine is shared: compare the columns, don't clock them.
"""

import argparse
import random
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timedelta

import frappe

PREFIX = "BSWO-"
PROJECTS = 20
HOUSEHOLDS = 12000
RECENT_MONTHS, RECENT_PER_MONTH = 7, 1200
ITEMS = [f"BENCH-ITEM-{i:02}" for i in range(30)]
FAKE_STAFF = [f"BENCH-EMP-{i:02}" for i in range(19)]
STATES = ["Checked"] * 6 + ["Completed", "Dispatched", "In Progress", "Cancelled", "Registered"]
# Orders of seven months ago and before are closed, as in a running office: checked, or cancelled
# or declined (an order left unsigned that long would be on every evening's list).
CLOSED_STATES = ["Checked"] * 8 + ["Cancelled", "Declined"]
COMMITMENTS = ["Ordinary Problem", "Small Repair", "Urgent", ""]
PLAN_MONTHS = {"1k": datetime(2010, 1, 1), "10k": datetime(2010, 2, 1)}


def connect(site: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")


def prepare() -> dict:
	"""A company and the tests' fixtures (staff, a catalogue item, a household, settings)."""
	from tewei_service.tests.site import before_tests
	from tewei_service.tests.work_order_builders import WorkOrderTestCase

	frappe.flags.in_test = True  # the fixtures' builders expect it (no e-mails)
	before_tests()
	# No workflow e-mails with a PDF of each document (this site has no way out for them).
	frappe.db.sql("update `tabWorkflow Document State` set send_email = 0")
	frappe.clear_cache()
	WorkOrderTestCase.setUpClass()
	frappe.db.commit()
	frappe.flags.in_test = False
	return {"case": WorkOrderTestCase}


def ensure_projects_and_households() -> tuple[list[str], dict]:
	from tewei_service.tests.site import TEST_COMPANY

	company = TEST_COMPANY
	projects = [f"BENCH-PRJ-{i:02}" for i in range(PROJECTS)]
	now = frappe.utils.now()
	if not frappe.db.exists("Property Project", projects[0]):
		fields = frappe.get_meta("Property Project").get_valid_columns()
		rows = []
		for name in projects:
			row = {"name": name, "creation": now, "modified": now, "owner": "Administrator"}
			row.update({"modified_by": "Administrator", "docstatus": 0, "company": company})
			if "project_name" in fields:
				row["project_name"] = name
			rows.append(row)
		cols = sorted(rows[0])
		frappe.db.bulk_insert("Property Project", cols, [tuple(r[c] for c in cols) for r in rows])
	customer = frappe.get_all("Customer", pluck="name", limit=1)[0]
	households = {}
	existing = set(frappe.get_all("Household", {"name": ("like", "BENCH-HH-%")}, pluck="name"))
	total = HOUSEHOLDS + 11000  # and the revisit plan's months
	rows = []
	for i in range(total):
		name = f"BENCH-HH-{i:05}"
		project = projects[i % PROJECTS] if i < HOUSEHOLDS else "BENCH-PRJ-PLAN"
		households[name] = project
		if name not in existing:
			rows.append((name, now, now, "Administrator", "Administrator", 0, name, project, customer))
	if not frappe.db.exists("Property Project", "BENCH-PRJ-PLAN"):
		frappe.db.bulk_insert(
			"Property Project",
			["name", "creation", "modified", "owner", "modified_by", "docstatus", "company", "project_name"],
			[("BENCH-PRJ-PLAN", now, now, "Administrator", "Administrator", 0, company, "BENCH-PRJ-PLAN")],
		)
	if rows:
		frappe.db.bulk_insert(
			"Household",
			[
				"name",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"docstatus",
				"household_name",
				"property_project",
				"primary_customer",
			],
			rows,
		)
	frappe.db.commit()
	return projects, {"customer": customer, "households": households}


ORDER_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"household",
	"customer",
	"property_project",
	"department",
	"assigned_staff",
	"order_date",
	"appointment_start",
	"appointment_end",
	"reported_on",
	"completed_on",
	"workflow_state",
	"response_status",
	"commitment",
	"response_due",
	"breach_notified",
	"total_amount",
	"request_type",
	"channel",
	"settlement_mode",
	"request_details",
]
ITEM_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"catalogue_item",
	"qty",
	"rate",
	"amount",
]


def order_rows(number: int, when: datetime, household: str, project: str, ctx: dict, rng, state=None):
	name = f"{PREFIX}{number:08}"
	state = state or rng.choice(STATES)
	start = when.replace(minute=0, second=0, microsecond=0)
	served = state in ("Checked", "Completed")
	commitment = rng.choice(COMMITMENTS)
	status = rng.choice(["Met", "Met", "Met", "Breached"]) if commitment else ""
	staff = ctx["staff"][number % len(ctx["staff"])]
	amount = 0
	items = []
	for idx in range(1, 1 + (1 if number % 3 else 2)):
		qty, rate = 1 + number % 2, 50 + 10 * (number % 5)
		amount += qty * rate
		items.append(
			(
				f"{name}-{idx}",
				ctx["now"],
				ctx["now"],
				"Administrator",
				"Administrator",
				0,
				name,
				"Service Work Order",
				"items",
				idx,
				ITEMS[(number + idx) % len(ITEMS)],
				qty,
				rate,
				qty * rate,
			)
		)
	order = (
		name,
		ctx["now"],
		ctx["now"],
		"Administrator",
		"Administrator",
		0,
		household,
		ctx["customer"],
		project,
		ctx["department"],
		staff,
		start.date(),
		start,
		start + timedelta(hours=1),
		start - timedelta(hours=2),
		start + timedelta(hours=1) if served else None,
		state,
		status,
		commitment or None,
		(start - timedelta(hours=1)) if commitment else None,
		1,
		amount,
		"Housekeeping",
		"Phone",
		"Month-end" if served else None,
		"benchmark order",
	)
	return order, items


def grow_to(size: int, projects: list[str], ctx: dict) -> None:
	"""Insert orders up to `size` in all (the recent months first, then older history)."""
	have = frappe.db.count(  # the history, not the revisit plan's months (numbered from 90,000,000)
		"Service Work Order", {"name": ("between", (f"{PREFIX}{0:08}", f"{PREFIX}{89_999_999:08}"))}
	)
	if have >= size:
		return
	rng = random.Random(have)
	today = datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)
	recent = RECENT_MONTHS * RECENT_PER_MONTH
	households = [h for h, p in ctx["households"].items() if p != "BENCH-PRJ-PLAN"]
	orders, items = [], []
	started = time.monotonic()
	for number in range(have, size):
		state = None
		if number < recent:
			when = today - timedelta(minutes=rng.randrange(RECENT_MONTHS * 30 * 24 * 60))
		else:  # older history: between 7 months and 12 years ago
			when = today - timedelta(days=215 + rng.randrange(12 * 365 - 215), hours=rng.randrange(12))
			state = rng.choice(CLOSED_STATES)
		household = households[number % len(households)]
		order, rows = order_rows(number, when, household, ctx["households"][household], ctx, rng, state)
		orders.append(order)
		items += rows
		if len(orders) >= 20000:
			flush(orders, items)
			orders, items = [], []
	flush(orders, items)
	# A few pending commitments past due, for the breach flagging.
	frappe.db.sql(
		"""update `tabService Work Order` set response_status = 'Pending', breach_notified = 0
		where name like %s and commitment is not null order by name limit 20""",
		f"{PREFIX}%",
	)
	frappe.db.commit()
	print(f"  inserted {size - have} orders in {time.monotonic() - started:.0f} s", flush=True)


def flush(orders, items) -> None:
	if orders:
		frappe.db.bulk_insert("Service Work Order", ORDER_COLUMNS, orders, chunk_size=5000)
		frappe.db.bulk_insert("Service Work Order Item", ITEM_COLUMNS, items, chunk_size=5000)
		frappe.db.commit()


def ensure_plan_months(ctx: dict, households: dict[str, int]) -> None:
	"""Months of 2010 in which `count` households of one project were served once each."""
	plan_households = sorted(h for h, p in ctx["households"].items() if p == "BENCH-PRJ-PLAN")
	rng = random.Random(7)
	for label, month in PLAN_MONTHS.items():
		count = households[label]
		base = 90_000_000 + month.month * 1_000_000
		have = frappe.db.count(
			"Service Work Order", {"name": ("between", (f"{PREFIX}{base:08}", f"{PREFIX}{base + 999999:08}"))}
		)
		if have == count:
			continue
		if have:
			for table, column in (("Service Work Order Item", "parent"), ("Service Work Order", "name")):
				frappe.db.sql(
					f"delete from `tab{table}` where {column} between %s and %s",
					(f"{PREFIX}{base:08}", f"{PREFIX}{base + 999999:08}"),
				)
		orders, items = [], []
		for i in range(count):
			when = month + timedelta(minutes=rng.randrange(27 * 24 * 60))
			order, rows = order_rows(
				base + i, when, plan_households[i], "BENCH-PRJ-PLAN", ctx, rng, state="Checked"
			)
			orders.append(order)
			items += rows
		flush(orders, items)


def measures(ctx: dict) -> dict:
	"""name → a function timed once per round (whatever it writes is rolled back)."""
	from frappe.utils import add_months, get_first_day, getdate, today

	from tewei_service.tests.site import TEST_COMPANY
	from tewei_service.work_orders import commitments, daily

	def report(module: str, **filters):
		path = f"tewei_service.tewei_service.report.{module}.{module}"
		return lambda: frappe.get_attr(f"{path}.execute")(filters)

	month_start = get_first_day(today())
	found = {
		"Special Service Register": report("special_service_register", date=today()),
		"Unsigned Service Orders": report("unsigned_service_orders", date=today()),
		"Response Commitment Compliance": report(
			"response_commitment_compliance", from_date=month_start, to_date=today()
		),
		"Revisit Plan Compliance (6 months)": report(
			"revisit_plan_compliance",
			company=TEST_COMPANY,
			from_month=add_months(month_start, -6),
			to_month=add_months(month_start, -1),
		),
		"Home Service Analysis": report(
			"home_service_analysis",
			company=TEST_COMPANY,
			month=add_months(month_start, -1),
			group_by="Item",
			chart_on="orders",
		),
		"Agreement Billing": report("agreement_billing", company=TEST_COMPANY, as_of=today()),
		"Cash Hand-over": report("cash_hand_over", date=today()),
		"Errand Register Gaps": report("errand_register_gaps"),
		"Job: morning check list": daily.send_morning_check_lists,
		"Job: end-of-day list": daily.send_end_of_day_unsigned_lists,
		"Job: breach flagging": commitments.flag_breaches,
	}
	order = ctx["order"]

	def save():
		doc = frappe.get_doc("Service Work Order", order)
		doc.save(ignore_permissions=True)

	found["Save one work order"] = save
	assert getdate(month_start)
	return found


def timed(function) -> float:
	started = time.perf_counter()
	try:
		function()
	finally:
		elapsed = time.perf_counter() - started
		frappe.db.rollback()
	return elapsed


def run_rounds(named: dict, rounds: int) -> dict[str, float]:
	times = {name: [] for name in named}
	for _round in range(rounds):
		for name, function in named.items():
			times[name].append(timed(function))
	return {name: statistics.median(values) for name, values in times.items()}


def plan_runs(rounds: int) -> dict[str, float]:
	from tewei_service.revisits.plan import make_monthly_plan

	return run_rounds(
		{
			label: (lambda month=month: make_monthly_plan(month.date()))
			for label, month in PLAN_MONTHS.items()
		},
		rounds,
	)


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--site", default="scale.localhost")
	parser.add_argument("--sizes", default="10000,1000000")
	parser.add_argument("--households", default="1000,10000", help="served households, two months")
	parser.add_argument("--rounds", type=int, default=5)
	parser.add_argument("--quick", action="store_true")
	parser.add_argument(
		"--pool-mb",
		type=int,
		help="measure the largest size again with MariaDB's InnoDB buffer pool resized to this "
		"(restored afterwards): the server's default may not hold the table",
	)
	parser.add_argument("--db-root-password", help="MariaDB's root password: resizing the pool needs it")
	args = parser.parse_args()
	if args.quick:
		args.sizes, args.households, args.rounds = "10000,100000", "300,3000", 3
	sizes = [int(s) for s in args.sizes.split(",")]
	small_hh, large_hh = (int(h) for h in args.households.split(","))
	connect(args.site)
	fixtures = prepare()
	projects, ctx = ensure_projects_and_households()
	case = fixtures["case"]
	ctx.update(
		now=frappe.utils.now(),
		department=case.department,
		staff=[case.staff, *FAKE_STAFF],
	)
	# The saved order: a real one, dispatched to the staff member who has a twentieth of all bookings.
	ctx["order"] = frappe.db.get_value("Service Work Order", {"name": ("not like", f"{PREFIX}%")}) or None
	if not ctx["order"]:
		frappe.flags.in_test = True
		test = case()
		ctx["order"] = test.dispatched(start=datetime.now() + timedelta(days=30)).name
		frappe.flags.in_test = False
		frappe.db.commit()

	results = {}
	for size in sizes:
		print(f"growing to {size} orders …", flush=True)
		grow_to(size, projects, ctx)
		frappe.db.sql("analyze table `tabService Work Order`, `tabService Work Order Item`")
		named = measures(ctx)
		run_rounds(named, 1)  # warm the caches
		results[size] = run_rounds(named, args.rounds)
		print_figures(size, results[size])
	pooled = None
	if args.pool_mb:
		with buffer_pool(args.pool_mb, args.db_root_password):
			run_rounds(named, 1)
			pooled = run_rounds(named, args.rounds)
			print_figures(f"{sizes[-1]} with a {args.pool_mb} MB pool", pooled)
	print("revisit plan months …", flush=True)
	ensure_plan_months(ctx, {"1k": small_hh, "10k": large_hh})
	frappe.db.commit()
	plans = plan_runs(args.rounds)
	print_table(sizes, results, plans, small_hh, large_hh, args.rounds, pooled, args.pool_mb)


@contextmanager
def buffer_pool(megabytes: int, root_password: str | None):
	"""MariaDB's InnoDB buffer pool resized (online, as root) for the block, then set back."""
	import pymysql

	root = pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user="root",
		password=root_password or "",
	)
	cursor = root.cursor()

	def resize(size: int) -> None:
		cursor.execute(f"set global innodb_buffer_pool_size = {int(size)}")
		for _attempt in range(600):
			cursor.execute("show status like 'Innodb_buffer_pool_resize_status'")
			status = cursor.fetchone()
			if not status or not status[1] or "completed" in status[1].lower():
				return
			time.sleep(0.5)

	cursor.execute("select @@innodb_buffer_pool_size")
	before = cursor.fetchone()[0]
	try:
		resize(megabytes * 1024 * 1024)
		yield
	finally:
		resize(before)
		root.close()


def print_figures(label, figures: dict[str, float]) -> None:
	"""One size's medians as soon as they are measured (the table comes at the end)."""
	print(f"  {label}: " + "; ".join(f"{name} {value:.3f}" for name, value in figures.items()), flush=True)


def table_megabytes() -> str:
	rows = frappe.db.sql(
		"""select table_name, (data_length + index_length) / 1048576 from information_schema.tables
		where table_schema = database() and table_name in ('tabService Work Order', 'tabService Work Order Item')"""
	)
	pool = int(frappe.db.sql("select @@innodb_buffer_pool_size")[0][0]) / 1048576
	tables = ", ".join(f"{name[3:]} {size:,.0f} MB" for name, size in rows)
	return f"tables and indexes: {tables}; InnoDB buffer pool {pool:,.0f} MB"


def target_of(name: str, seconds: float, growth: float) -> str:
	if name.startswith("Save"):
		return "≤ 1.2× " + ("ok" if growth <= 1.2 else "MISSED")
	if name.startswith("Job"):
		return "(jobs: reported)"
	return "< 1 s, < 3× " + ("ok" if seconds < 1 and growth < 3 else "MISSED")


def print_table(sizes, results, plans, small_hh, large_hh, rounds, pooled=None, pool_mb=None) -> None:
	small, large = sizes[0], sizes[-1]
	print()
	print(f"Medians of {rounds} interleaved rounds, seconds; {table_megabytes()}.")
	extra = f" | {f'pool {pool_mb:,} MB':>12} | growth" if pooled else ""
	print(f"| {'measure':<36} | {small:>10,} | {large:>10,} | growth{extra} | target")
	print(
		"|"
		+ "-" * 38
		+ "|"
		+ "-" * 12
		+ "|"
		+ "-" * 12
		+ "|--------"
		+ ("|" + "-" * 14 + "|--------" if pooled else "")
		+ "|-------"
	)
	for name in results[small]:
		a, b = results[small][name], results[large][name]
		growth = b / a if a else float("inf")
		line = f"| {name:<36} | {a:>10.3f} | {b:>10.3f} | {growth:>5.2f}×"
		if pooled:
			c = pooled[name]
			growth = c / a if a else float("inf")
			line += f" | {c:>12.3f} | {growth:>5.2f}×"
			b = c
		print(f"{line} | {target_of(name, b, growth)}")
	a, b = plans["1k"], plans["10k"]
	growth = b / a if a else float("inf")
	ok = b < 10 and growth <= 12
	print(f"| {'Revisit plan, served households':<36} | {small_hh:>10,} | {large_hh:>10,} |        |")
	print(
		f"| {'  plan time':<36} | {a:>10.3f} | {b:>10.3f} | {growth:>5.2f}× | "
		f"< 10 s, ≤ 12× {'ok' if ok else 'MISSED'}"
	)
	sys.stdout.flush()


if __name__ == "__main__":
	try:
		main()
	finally:
		frappe.destroy()
