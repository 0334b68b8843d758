"""Users and committed records for the permission matrix (tests/test_permission_matrix.py).

The matrix works through the real REST API, whose requests run on a connection of their own, so
everything here is committed; `purge` removes it again (records the procedures keep cannot be
deleted through the app, so it deletes the rows directly). Two scopes:

- "mine": project Matrix Garden, household M-1 (its customer has the portal user), orders and
  errands of staff member STAFF; customer service and the department head are given this project
  only (User Permission on Property Project).
- "other": project Matrix Park, household M-2, orders of OTHER_STAFF: outside the scope of STAFF,
  CUSTOMER_SERVICE, DEPARTMENT_HEAD and PORTAL.
"""

from datetime import datetime

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from erpnext.accounts.doctype.sales_invoice.sales_invoice import get_bank_cash_account

from tewei_service.settings import setting
from tewei_service.tests import catalogue_builders as desk
from tewei_service.tests.catalogue_builders import approved_item, make_catalogue_users
from tewei_service.tests.site import (
	TEST_COMPANY,
	as_user,
	make_customer,
	make_household,
	make_property_project,
	make_user,
)
from tewei_service.tests.work_order_builders import SIGNATURE, make_employee

LEADER = "matrix-leader@tewei.example"
BRANCH_MANAGER = "matrix-bm@tewei.example"
DEPARTMENT_HEAD = "matrix-head@tewei.example"
CUSTOMER_SERVICE = "matrix-cs@tewei.example"
STAFF = "matrix-staff@tewei.example"
OTHER_STAFF = "matrix-staff2@tewei.example"
QUALITY = "matrix-quality@tewei.example"
ACCOUNTS_USER = "matrix-au@tewei.example"
ACCOUNTS_MANAGER = "matrix-am@tewei.example"
PORTAL = "matrix-portal@tewei.example"
NO_ROLE = "matrix-none@tewei.example"

# The matrix's columns: who acts, and on records of which scope.
USERS = {
	"LEAD": (LEADER, "Service Leadership"),
	"BM": (BRANCH_MANAGER, "Branch Manager"),
	"HEAD": (DEPARTMENT_HEAD, "Service Department Head"),
	"CS": (CUSTOMER_SERVICE, "Customer Service"),
	"STAFF": (STAFF, "Service Staff"),
	"QUAL": (QUALITY, "Quality"),
	"AU": (ACCOUNTS_USER, "Accounts User"),
	"AM": (ACCOUNTS_MANAGER, "Accounts Manager"),
	"PORTAL": (PORTAL, "Customer"),
	"NONE": (NO_ROLE, None),
}

GARDEN, PARK = "Matrix Garden", "Matrix Park"
OWNER, OTHER_OWNER = "Matrix Owner Lin", "Matrix Owner Zhou"
SERVICE = "Kitchen cleaning (order test)"
PREFIX = "Matrix "  # every name this module makes starts with it
# Appointments and agreements far ahead: no other test's bookings, billing runs or revisit plans
# meet them while they exist.
DAY = datetime(2031, 3, 3)
PAST = "2001-01-01"  # a day with nothing on it


def make_users() -> None:
	make_catalogue_users()  # approving the service's fee
	for user, role in USERS.values():
		make_user(user, *([role] if role else []))
	make_user(OTHER_STAFF, "Service Staff")


def restrict_to_project(user: str, project: str) -> None:
	if not frappe.db.exists(
		"User Permission", {"user": user, "allow": "Property Project", "for_value": project}
	):
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "Property Project", "for_value": project}
		).insert(ignore_permissions=True)


class Scope(frappe._dict):
	"""One side of the matrix: its project, household, customer and staff member, and the records
	made for it (a record per purpose, made once and remade when a cell used it up)."""


