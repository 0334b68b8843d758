"""Households through the REST API, as real users with and without the Customer Service role."""

import frappe
from frappe.tests.utils import FrappeTestCase

from tewei_service.tests.rest import call, token_for
from tewei_service.tests.site import make_customer, make_property_project, make_user


class TestHouseholdAPI(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project = make_property_project("API Garden")
		cls.owner = make_customer("API Owner Chen")
		cls.tenant = make_customer("API Tenant Lin")
		cls.customer_service = token_for(make_user("cs-api@tewei.example", "Customer Service"))
		cls.outsider = token_for(make_user("outsider-api@tewei.example", "Stock User"))
		frappe.db.commit()

	def tearDown(self):
		# Requests commit on their own connection, so clean up for real.
		for name in frappe.get_all("Household", {"property_project": self.project}, pluck="name"):
			frappe.delete_doc("Household", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def household_payload(self, unit="12-3"):
		return {
			"property_project": self.project,
			"building": "B2",
			"unit": unit,
			"customers": [
				{"customer": self.owner, "relation": "Owner"},
				{"customer": self.tenant, "relation": "Tenant", "is_primary": 1},
			],
			"contacts": [{"full_name": "Chen Jr.", "relation": "son", "mobile_no": "13800000000"}],
		}

	def test_customer_service_creates_and_reads_back(self):
		created = call("POST", "/api/resource/Household", self.customer_service, self.household_payload())
		self.assertEqual(created.status_code, 200, created.text)
		name = created.json["data"]["name"]
		self.assertTrue(name.startswith("HH-"))

		read = call("GET", f"/api/resource/Household/{name}", self.customer_service)
		self.assertEqual(read.status_code, 200, read.text)
		data = read.json["data"]
		self.assertEqual(data["household_name"], f"{self.project} B2 12-3")
		self.assertEqual(data["primary_customer"], self.tenant)
		self.assertEqual([row["customer"] for row in data["customers"]], [self.owner, self.tenant])
		self.assertEqual(data["contacts"][0]["full_name"], "Chen Jr.")

		listed = call(
			"GET",
			'/api/resource/Household?fields=["name"]&limit_page_length=0',
			self.customer_service,
		)
		self.assertIn(name, [row["name"] for row in listed.json["data"]])

	def test_user_without_role_is_refused(self):
		created = call("POST", "/api/resource/Household", self.outsider, self.household_payload("9-9"))
		self.assertEqual(created.status_code, 403, created.text)
		self.assertFalse(frappe.db.exists("Household", {"unit": "9-9", "property_project": self.project}))

		existing = call("POST", "/api/resource/Household", self.customer_service, self.household_payload())
		name = existing.json["data"]["name"]
		read = call("GET", f"/api/resource/Household/{name}", self.outsider)
		self.assertEqual(read.status_code, 403, read.text)
		listed = call("GET", "/api/resource/Household", self.outsider)
		self.assertEqual(listed.status_code, 403, listed.text)

	def test_same_unit_twice_is_refused_with_a_message(self):
		self.assertEqual(
			call(
				"POST", "/api/resource/Household", self.customer_service, self.household_payload()
			).status_code,
			200,
		)
		again = call("POST", "/api/resource/Household", self.customer_service, self.household_payload())
		self.assertEqual(again.status_code, 417, again.text)
		self.assertIn("already registered", again.text)

	def test_customer_listed_twice_is_refused(self):
		payload = self.household_payload("7-7")
		payload["customers"].append({"customer": self.owner, "relation": "Owner"})
		refused = call("POST", "/api/resource/Household", self.customer_service, payload)
		self.assertEqual(refused.status_code, 417, refused.text)
		self.assertIn("listed twice", refused.text)
