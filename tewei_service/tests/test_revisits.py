"""V3 on a real site: a revisit record, what marking it Done needs, who may record what, and where
revisits show (the household's file and the orders, P1)."""

from datetime import datetime

import frappe
from frappe.desk.form.assign_to import add as assign_to
from frappe.desk.notifications import get_open_count

from tewei_service.exceptions import ServicePermissionError
from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, DEPARTMENT_HEAD, fresh
from tewei_service.tests.revisit_builders import DONE, QUALITY, REVISIT_CS, RevisitTestCase
from tewei_service.tests.site import make_property_project, make_user
from tewei_service.tests.work_order_builders import STAFF


class TestRevisitRecord(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.other_household = cls.make_households(make_property_project("Order Garden"), 1, "RV")[0]

	def test_done_needs_ratings_who_and_when_and_closes_the_todo(self):
		order = self.checked().name
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
		for lang, message in (("zh", "再将回访标记为完成"), ("zh-TW", "再將回訪標記為完成")):
			frappe.local.lang = lang
			try:
				with self.assertRaisesRegex(frappe.ValidationError, message):
					self.update(doc, status="Done")
			finally:
				frappe.local.lang = "en"

	def test_a_complaint_needs_details_and_concerns_the_staff_who_did_the_work(self):
		order = self.checked().name
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
		dispatched = self.dispatched()
		with self.assertRaisesRegex(frappe.ValidationError, "not completed yet"):
			self.revisit(household=self.household, orders=[{"work_order": dispatched.name}])

	def test_revisits_show_on_the_household_and_on_their_orders(self):
		order, other = self.checked().name, self.checked().name
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
		with self.assertRaises(ServicePermissionError):
			self.revisit(household=self.household, method="Quality Check")
		check = self.revisit(QUALITY, household=self.household, method="Quality Check")
		with self.assertRaises(ServicePermissionError):
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
