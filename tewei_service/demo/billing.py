"""Money in through finance (S1-S3): Settle at Finance for immediate orders (some collected in
cash by the staff member, handed over the same day or late), the month-end Billing Run of each
month that ended, and the billing notices paid in full, in part, or not yet."""

from contextlib import contextmanager
from datetime import datetime, time, timedelta

import frappe
from frappe.utils import add_months, flt, get_first_day, get_last_day

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

from tewei_service.billing.billing_run import RUN
from tewei_service.billing.immediate import settle
from tewei_service.demo.context import Demo, as_user
from tewei_service.settings import setting


@contextmanager
def jobs_inline():
	"""The app's billing jobs run at once in this process (billing.jobs.runs_inline), as in the
	tests: the demo lives the month in one process, and a worker would bill on today's date."""
	before = frappe.flags.in_test
	frappe.flags.in_test = True
	try:
		yield
	finally:
		frappe.flags.in_test = before


def settle_order(demo: Demo, story) -> None:
	"""S2: the finance desk invoices and takes the money; below the collection limit the staff
	member often took the cash at the door and hands it over (S3)."""
	order = frappe.db.get_value(
		"Service Work Order", story.name, ["total_amount", "completed_on"], as_dict=True
	)
	by_staff = (
		flt(order.total_amount) < flt(setting("staff_collection_limit", 100)) and demo.rng.random() < 0.6
	)
	result = as_user(
		demo.users["finance"],
		settle,
		"Service Work Order",
		story.name,
		mode_of_payment="Cash",
		collected_by=story.staff_user if by_staff else None,
		collected_on=order.completed_on.date() if by_staff else None,
	)
	demo.note("Immediate Payment Entry", result["payment_entry"])
	demo.at(story.next_morning(frappe.utils.now_datetime()), story.check)


def schedule_month_ends(demo: Demo) -> None:
	"""On the first of each month, finance bills the month that ended, then takes the payments."""
	month = get_first_day(demo.start)
	while (first := add_months(month, 1)) <= demo.end.date():
		moment = datetime.combine(first, time(10, 30))
		demo.at(moment, lambda month=month: bill_month(demo, month), must=True)
		month = first


def bill_month(demo: Demo, month) -> None:
	with jobs_inline():
		run = as_user(
			demo.users["finance"],
			lambda: frappe.get_doc(
				{"doctype": RUN, "company": demo.company, "from_date": month, "to_date": get_last_day(month)}
			).insert(),
		)
	demo.note(RUN, run.name)
	# The run's notices to the demo's customers: today's unpaid invoices (Settle at Finance pays
	# its own at once).
	invoices = frappe.get_all(
		"Sales Invoice",
		filters={
			"company": demo.company,
			"docstatus": 1,
			"is_return": 0,
			"posting_date": frappe.utils.today(),
			"outstanding_amount": (">", 0),
			"customer": ("in", [household.customer for household in demo.households]),
		},
		pluck="name",
		order_by="name",
	)
	now = frappe.utils.now_datetime()
	for invoice in invoices:
		demo.note("Billing Notice", invoice)
		share = demo.rng.choices((1, 0.5, 0), (55, 20, 25))[0]
		if share:
			paid_on = now + timedelta(days=demo.rng.randint(1, 20), hours=demo.rng.randint(0, 5))
			demo.at(min(paid_on, demo.end), lambda invoice=invoice, share=share: pay(demo, invoice, share))


def pay(demo: Demo, invoice: str, share: float) -> None:
	"""The customer pays the notice at the finance desk, all of it or a part."""

	def make():
		payment = get_payment_entry("Sales Invoice", invoice)
		outstanding = flt(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"))
		amount = outstanding if share == 1 else flt(outstanding * share, 0) or outstanding
		payment.update(
			{
				"mode_of_payment": "Cash",
				"paid_amount": amount,
				"received_amount": amount,
				"reference_no": invoice,
				"reference_date": frappe.utils.today(),
			}
		)
		payment.references[0].allocated_amount = amount
		payment.insert()
		payment.submit()
		return payment.name

	demo.note("Payment Entry", as_user(demo.users["finance"], make))
