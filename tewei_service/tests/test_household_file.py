"""R9 (P1, procedure 2 §3): the household file shows everything filed under the household, newest
first, with the changes to its customers and contacts, to each reader only what they may read
(P2), over REST as on the desk."""

from urllib.parse import quote

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from tewei_service.billing.agreements import bill_agreement
from tewei_service.household_file import household_file
from tewei_service.tests.matrix_builders import restrict_to_project
from tewei_service.tests.paper_form_builders import done_revisit, errand, message_slip
from tewei_service.tests.rest import call, token_for
from tewei_service.tests.revisit_builders import RevisitTestCase
from tewei_service.tests.site import as_user, make_customer, make_household, make_property_project, make_user
from tewei_service.tests.work_order_builders import OTHER_STAFF, STAFF

CS_OF_GARDEN = "cs-file@tewei.example"
CS_REST = "cs-file-rest@tewei.example"


def filed(entries: list[dict]) -> set[tuple[str, str]]:
	return {(entry["doctype"], entry["name"]) for entry in entries}


class TestHouseholdFile(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.garden = cls.make_project("File Garden")
		cls.park = cls.make_project("File Park")
		cls.home = cls.make_households(cls.garden, 1, "HFG")[0]
		cls.elsewhere = cls.make_households(cls.park, 1, "HFP")[0]
		make_user(CS_OF_GARDEN, "Customer Service")
		restrict_to_project(CS_OF_GARDEN, cls.garden)

	def file_the_household(self) -> dict[str, tuple[str, str]]:
		"""One record of each kind under the household; the staff member's order and another's."""
		mine = self.served(self.home, now_datetime(), staff=self.staff)
		agreement = self.agreement(self.home, "2026-03-01", "2026-08-31")
		records = {
			"mine": ("Service Work Order", mine),
			"others": ("Service Work Order", self.served(self.home, now_datetime(), staff=self.other_staff)),
			"agreement": ("Service Agreement", agreement),
			"revisit": ("Revisit Record", done_revisit(mine)),
			"errand": ("Errand Purchase", errand(self.home, self.staff)),
			"slip": ("Service Message Slip", message_slip(mine, self.staff)),
			"invoice": ("Sales Invoice", bill_agreement(agreement, as_of="2026-03-31")[0]),
		}
		if frappe.db.exists("DocType", "Service Complaint"):
			from tewei_service.complaints.register import create_complaint

			customer = frappe.db.get_value("Household", self.home, "primary_customer")
			complaint = create_complaint(self.home, customer, "Late again", "Hotline", work_order=mine)
			records["complaint"] = ("Service Complaint", complaint)
		return records

	def test_everything_filed_under_the_household_newest_first(self):
		records = self.file_the_household()
		entries = household_file(self.home)
		self.assertLessEqual(set(records.values()), filed(entries))
		# Customer service reads all of it but the billing notices, which are finance's (P2).
		with as_user(CS_OF_GARDEN):
			for_customer_service = filed(household_file(self.home))
		self.assertEqual(set(records.values()) - for_customer_service, {records["invoice"]})
		dates = [str(entry["date"]) for entry in entries]
		self.assertEqual(dates, sorted(dates, reverse=True))
		# Nothing of another household.
		self.assertFalse(filed(entries) & filed(household_file(self.elsewhere)))

	def test_staff_see_only_what_their_permissions_allow(self):
		records = self.file_the_household()
		with as_user(STAFF):
			entries = filed(household_file(self.home))
			self.assertIn(records["mine"], entries)
			self.assertIn(records["errand"], entries)
			# Another staff member's order is not theirs to read (P2); nor are the invoices.
			self.assertNotIn(records["others"], entries)
			self.assertNotIn(records["invoice"], entries)
			with self.assertRaises(frappe.PermissionError):
				household_file(self.elsewhere)
		with as_user(OTHER_STAFF):
			self.assertIn(records["others"], filed(household_file(self.home)))

	def test_another_projects_user_is_refused(self):
		with as_user(CS_OF_GARDEN), self.assertRaises(frappe.PermissionError):
			household_file(self.elsewhere)

	def test_changes_to_the_people_living_there(self):
		# Frappe keeps no versions in tests unless asked: as the desk does.
		doc = frappe.get_doc("Household", self.home)
		doc.append("contacts", {"full_name": "Li Ming", "relation": "son", "mobile_no": "13900000000"})
		doc.save(ignore_version=False)
		tenant = make_customer("HFG Tenant")
		doc.append("customers", {"customer": tenant, "relation": "Tenant"})
		doc.save(ignore_version=False)
		doc.contacts[0].mobile_no = "13911111111"
		doc.save(ignore_version=False)
		doc.remove(doc.contacts[0])
		doc.save(ignore_version=False)
		with as_user(CS_OF_GARDEN):
			changes = [
				entry["description"] for entry in household_file(self.home) if entry["doctype"] == "Version"
			]
		self.assertEqual(
			changes,
			[
				"Contact removed: Li Ming",
				"Contact mobile_no: 13900000000 → 13911111111",
				f"Customer added: {tenant}",
				"Contact added: Li Ming",
			],
		)


class TestHouseholdFileREST(FrappeTestCase):
	"""The whitelisted method through the real REST API: a project's own user reads the file, a user
	of another project is refused."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		garden, park = make_property_project("REST File Garden"), make_property_project("REST File Park")
		cls.home = make_household(garden, "RF-1", make_customer("RF Owner 1"))
		cls.elsewhere = make_household(park, "RF-2", make_customer("RF Owner 2"))
		make_user(CS_REST, "Customer Service")
		restrict_to_project(CS_REST, garden)
		cls.token = token_for(CS_REST)
		frappe.db.commit()

	def file_over_rest(self, household: str):
		path = f"/api/method/tewei_service.household_file.household_file?household={quote(household)}"
		return call("GET", path, self.token)

	def test_own_project_reads_another_is_refused(self):
		own = self.file_over_rest(self.home)
		self.assertEqual(own.status_code, 200)
		self.assertIsInstance(own.json["message"], list)
		self.assertEqual(self.file_over_rest(self.elsewhere).status_code, 403)
