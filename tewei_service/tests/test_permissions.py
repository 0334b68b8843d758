"""P2 as real users over the REST API, report queries and the website: nobody reads or lists a
household or order outside what their work needs."""

import json
from urllib.parse import quote

import frappe
from frappe.utils import getdate

from tewei_service.tests.rest import call, token_for
from tewei_service.tests.site import as_user, make_customer, make_household, make_property_project, make_user
from tewei_service.tests.work_order_builders import STAFF, WorkOrderTestCase
from tewei_service.tewei_service.report.special_service_register.special_service_register import (
	execute as register,
)

CS_OF_GARDEN = "cs-p2@tewei.example"
HEAD_OF_PARK = "head-p2@tewei.example"
PORTAL_CUSTOMER = "portal-p2@tewei.example"


def restrict_to_project(user: str, project: str) -> None:
	if not frappe.db.exists("User Permission", {"user": user, "allow": "Property Project"}):
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "Property Project", "for_value": project}
		).insert(ignore_permissions=True)


class TestWhoSeesWhat(WorkOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.park = make_property_project("P2 Park")
		cls.other_customer = make_customer("P2 Other Customer")
		cls.other_household = make_household(cls.park, "P2-9", cls.other_customer)
		make_user(CS_OF_GARDEN, "Customer Service")
		restrict_to_project(CS_OF_GARDEN, cls.project)
		make_user(HEAD_OF_PARK, "Service Department Head")
		restrict_to_project(HEAD_OF_PARK, cls.park)
		make_user(PORTAL_CUSTOMER, "Customer")
		customer = frappe.get_doc("Customer", cls.customer)
		if PORTAL_CUSTOMER not in [row.user for row in customer.portal_users]:
			customer.append("portal_users", {"user": PORTAL_CUSTOMER})
			customer.save(ignore_permissions=True)
		cls.tokens = {user: token_for(user) for user in (STAFF, CS_OF_GARDEN, HEAD_OF_PARK, PORTAL_CUSTOMER)}

	def setUp(self):
		self.mine = self.committed_order(self.staff, "P2: an order of the staff member's own")
		self.theirs = self.committed_order(
			self.other_staff,
			"P2: another staff member's order in another project",
			household=self.other_household,
			customer=self.other_customer,
			property_project=self.park,
		)

	def committed_order(self, staff: str, request_details: str, **values) -> str:
		"""Committed for the REST calls (their own connection), so a rerun finds it already made."""
		name = (
			frappe.db.get_value(
				"Service Work Order", {"assigned_staff": staff, "request_details": request_details}
			)
			or self.dispatched(staff=staff, request_details=request_details, **values).name
		)
		frappe.db.commit()
		return name

	@staticmethod
	def booked_on(order: str):
		return getdate(frappe.db.get_value("Service Work Order", order, "appointment_start"))

	def listed(self, user, doctype, method="/api/resource/"):
		path = f"{method}{quote(doctype)}?fields={quote(json.dumps(['name']))}&limit_page_length=0"
		response = call("GET", path, self.tokens[user])
		self.assertEqual(response.status_code, 200, response.text)
		return {row["name"] for row in response.json["data"]}

	def reads(self, user, doctype, name) -> int:
		return call("GET", f"/api/resource/{quote(doctype)}/{quote(name)}", self.tokens[user]).status_code

	def test_staff_see_only_their_assignments_and_those_households(self):
		orders = self.listed(STAFF, "Service Work Order")
		self.assertIn(self.mine, orders)
		self.assertNotIn(self.theirs, orders)
		self.assertEqual(
			(
				self.reads(STAFF, "Service Work Order", self.mine),
				self.reads(STAFF, "Service Work Order", self.theirs),
			),
			(200, 403),
		)
		# Exactly the households their orders serve (other test classes commit orders of their own).
		served = set(
			frappe.get_all(
				"Service Work Order",
				{"assigned_staff": frappe.db.get_value("Employee", {"user_id": STAFF})},
				pluck="household",
			)
		)
		self.assertIn(self.household, served)
		self.assertEqual(self.listed(STAFF, "Household"), served)
		self.assertEqual(self.reads(STAFF, "Household", self.other_household), 403)
		# Report View's query applies the same rule.
		response = call(
			"GET",
			f"/api/method/frappe.desk.reportview.get?doctype={quote('Service Work Order')}&fields={quote(json.dumps(['name']))}",
			self.tokens[STAFF],
		)
		values = response.json["message"]["values"] if response.json["message"] else []
		self.assertNotIn([self.theirs], values)
		self.assertIn([self.mine], values)

	def test_customer_service_and_heads_see_their_own_project(self):
		self.assertNotIn(self.theirs, self.listed(CS_OF_GARDEN, "Service Work Order"))
		self.assertIn(self.mine, self.listed(CS_OF_GARDEN, "Service Work Order"))
		self.assertNotIn(self.other_household, self.listed(CS_OF_GARDEN, "Household"))
		self.assertEqual(self.reads(CS_OF_GARDEN, "Household", self.other_household), 403)
		self.assertEqual(self.reads(HEAD_OF_PARK, "Service Work Order", self.mine), 403)
		self.assertEqual(self.reads(HEAD_OF_PARK, "Service Work Order", self.theirs), 200)

		with as_user(CS_OF_GARDEN):
			_columns, rows = register({"date": self.booked_on(self.theirs)})[:2]
			self.assertNotIn(self.theirs, [row.name for row in rows])
			_columns, rows = register({"date": self.booked_on(self.mine)})[:2]
			self.assertIn(self.mine, [row.name for row in rows])

	def test_a_website_customer_sees_only_their_own_household(self):
		for doctype in ("Service Work Order", "Household", "Service Agreement"):
			response = call("GET", f"/api/resource/{quote(doctype)}", self.tokens[PORTAL_CUSTOMER])
			self.assertEqual(response.status_code, 403, doctype)

		page = call("GET", "/my_household", self.tokens[PORTAL_CUSTOMER])
		self.assertEqual(page.status_code, 200)
		self.assertIn(self.mine, page.text)
		self.assertNotIn(self.theirs, page.text)

		def printview(name):
			path = f"/printview?doctype={quote('Service Work Order')}&name={name}&format={quote('Service Work Order')}"
			return call("GET", path, self.tokens[PORTAL_CUSTOMER])

		self.assertIn("特約服務", printview(self.mine).text)
		self.assertNotIn("特約服務", printview(self.theirs).text)
		self.assertNotEqual(printview(self.theirs).status_code, 200)