def make_world() -> dict[str, Scope]:
	"""Both scopes with their base records, committed."""
	make_users()
	# The work-order tests' own service (got or made as they do): nothing new in the catalogue.
	service = (
		frappe.db.get_value("Service Catalogue Item", {"service_name": SERVICE})
		or approved_item(SERVICE, 100).name
	)
	department = frappe.db.get_value("Department", {"company": TEST_COMPANY, "is_group": 0}, "name")
	head = make_employee(DEPARTMENT_HEAD, restrict_to_own_record=False)
	frappe.db.set_value("Employee", head, "department", department)
	scopes = {}
	for key, project, unit, owner, staff in (
		("mine", GARDEN, "M-1", OWNER, STAFF),
		("other", PARK, "M-2", OTHER_OWNER, OTHER_STAFF),
	):
		make_property_project(project)
		frappe.db.set_value("Property Project", project, "branch_manager", BRANCH_MANAGER)
		customer = make_customer(owner)
		scopes[key] = Scope(
			key=key,
			project=project,
			customer=customer,
			household=make_household(project, unit, customer),
			staff=make_employee(staff),
			service=service,
			department=department,
			hour=10 if key == "mine" else 14,
			records={},
		)
	for user in (CUSTOMER_SERVICE, DEPARTMENT_HEAD):
		restrict_to_project(user, GARDEN)
	customer = frappe.get_doc("Customer", OWNER)
	if PORTAL not in [row.user for row in customer.portal_users]:
		customer.append("portal_users", {"user": PORTAL})
		customer.save(ignore_permissions=True)
	frappe.db.commit()
	for scope in scopes.values():
		# Staff see the households of their orders (P2): each scope's order exists from the start.
		record(scope, "order")
	return scopes


def record(scope: Scope, purpose: str) -> str:
	"""The scope's record for `purpose` (see BUILDERS), made and committed when there is none."""
	if purpose not in scope.records:
		scope.records[purpose] = BUILDERS[purpose](scope)
		frappe.db.commit()
	return scope.records[purpose]


def used_up(scope: Scope, purpose: str) -> None:
	"""The cell changed the record (deleted, submitted, cancelled): the next cell gets a new one."""
	scope.records.pop(purpose, None)


def unique(label: str) -> str:
	return f"{PREFIX}{label} {frappe.generate_hash(length=6)}"


# --- payloads: what a user sends to create a record of the scope ----------------------------------


def agreement_values(scope: Scope) -> dict:
	return {
		"doctype": "Service Agreement",
		"household": scope.household,
		"customer": scope.customer,
		"service_type": "Regular",
		"start_date": DAY.date().replace(month=1, day=1),
		"end_date": DAY.date().replace(month=12, day=31),
		"billing_cycle": "Monthly",
		"services": [
			{
				"catalogue_item": scope.service,
				"schedule": "Every Monday 09:00-11:00",
				"staff": scope.staff,
				"fee_per_cycle": 300,
			}
		],
	}


def new_values(doctype: str, scope: Scope) -> dict:
	"""A valid new record of `doctype` in `scope`, as the desk would send it."""
	values = {
		"Property Project": lambda: {"project_name": unique("Project"), "company": TEST_COMPANY},
		"Household": lambda: {
			"property_project": scope.project,
			"unit": unique("Unit"),
			"customers": [{"customer": scope.customer, "relation": "Owner"}],
		},
		"Service Catalogue Item": lambda: {
			"service_name": unique("Service"),
			"category": "Cleaning",
			"unit_of_charge": "Hour",
			"proposed_fee": 50,
			"effective_date": today(),
		},
		"Price Confirmation": lambda: {
			"company": TEST_COMPANY,
			"customer": scope.customer,
			"household": scope.household,
			"work_description": f"{PREFIX}re-tile the bathroom floor",
			"labour": [{"work": "Tiling", "staff_count": 2, "hours": 3.5, "hourly_cost": 45}],
			"materials": [{"description": "Tiles", "qty": 12, "unit_cost": 18.5}],
		},
		"Service Price Notice": lambda: {
			"notice_date": today(),
			"property_project": scope.project,
			"remarks": PREFIX,
		},
		"Service Work Order": lambda: {
			"household": scope.household,
			"customer": scope.customer,
			"request_type": "Housekeeping",
			"request_details": f"{PREFIX}clean the kitchen",
			"items": [{"catalogue_item": scope.service, "qty": 1, "rate": 100}],
		},
		"Service Message Slip": lambda: {"work_order": record(scope, "order")},
		"Service Agreement": lambda: agreement_values(scope),
		"Errand Purchase": lambda: {
			"household": scope.household,
			"customer": scope.customer,
			"item_name": f"{PREFIX}rice",
			"quantity": 1,
			"price": 20,
			"deadline": DAY,
		},
		"Revisit Record": lambda: {"household": scope.household, "method": "Phone"},
	}[doctype]()
	return {"doctype": doctype, **values}


