"""V3 on a real site: a revisit record, what marking it Done needs, who may record what, and where
revisits show (the household's file and the orders, P1). Builders for the revisit-plan and analysis
tests live here too."""

from datetime import datetime, timedelta

import frappe
from frappe.desk.form.assign_to import add as assign_to
from frappe.desk.notifications import get_open_count

from tewei_service.tests.catalogue_builders import (
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	act,
	approved_item,
	fresh,
)
from tewei_service.tests.site import TEST_COMPANY, make_customer, make_property_project, make_user
from tewei_service.tests.work_order_builders import (
	SIGNATURE,
	STAFF,
	TOMORROW_10,
	WorkOrderTestCase,
	make_employee,
)

REVISIT_CS = "cs-revisits@tewei.example"
QUALITY = "quality-revisits@tewei.example"
PAST = "2025-01-01"  # the revisit tests' catalogue fees are in force from then on


class RevisitTestCase(WorkOrderTestCase):
	"""Cheap, realistic served households: orders inserted, then set Checked where the workflow is
	not the point (the workflow itself is tested in test_work_order)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(REVISIT_CS, "Customer Service")
		make_user(QUALITY, "Quality")
		cls.windows = approved_item("Window cleaning (revisit test)", 80, effective_date=PAST).name
		cls.laundry = approved_item("Laundry (revisit test)", 30, effective_date=PAST).name
		cls.departments = frappe.get_all(
			"Department", {"company": TEST_COMPANY, "is_group": 0}, pluck="name", order_by="name", limit=2
		)
		# Registering an order e-mails a PDF of it to the next approvers, which is most of the cost
		# of the hundreds of orders these tests build and not their point. Rolled back with the class.
		frappe.db.set_value(
			"Workflow Document State",
			{"parent": "Service Work Order", "state": "Registered"},
			"send_email",
			0,
		)

	@staticmethod
	def make_project(name: str, customer_service: str | None = None) -> str:
		project = make_property_project(name)
		frappe.db.set_value("Property Project", project, "customer_service", customer_service)
		return project

	@staticmethod
	def make_households(project: str, count: int, prefix: str) -> list[str]:
		"""`count` households of `project`, each with its own owner."""
		names = []
		for index in range(count):
			customer = make_customer(f"{prefix} Owner {index:03}")
			names.append(
				frappe.get_doc(
					{
						"doctype": "Household",
						"property_project": project,
						"building": str(index // 40 + 1),
						"unit": f"{prefix}-{index:03}",
						"customers": [{"customer": customer, "relation": "Owner"}],
					}
				)
				.insert()
				.name
			)
		return names

	@staticmethod
	def make_staff(user: str, joined: str) -> str:
		make_user(user, "Service Staff")
		employee = make_employee(user)
		frappe.db.set_value("Employee", employee, "date_of_joining", joined)
		return employee

	@classmethod
	def served(
		cls,
		household: str,
		completed_on: datetime,
		items: list[tuple[str, float, float]] | None = None,
		staff: str | None = None,
		department: str | None = None,
		response_status: str = "Met",
		state: str = "Checked",
	) -> str:
		"""An order of the household completed at `completed_on` (items: catalogue item, qty, rate);
		with another `state` (e.g. Cancelled), an order of that day that was never completed."""
		order = frappe.get_doc(
			{
				"doctype": "Service Work Order",
				"household": household,
				"customer": frappe.db.get_value("Household", household, "primary_customer"),
				"order_date": completed_on.date(),
				"channel": "Phone",
				"request_type": "Housekeeping",
				"request_details": "Regular cleaning",
				"items": [
					{"catalogue_item": item, "qty": qty, "rate": rate}
					for item, qty, rate in (items or [(cls.windows, 1, 80)])
				],
				"department": department or cls.departments[0],
				"assigned_staff": staff or cls.staff,
			}
		).insert()
		if state in ("Completed", "Checked"):
			order.db_set(
				{
					"workflow_state": state,
					"settlement_mode": "Month-end",
					"customer_confirmed": 1,
					"confirmed_by_customer": "Owner (phone)",
					"customer_signature": SIGNATURE,
					"arrived_on": completed_on - timedelta(hours=1),
					"resolved_on": completed_on,
					"completed_on": completed_on,
					"response_status": response_status,
				},
				update_modified=False,
			)
		else:
			order.db_set(
				{
					"workflow_state": state,
					"cancelled_by_side": "Customer",
					"cancellation_reason": "No longer needed",
				},
				update_modified=False,
			)
		return order.name

	@classmethod
	def agreement(
		cls,
		household: str,
		start: str,
		end: str,
		staff: str | None = None,
		fee: float = 300,
		department: str | None = None,
	) -> str:
		"""An agreement signed by the department manager (through the real workflow)."""
		frappe.set_user(CUSTOMER_SERVICE)
		try:
			draft = frappe.get_doc(
				{
					"doctype": "Service Agreement",
					"household": household,
					"customer": frappe.db.get_value("Household", household, "primary_customer"),
					"service_type": "Regular",
					"department": department or cls.departments[0],
					"start_date": start,
					"end_date": end,
					"billing_cycle": "Monthly",
					"services": [
						{
							"catalogue_item": cls.windows,
							"schedule": "Every Tuesday 14:00-16:00",
							"staff": staff or cls.staff,
							"fee_per_cycle": fee,
						}
					],
				}
			).insert()
		finally:
			frappe.set_user("Administrator")
		return act(act(draft, "Submit for Signature", CUSTOMER_SERVICE), "Sign", DEPARTMENT_HEAD).name

	@staticmethod
	def revisit(user: str = REVISIT_CS, **values):
		frappe.set_user(user)
		try:
			return fresh(frappe.get_doc({"doctype": "Revisit Record", "method": "Phone", **values}).insert())
		finally:
			frappe.set_user("Administrator")

	@staticmethod
	def update(doc, user: str = REVISIT_CS, **values):
		"""Change a revisit (a document or its name) as `user`."""
		frappe.set_user(user)
		try:
			doc = frappe.get_doc("Revisit Record", doc if isinstance(doc, str) else doc.name)
			doc.update(values)
			doc.save()
			return fresh(doc)
		finally:
			frappe.set_user("Administrator")


DONE = {
	"status": "Done",
	"timeliness": "5",
	"skill": "4",
	"attitude": "4",
	"revisited_by": REVISIT_CS,
	"revisited_on": "2026-01-05 10:00:00",
}


class TestRevisitRecord(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.other_household = cls.make_households(make_property_project("Order Garden"), 1, "RV")[0]

	def checked(self, day: int) -> str:
		"""A Checked order for the test household, through the real workflow."""
		doc = self.dispatched(start=TOMORROW_10 + timedelta(days=day))
		doc = act(doc, "Start Work", STAFF)
		doc = self.edit(doc, STAFF, customer_signature=SIGNATURE, settlement_mode="Month-end")
		return act(act(doc, "Complete", STAFF), "Check", DEPARTMENT_HEAD).name

	def test_done_needs_ratings_who_and_when_and_closes_the_todo(self):
		order = self.checked(101)
		doc = self.revisit(household=self.household, orders=[{"work_order": order}])
		self.assertEqual(
			(doc.status, doc.customer, doc.property_project), ("Planned", self.customer, self.project)
		)
		self.assertEqual(doc.orders[0].assigned_staff, self.staff)
		assign_to(
			{"assign_to": [REVISIT_CS], "doctype": doc.doctype, "name": doc.name}, ignore_permissions=True
		)
		self.assertEqual(fresh(doc).assigned_to, REVISIT_CS)

		with self.assertRaises(frappe.ValidationError) as raised:
			self.update(doc, status="Done", timeliness="5")
		message = str(raised.exception)
		for expected in ("Rate Skill (1 to 5)", "Rate Attitude (1 to 5)", "Revisited By", "Revisited On"):
			self.assertIn(expected, message)

		doc = self.update(doc, **DONE, comments="Very tidy work")
		self.assertEqual((doc.status, doc.average_rating), ("Done", 4.33))
		self.assertEqual(
			frappe.get_all(
				"ToDo", {"reference_type": doc.doctype, "reference_name": doc.name}, pluck="status"
			),
			["Closed"],
		)

	def test_done_messages_are_translated(self):
		doc = self.revisit(household=self.household)
		frappe.local.lang = "zh"
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "再將回訪標記為完成"):
				self.update(doc, status="Done")
		finally:
			frappe.local.lang = "en"

	def test_a_complaint_needs_details_and_concerns_the_staff_who_did_the_work(self):
		order = self.checked(103)
		doc = self.revisit(household=self.household, orders=[{"work_order": order}])
		with self.assertRaisesRegex(frappe.ValidationError, "Complaint Details"):
			self.update(doc, complaint=1)
		doc = self.update(doc, **DONE, complaint=1, complaint_details="Arrived late and left a mess")
		self.assertEqual(doc.complaint_staff, self.staff)

	def test_an_agreements_revisit_is_for_its_household(self):
		agreement = self.agreement(self.household, "2026-01-01", "2026-12-31")
		doc = self.revisit(household=self.household, service_agreement=agreement, method="Visit")
		self.assertEqual((doc.customer, doc.method), (self.customer, "Visit"))
		with self.assertRaisesRegex(frappe.ValidationError, "is for household"):
			self.revisit(household=self.other_household, service_agreement=agreement)

	def test_only_the_households_served_orders(self):
		other_order = self.served(self.other_household, datetime(2026, 3, 2, 10))
		with self.assertRaisesRegex(frappe.ValidationError, "is for household"):
			self.revisit(household=self.household, orders=[{"work_order": other_order}])
		dispatched = self.dispatched(start=TOMORROW_10 + timedelta(days=105))
		with self.assertRaisesRegex(frappe.ValidationError, "not completed yet"):
			self.revisit(household=self.household, orders=[{"work_order": dispatched.name}])

	def test_revisits_show_on_the_household_and_on_their_orders(self):
		order, other = self.checked(107), self.checked(109)
		self.revisit(household=self.household, orders=[{"work_order": order}])
		self.revisit(household=self.household, orders=[{"work_order": order}, {"work_order": other}])

		def revisits_of(doctype, name):
			found = get_open_count(doctype, name)["count"]["external_links_found"]
			return next(link["count"] for link in found if link["doctype"] == "Revisit Record")

		self.assertEqual(revisits_of("Service Work Order", order), 2)
		self.assertEqual(revisits_of("Service Work Order", other), 1)
		self.assertEqual(
			revisits_of("Household", self.household),
			frappe.db.count("Revisit Record", {"household": self.household}),
		)
		self.assertEqual(revisits_of("Household", self.other_household), 0)

	def test_quality_checks_are_recorded_by_quality_only(self):
		with self.assertRaisesRegex(frappe.PermissionError, "Only Quality"):
			self.revisit(household=self.household, method="Quality Check")
		check = self.revisit(QUALITY, household=self.household, method="Quality Check")
		with self.assertRaisesRegex(frappe.PermissionError, "Only Quality"):
			self.update(check, REVISIT_CS, **DONE)
		self.assertEqual(self.update(check, QUALITY, **{**DONE, "revisited_by": QUALITY}).status, "Done")

	def test_who_may_see_and_record_revisits(self):
		doc = self.revisit(household=self.household)
		make_user("leader-revisits@tewei.example", "Service Leadership")
		for user in (DEPARTMENT_HEAD, "leader-revisits@tewei.example"):
			self.assertTrue(frappe.has_permission("Revisit Record", "read", doc, user=user))
			self.assertFalse(frappe.has_permission("Revisit Record", "write", doc, user=user))
			self.assertFalse(frappe.has_permission("Revisit Record", "create", user=user))
		for user in (CUSTOMER_SERVICE, QUALITY):
			self.assertTrue(frappe.has_permission("Revisit Record", "create", user=user))
			self.assertTrue(frappe.has_permission("Revisit Record", "write", doc, user=user))
		self.assertFalse(frappe.has_permission("Revisit Record", "read", doc, user=STAFF))
		self.assertFalse(frappe.has_permission("Revisit Record", "delete", doc, user=REVISIT_CS))
