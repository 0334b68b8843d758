"""Service Settings refuses values that make no sense, with a translated message."""

import frappe
from frappe.tests.utils import FrappeTestCase

from tewei_service.tests.site import TEST_COMPANY


class TestServiceSettings(FrappeTestCase):
	def refused(self, **values) -> str:
		settings = frappe.get_doc("Service Settings")
		settings.update(values)
		with self.assertRaises(frappe.ValidationError) as raised:
			settings.save()
		return str(raised.exception)

	def test_negative_limit_is_refused(self):
		self.assertIn("Staff Collection Limit cannot be negative", self.refused(staff_collection_limit=-1))

	def test_ratio_outside_0_to_100_is_refused(self):
		self.assertIn("between 0 and 100", self.refused(revisit_percent_small=130))
		self.assertIn("between 0 and 100", self.refused(price_band_percent=-5))

	def test_bands_out_of_order_are_refused(self):
		message = self.refused(revisit_households_small=300, revisit_households_large=100)
		self.assertIn("out of order", message)

	def test_emergency_window_must_be_forward(self):
		self.assertIn(
			"start before it ends",
			self.refused(emergency_window_start="22:00:00", emergency_window_end="09:00:00"),
		)

	def test_commitment_must_be_positive(self):
		self.assertIn("greater than zero", self.refused(urgent_onsite_minutes=0))

	def test_income_account_must_be_an_income_ledger_of_the_company(self):
		cash = frappe.db.get_value(
			"Account", {"company": TEST_COMPANY, "account_type": "Cash", "is_group": 0}
		)
		self.assertIn(
			"must be a ledger of type Income", self.refused(company=TEST_COMPANY, income_account=cash)
		)

	def test_message_is_translated(self):
		for lang, message in (("zh", "不能为负"), ("zh-TW", "不能為負")):
			frappe.local.lang = lang
			try:
				self.assertIn(message, self.refused(staff_collection_limit=-1))
			finally:
				frappe.local.lang = "en"

	def test_sound_values_are_saved(self):
		income = frappe.db.get_value(
			"Account", {"company": TEST_COMPANY, "root_type": "Income", "is_group": 0}
		)
		settings = frappe.get_doc("Service Settings")
		settings.update({"company": TEST_COMPANY, "income_account": income, "price_band_percent": 25})
		settings.save()
		self.assertEqual(frappe.db.get_single_value("Service Settings", "price_band_percent"), 25)