def insert(doctype: str, scope: Scope, user: str = "Administrator", **values) -> str:
	with as_user(user):
		return frappe.get_doc({**new_values(doctype, scope), **values}).insert().name


# --- the records each cell works on ----------------------------------------------------------------


def dispatched_order(scope: Scope) -> str:
	"""An order confirmed and dispatched to the scope's staff member (states set directly: the
	workflow is tested in test_work_order)."""
	name = insert(
		"Service Work Order",
		scope,
		assigned_staff=scope.staff,
		department=scope.department,
		appointment_start=DAY.replace(hour=scope.hour),
		appointment_end=DAY.replace(hour=scope.hour + 1),
	)
	frappe.db.set_value(
		"Service Work Order",
		name,
		{"workflow_state": "Dispatched", "customer_confirmed": 1, "confirmed_by_customer": "Owner"},
	)
	return name


def pending_confirmation(scope: Scope) -> str:
	"""Signed by the department head and sent for the Branch Manager's approval."""
	name = insert("Price Confirmation", scope)
	with as_user(desk.DEPARTMENT_HEAD):
		frappe.get_doc("Price Confirmation", name).sign()
	with as_user(desk.CUSTOMER_SERVICE):
		apply_workflow(frappe.get_doc("Price Confirmation", name), "Submit for Approval")
	return name


def approved_confirmation(scope: Scope) -> str:
	name = pending_confirmation(scope)
	with as_user(desk.BRANCH_MANAGER):
		apply_workflow(frappe.get_doc("Price Confirmation", name), "Approve")
	return name


def pending_agreement(scope: Scope) -> str:
	name = insert("Service Agreement", scope)
	with as_user(desk.CUSTOMER_SERVICE):
		apply_workflow(frappe.get_doc("Service Agreement", name), "Submit for Signature")
	return name


def active_agreement(scope: Scope) -> str:
	name = pending_agreement(scope)
	with as_user(desk.BRANCH_MANAGER):
		apply_workflow(frappe.get_doc("Service Agreement", name), "Sign")
	return name


def errand(scope: Scope, **values) -> str:
	"""Registered by the scope's staff member, who bought it."""
	return insert("Errand Purchase", scope, purchased_by=scope.staff, **values)


def closable_errand(scope: Scope) -> str:
	"""Delivered: the receipt checked and the customer signed; ready to close (submit)."""
	doc = frappe.get_doc("Errand Purchase", errand(scope, receipt_checked=1))
	doc.customer_signature = SIGNATURE  # the customer signs the entry itself, on delivery
	doc.save()
	return doc.name


def delivered_errand(scope: Scope) -> str:
	doc = frappe.get_doc("Errand Purchase", closable_errand(scope))
	doc.submit()
	return doc.name


def done_revisit(scope: Scope) -> str:
	name = insert("Revisit Record", scope)
	doc = frappe.get_doc("Revisit Record", name)
	doc.update(
		{
			"status": "Done",
			"timeliness": "5",
			"skill": "4",
			"attitude": "4",
			"revisited_by": desk.CUSTOMER_SERVICE,
			"revisited_on": add_days(today(), -1),
		}
	)
	doc.save()
	return name


def draft_invoice(scope: Scope) -> str:
	"""A draft billing notice of the household (the print view is what the matrix needs of it)."""
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": TEST_COMPANY,
			"customer": scope.customer,
			"tewei_household": scope.household,
			"posting_date": today(),
			"due_date": today(),
			"items": [
				{
					"item_code": frappe.db.get_value("Service Catalogue Item", scope.service, "item"),
					"qty": 1,
					"rate": 100,
					"income_account": setting("income_account"),
					"cost_center": setting("cost_center"),
				}
			],
		}
	)
	invoice.insert(ignore_permissions=True)
	return invoice.name


