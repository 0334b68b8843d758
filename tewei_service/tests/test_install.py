"""What installing the app puts into a site (uninstall is checked by scripts/run_tests.sh)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from tewei_service.setup.billing_items import BILLING_ITEMS
from tewei_service.setup.custom_fields import CUSTOM_FIELDS
from tewei_service.setup.install import before_install
from tewei_service.setup.roles import ROLES


class TestInstall(FrappeTestCase):
	def test_roles_exist_with_desk_access(self):
		for role in ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)

	def test_custom_fields_exist(self):
		for doctype, fields in CUSTOM_FIELDS.items():
			for field in fields:
				self.assertTrue(frappe.get_meta(doctype).has_field(field["fieldname"]), field["fieldname"])

	def test_install_rebuilds_a_module_map_cached_before_the_app_joined(self):
		# A site in use before the app joined apps.txt holds a module map without it: installing
		# then looked for the app's DocTypes in frappe's own modules and failed.
		frappe.setup_module_map()
		try:
			frappe.local.module_app = {
				module: app for module, app in frappe.local.module_app.items() if app != "tewei_service"
			}
			frappe.cache.delete_value("app_modules")  # as install-app's clear_cache() does
			before_install()
			self.assertEqual(frappe.local.module_app.get("tewei_service"), "tewei_service")
		finally:
			frappe.setup_module_map()

	def test_billing_items_exist(self):
		for item_code in BILLING_ITEMS:
			self.assertEqual(frappe.db.get_value("Item", {"item_code": item_code}, "is_stock_item"), 0)

	def test_workspace_is_installed(self):
		workspace = frappe.get_doc("Workspace", "Special Services")
		self.assertEqual(workspace.module, "Tewei Service")
		self.assertIn("Household", [shortcut.link_to for shortcut in workspace.shortcuts])

	def test_settings_defaults_are_stored(self):
		stored = frappe.db.get_singles_dict("Service Settings")
		self.assertEqual(float(stored.price_band_percent), 30)
		self.assertEqual(float(stored.staff_collection_limit), 100)
		self.assertEqual(int(stored.booking_slack_minutes), 30)
		self.assertEqual(stored.emergency_window_start, "09:00:00")

	def test_settings_point_at_the_special_services_price_list_and_item_group(self):
		# Not ERPNext's global default selling price list, which a field of that name would inherit.
		stored = frappe.db.get_singles_dict("Service Settings")
		self.assertEqual(
			(stored.service_price_list, stored.item_group), ("Special Services", "Special Services")
		)
		self.assertEqual(
			frappe.db.get_value("Price List", "Special Services", ["selling", "currency"]), (1, "CNY")
		)


class TestHouseholdForm(FrappeTestCase):
	def test_desk_form_loads_with_its_connections(self):
		from frappe.desk.form.load import getdoc
		from frappe.desk.notifications import get_open_count

		from tewei_service.tests.site import make_customer, make_household, make_property_project

		household = make_household(
			make_property_project("Desk Garden"), "1-1", make_customer("Desk Owner Zhao")
		)
		getdoc("Household", household)
		self.assertEqual(frappe.response.docs[0].name, household)
		connections = get_open_count("Household", household)["count"]["external_links_found"]
		self.assertEqual(
			[link["doctype"] for link in connections],
			[
				"Service Work Order",
				"Service Agreement",
				"Price Confirmation",
				"Service Message Slip",
				"Errand Purchase",
				"Sales Invoice",
				"Revisit Record",
				"Service Complaint",
				"Satisfaction Survey",
			],
		)
