"""The catalogue's users, workflow actions as a user, and catalogue items drafted or approved."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from tewei_service.tests.site import as_user, make_user

BRANCH_MANAGER = "bm-catalogue@tewei.example"
FINANCE = "finance-catalogue@tewei.example"
LEADER = "leader-catalogue@tewei.example"
SECOND_LEADER = "leader2-catalogue@tewei.example"
DEPARTMENT_HEAD = "head-catalogue@tewei.example"
CUSTOMER_SERVICE = "cs-catalogue@tewei.example"


def make_catalogue_users() -> None:
	make_user(BRANCH_MANAGER, "Branch Manager")
	make_user(FINANCE, "Accounts Manager", "Accounts User")
	make_user(LEADER, "Service Leadership")
	make_user(SECOND_LEADER, "Service Leadership", "Branch Manager")
	make_user(DEPARTMENT_HEAD, "Service Department Head")
	make_user(CUSTOMER_SERVICE, "Customer Service")


def fresh(doc):
	"""The document as stored. The workflow e-mail renders the very object it saved (leaving it
	flagged as printing, which makes a later save() a no-op), so tests never reuse that object."""
	return frappe.get_doc(doc.doctype, doc.name)


def act(doc, action: str, user: str):
	"""Apply a workflow action as `user`, the way the desk's action menu does."""
	with as_user(user):
		return fresh(apply_workflow(fresh(doc), action))


def draft_item(service_name: str, fee: float, effective_date=None, user: str = BRANCH_MANAGER):
	with as_user(user):
		return fresh(
			frappe.get_doc(
				{
					"doctype": "Service Catalogue Item",
					"service_name": service_name,
					"category": "Cleaning",
					"unit_of_charge": "Hour",
					"proposed_fee": fee,
					"effective_date": effective_date or today(),
				}
			).insert()
		)


def approved_item(service_name: str, fee: float, effective_date=None):
	doc = draft_item(service_name, fee, effective_date)
	doc = act(doc, "Submit for Review", BRANCH_MANAGER)
	doc = act(doc, "Approve", FINANCE)
	return act(doc, "Approve", LEADER)


class CatalogueTestCase(FrappeTestCase):
	"""Tests that act as the catalogue's users (made once per class, rolled back with it)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_catalogue_users()

	def tearDown(self):
		frappe.set_user("Administrator")