def draft_receipt(scope: Scope) -> str:
	"""A draft cash receipt (Payment Entry) from the household's customer."""
	account = get_bank_cash_account("Cash", TEST_COMPANY)["account"]
	receivable = frappe.get_cached_value("Company", TEST_COMPANY, "default_receivable_account")
	payment = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Receive",
			"company": TEST_COMPANY,
			"posting_date": today(),
			"mode_of_payment": "Cash",
			"party_type": "Customer",
			"party": scope.customer,
			"paid_from": receivable,
			"paid_to": account,
			"paid_amount": 50,
			"received_amount": 50,
			"reference_no": PREFIX,
			"reference_date": today(),
		}
	)
	payment.insert(ignore_permissions=True)
	return payment.name


def billing_run(scope: Scope) -> str:
	"""A month-end run of a month long past, with nothing to bill (its jobs run at once in tests)."""
	run = frappe.get_doc(
		{"doctype": "Billing Run", "company": TEST_COMPANY, "from_date": PAST, "to_date": PAST}
	).insert()
	return run.name


BUILDERS = {
	"project": lambda scope: scope.project,
	"household": lambda scope: scope.household,
	"new project": lambda scope: insert("Property Project", scope),
	"new household": lambda scope: insert("Household", scope),
	"draft service": lambda scope: insert("Service Catalogue Item", scope, user=BRANCH_MANAGER),
	"draft confirmation": lambda scope: insert("Price Confirmation", scope),
	"pending confirmation": pending_confirmation,
	"approved confirmation": approved_confirmation,
	"notice": lambda scope: insert("Service Price Notice", scope),
	"order": dispatched_order,
	"registered order": lambda scope: insert("Service Work Order", scope),
	"slip": lambda scope: insert("Service Message Slip", scope),
	"draft agreement": lambda scope: insert("Service Agreement", scope),
	"pending agreement": pending_agreement,
	"active agreement": active_agreement,
	"errand": errand,
	"closable errand": closable_errand,
	"delivered errand": delivered_errand,
	"planned revisit": lambda scope: insert("Revisit Record", scope),
	"done revisit": done_revisit,
	"invoice": draft_invoice,
	"receipt": draft_receipt,
	"billing run": billing_run,
}


# --- cleaning up: everything this module made, in the mine and other scopes ------------------------

# What the app files under a project (directly or through its households), purged in this order.
_BY_HOUSEHOLD = (
	"Service Message Slip",
	"Revisit Record",
	"Errand Purchase",
	"Service Agreement",
	"Price Confirmation",
	"Service Work Order",
)


def purge() -> None:
	"""Delete every record of the matrix's projects, households, customers and drafts, directly
	(the app refuses to delete records it keeps on file, which is what the matrix proves), then commit."""
	projects = frappe.get_all("Property Project", {"name": ("like", f"{PREFIX}%")}, pluck="name")
	households = frappe.get_all("Household", {"property_project": ("in", projects or [""])}, pluck="name")
	customers = [OWNER, OTHER_OWNER]
	for doctype in ("Payment Entry", "Sales Invoice"):
		names = frappe.get_all(
			doctype,
			{"party" if doctype == "Payment Entry" else "customer": ("in", customers), "docstatus": 0},
			pluck="name",
		)
		_delete(doctype, names)
	for doctype in _BY_HOUSEHOLD:
		names = frappe.get_all(doctype, {"household": ("in", households or [""])}, pluck="name")
		names += frappe.get_all(doctype, {"customer": ("in", customers)}, pluck="name")
		_delete(doctype, sorted(set(names)))
	_delete("Service Price Notice", frappe.get_all("Service Price Notice", {"remarks": PREFIX}, pluck="name"))
	_delete(
		"Service Catalogue Item",
		frappe.get_all(
			"Service Catalogue Item",
			{"service_name": ("like", f"{PREFIX}%"), "workflow_state": ("!=", "Approved")},
			pluck="name",
		),
	)
	if frappe.db.exists("DocType", "Billing Run"):
		_delete("Billing Run", frappe.get_all("Billing Run", {"from_date": PAST}, pluck="name"))
	_delete("Household", households)
	_delete("Property Project", projects)
	frappe.db.commit()


def _delete(doctype: str, names: list[str]) -> None:
	if not names:
		return
	for field in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(field.options, {"parent": ("in", names), "parenttype": doctype})
	frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})
