"""What the browser tests (browser_tests/ at the repo root) find on their site: a real user for
each role with a known password, a project with a household, an approved service, a checked
month-end order not billed yet and a completed order waiting to be settled at finance.

    bench --site SITE execute tewei_service.tests.browser_fixtures.prepare

Safe to run again: people and places are made once; the orders are made again whenever the last
run billed or settled them. Prints the logins as JSON for the tests.
"""

import json
from datetime import timedelta

import frappe
from frappe.utils.password import update_password

from tewei_service.states import WorkOrderState
from tewei_service.tests.catalogue_builders import act, draft_item, fresh
from tewei_service.tests.site import (
	TEST_COMPANY,
	as_user,
	make_customer,
	make_household,
	make_property_project,
	make_user,
)
from tewei_service.tests.work_order_builders import SIGNATURE, free_slot, make_employee

PASSWORD = "Tewei-Browser-2026"
USERS = {
	"branch_manager": ("browser-bm@tewei.example", ("Branch Manager",)),
	"finance": ("browser-finance@tewei.example", ("Accounts Manager", "Accounts User")),
	"leadership": ("browser-leader@tewei.example", ("Service Leadership",)),
	"customer_service": ("browser-cs@tewei.example", ("Customer Service",)),
	"department_head": ("browser-head@tewei.example", ("Service Department Head",)),
	"staff": ("browser-staff@tewei.example", ("Service Staff",)),
}
PROJECT = "Browser Garden"
CUSTOMER = "Browser Customer Lin"
SERVICE = "Indoor cleaning (browser)"


def prepare() -> None:
	frappe.set_user("Administrator")
	users = {key: make_login(email, roles) for key, (email, roles) in USERS.items()}
	staff = make_employee(users["staff"])
	head = make_employee(users["department_head"], restrict_to_own_record=False)
	department = frappe.db.get_value("Department", {"company": TEST_COMPANY, "is_group": 0}, "name")
	frappe.db.set_value("Employee", head, "department", department)
	project = make_property_project(PROJECT)
	frappe.db.set_value("Property Project", project, "branch_manager", users["branch_manager"])
	household = make_household(project, "B-101", make_customer(CUSTOMER))
	service = approved_service(users)
	order = {"household": household, "customer": CUSTOMER, "service": service, "staff": staff}
	month_end = unbilled_order("Month-end", WorkOrderState.CHECKED) or served_order(
		users, order, "Month-end", check=True
	)
	immediate = unbilled_order("Immediate", WorkOrderState.COMPLETED) or served_order(
		users, order, "Immediate", check=False
	)
	# Where the browser's own order is booked: the staff member's next free hour.
	slot = [str(moment) for moment in free_slot(staff)]
	frappe.db.commit()
	print(
		json.dumps(
			{
				"password": PASSWORD,
				"users": users,
				"company": TEST_COMPANY,
				"household": household,
				"customer": CUSTOMER,
				"service": service,
				"staff_employee": staff,
				"month_end_order": month_end,
				"immediate_order": immediate,
				"free_slot": slot,
			}
		)
	)


def make_login(email: str, roles: tuple[str, ...]) -> str:
	"""A desk user with `roles` who logs in with PASSWORD, in English (the tests read the labels)."""
	# Saving a user queues a Gravatar lookup, which hangs offline: save only when the roles differ.
	if set(frappe.get_roles(email)) - {"All", "Guest"} != set(roles):
		make_user(email, *roles)
	frappe.db.set_value("User", email, {"language": "en", "enabled": 1})
	update_password(email, PASSWORD)
	return email


def approved_service(users: dict) -> str:
	if name := frappe.db.get_value("Service Catalogue Item", {"service_name": SERVICE}):
		return name
	doc = draft_item(SERVICE, 80, user=users["branch_manager"])
	doc = act(doc, "Submit for Review", users["branch_manager"])
	doc = act(doc, "Approve", users["finance"])
	return act(doc, "Approve", users["leadership"]).name


def unbilled_order(settlement_mode: str, state: str) -> str | None:
	return frappe.db.get_value(
		"Service Work Order",
		{
			"customer": CUSTOMER,
			"settlement_mode": settlement_mode,
			"workflow_state": state,
			"sales_invoice": ("is", "not set"),
		},
	)


def served_order(users: dict, order: dict, settlement_mode: str, check: bool) -> str:
	"""An order taken through the real Workflow by each role, to Completed (or Checked)."""
	with as_user(users["customer_service"]):
		doc = frappe.get_doc(
			{
				"doctype": "Service Work Order",
				"household": order["household"],
				"customer": order["customer"],
				"request_type": "Housekeeping",
				"request_details": "Clean the living room",
				"items": [{"catalogue_item": order["service"], "qty": 2, "rate": 80}],
			}
		).insert()
	doc = act(doc, "Quote", users["customer_service"])
	doc = edit(doc, users["customer_service"], confirmed_by_customer="Ms Lin (phone)")
	doc = act(doc, "Record Customer Confirmation", users["customer_service"])
	start = free_slot(order["staff"])[0]
	doc = edit(
		doc,
		users["department_head"],
		assigned_staff=order["staff"],
		appointment_start=start,
		appointment_end=start + timedelta(hours=1),
	)
	doc = act(doc, "Dispatch", users["department_head"])
	doc = act(doc, "Start Work", users["staff"])
	doc = edit(doc, users["staff"], customer_signature=SIGNATURE, settlement_mode=settlement_mode)
	doc = act(doc, "Complete", users["staff"])
	if check:
		doc = act(doc, "Check", users["department_head"])
	return doc.name


def edit(doc, user: str, **values):
	with as_user(user):
		doc = fresh(doc)
		doc.update(values)
		doc.save()
		return fresh(doc)
