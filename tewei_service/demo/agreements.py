"""Long-term service agreements (A1-A2, S4): signed by the department head, one hourly agreement
activated at once, one quarterly, one ended early with the company's notice; the services they
cover settled "Agreement"; every ended cycle billed by finance (Bill Ended Cycles) on the first of
the month, and most of those invoices paid."""

from datetime import datetime, time, timedelta

import frappe
from frappe.utils import add_days, add_months, getdate

from tewei_service.billing.agreements import bill_agreements
from tewei_service.demo import people
from tewei_service.demo.billing import pay
from tewei_service.demo.context import SIGNATURE, Demo, act, as_user
from tewei_service.demo.orders import OrderStory

AGREEMENT = "Service Agreement"
# (service type, billing cycle, months (or days when hourly), services, fee per cycle)
PLANS = (
	("Regular", "Monthly", 6, ("cleaning",), 480),
	("Regular", "Monthly", 12, ("cleaning", "plants"), 620),
	("Regular", "Quarterly", 12, ("windows",), 900),
	("Regular", "Monthly", 6, ("plants",), 160),
	("Hourly", "Monthly", 14, ("cleaning",), 270),
	("Regular", "Monthly", 6, ("laundry",), 200),
)
SCHEDULES = ("每週一 09:00-11:00 Every Monday 09:00-11:00", "每週四 14:00-16:00 Every Thursday 14:00-16:00")


def schedule_agreements(demo: Demo) -> None:
	"""Every plan, whatever the size (a few records, each its own case); fewer visits when smaller."""
	households = demo.rng.sample(demo.households[1:], min(len(demo.households) - 1, len(PLANS)))
	for index, plan in enumerate(PLANS):
		household = households[index % len(households)]
		moment = datetime.combine(demo.start.date() + timedelta(days=index), time(10, 15))
		demo.at(
			moment,
			lambda plan=plan, household=household, index=index: make(demo, plan, household, index),
		)
	month = demo.start.date().replace(day=1)
	while (first := add_months(month, 1)) <= demo.end.date():
		demo.at(datetime.combine(first, time(11, 30)), lambda: bill_cycles(demo), must=True)
		month = first


def make(demo: Demo, plan, household, index: int) -> None:
	service_type, cycle, length, services, fee = plan
	start = frappe.utils.getdate()
	end = add_days(start, length - 1) if service_type == "Hourly" else add_days(add_months(start, length), -1)
	staff = demo.employees[demo.users[people.STAFF["housekeeping"][index % 3]]]
	cs = demo.users[("cs_riverside", "cs_maple")[demo.projects.index(household.project)]]
	agreement = as_user(
		cs,
		lambda: frappe.get_doc(
			{
				"doctype": AGREEMENT,
				"household": household.name,
				"customer": household.customer,
				"service_type": service_type,
				"department": demo.departments["housekeeping"],
				"start_date": start,
				"end_date": end,
				"billing_cycle": cycle,
				"services": [
					{
						"catalogue_item": demo.catalogue[key],
						"schedule": SCHEDULES[(index + position) % 2],
						"staff": staff,
						"fee_per_cycle": fee / len(services),
					}
					for position, key in enumerate(services)
				],
			}
		).insert(),
	).name
	demo.note(AGREEMENT, agreement)
	if frappe.db.get_value(AGREEMENT, agreement, "needs_signature"):
		act(AGREEMENT, agreement, "Submit for Signature", cs, customer_signature=SIGNATURE)
		act(AGREEMENT, agreement, "Sign", demo.users["head_housekeeping"])
	else:
		act(AGREEMENT, agreement, "Activate", cs)
	# The covered services are done under the agreement (S4), a visit every week or so.
	for week in range(1, demo.count(6) + 1):
		reported = datetime.combine(start + timedelta(days=7 * week - 2), time(9, 30))
		if reported.date() + timedelta(days=4) > getdate(end):
			break  # the visit (booked up to three days on) falls inside the agreement
		OrderStory(
			demo,
			demo.bookings,
			reported,
			services[0],
			household=household,
			settlement="Agreement",
			fate="done",
			temporary=False,
		).begin()
	if index == 3:
		demo.at(datetime.combine(start + timedelta(days=40), time(15)), lambda: end_early(demo, agreement))


def end_early(demo: Demo, agreement: str) -> None:
	"""A2: the company ends it with a written notice (《終止服務通知書》)."""
	today = frappe.utils.getdate()
	as_user(
		demo.users["head_housekeeping"],
		lambda: frappe.get_doc(AGREEMENT, agreement).end_early(
			"Customer",
			str(add_days(add_months(today, 1).replace(day=1), -1)),
			"The owner is moving abroad at the end of the month.",
			str(today),
		),
	)


def bill_cycles(demo: Demo) -> None:
	"""Finance's Bill Ended Cycles: one invoice per agreement and cycle ended; most paid soon."""
	invoices = as_user(demo.users["finance"], bill_agreements, frappe.utils.today(), demo.company)
	for invoice in invoices:
		demo.note("Agreement Invoice", invoice)
		if demo.rng.random() < 0.7:
			demo.at(
				frappe.utils.now_datetime() + timedelta(days=demo.rng.randint(1, 10)),
				lambda invoice=invoice: pay(demo, invoice, 1),
			)
