"""Build the demo: the people, catalogue and households first, then two months lived event by event
on the simulated clock (orders, settlements, month-end runs, agreements, revisits, errands,
records), up to now."""

from contextlib import contextmanager
from datetime import datetime, time, timedelta

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, now_datetime

from tewei_service.demo import (
	agreements,
	billing,
	catalogue,
	errands,
	households,
	orders,
	people,
	records,
	revisits,
)
from tewei_service.demo.clock import set_time, simulated_clock
from tewei_service.demo.context import DEMO_PASSWORD, Demo
from tewei_service.exceptions import DemoRefusedError
from tewei_service.states import WORKFLOWS

# The DocTypes whose records make a site "have app data" (the demo refuses it without --reset).
APP_DATA = ("Property Project", "Household", "Service Catalogue Item", "Service Work Order")


def app_data() -> list[str]:
	return [doctype for doctype in APP_DATA if frappe.db.count(doctype)]


def make_demo(reset: bool = False, size: float = 1.0, progress=None) -> Demo:
	"""The demo on this site; refused where the app has data already, unless `reset` wipes it."""
	if reset:
		from tewei_service.demo.reset import reset_demo

		reset_demo()
	if found := app_data():
		frappe.throw(
			_("This site already has {0}: run tewei-demo with --reset to replace them with the demo.").format(
				", ".join(_(doctype) for doctype in found)
			),
			DemoRefusedError,
			title=_("Demo Refused"),
		)
	return build(size=size, progress=progress)


def company() -> str:
	name = frappe.db.get_single_value("Service Settings", "company") or frappe.defaults.get_global_default(
		"company"
	)
	if not name:
		frappe.throw(_("Complete ERPNext's setup wizard (a company) before building the demo."))
	return name


def build(size: float = 1.0, progress=None) -> Demo:
	"""Two months: from the first of last month but one, up to now."""
	end = now_datetime()
	start = datetime.combine(get_first_day(add_months(end.date(), -2)), time(8))
	demo = Demo(company=company(), start=start, end=end, size=size)
	setup_day = datetime.combine(start.date() - timedelta(days=10), time(9))
	with simulated_clock(setup_day), quiet_workflows(), workflow_actions_at_end():
		# Ten days before: the people, the catalogue approved, the households registered.
		people.make_people(demo)
		catalogue.make_catalogue(demo)
		households.make_households(demo)
		set_time(start)
		catalogue.make_price_notices(demo)
		orders.plan_orders(demo)
		agreements.schedule_agreements(demo)
		billing.schedule_month_ends(demo)
		revisits.schedule_plans(demo)
		errands.schedule_errands(demo)
		records.schedule_records(demo)
		fee_change = datetime.combine(start.date().replace(day=15), time(16))
		demo.at(fee_change, lambda: catalogue.change_fee(demo, "cleaning", 50))
		demo.live(progress)
	return demo


@contextmanager
def quiet_workflows():
	"""The Workflows e-mail each step's document to the next approvers: a made-up month sends
	no mail (and renders no PDFs), so their e-mail alerts are off while it is built."""
	names = [name for name in WORKFLOWS if frappe.db.exists("Workflow", name)]
	alerts = {name: frappe.db.get_value("Workflow", name, "send_email_alert") for name in names}
	for name in names:
		frappe.db.set_value("Workflow", name, "send_email_alert", 0)
	try:
		yield
	finally:
		for name, value in alerts.items():
			frappe.db.set_value("Workflow", name, "send_email_alert", value)


@contextmanager
def workflow_actions_at_end():
	"""Frappe rewrites a document's Workflow Actions (the approvers' to-do list) on every save; the
	month's intermediate ones are all completed by the end, so only the documents' last states get
	theirs, once, when the month has been lived."""
	from frappe.workflow.doctype.workflow_action import workflow_action

	process = workflow_action.process_workflow_actions
	doctypes = {doctype for doctype, _states, _transitions in WORKFLOWS.values()}
	touched = {}

	def remember(doc, state):
		if doc.doctype in doctypes and state != "on_trash":
			touched[(doc.doctype, doc.name)] = state

	workflow_action.process_workflow_actions = remember
	try:
		yield
	finally:
		workflow_action.process_workflow_actions = process
	for (doctype, name), state in touched.items():
		if frappe.db.exists(doctype, name):
			process(frappe.get_doc(doctype, name), state)


def logins(demo: Demo) -> list[tuple[str, str]]:
	"""(login, roles) of every demo user, and the shared password."""
	rows = [(email, ", ".join(people.USERS[key][2])) for key, email in demo.users.items()]
	rows.append((households.PORTAL_LOGIN, "Customer (portal: /my_household)"))
	return rows, DEMO_PASSWORD
