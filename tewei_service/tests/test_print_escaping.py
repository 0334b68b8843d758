"""Every paper form prints what users typed as text, never as markup (Frappe's Jinja does not
escape by itself): real documents of each print format with markup in every field a user types,
written straight to the database as the values written on submit or cancel are, which Frappe's
sanitiser never sees. The signature prints as an image only when it is one."""

from datetime import timedelta

from markupsafe import escape

import frappe
from frappe.utils import now_datetime

from tewei_service.billing.agreements import bill_agreement
from tewei_service.tests.billing_builders import settle
from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD
from tewei_service.tests.price_confirmation_builders import approved_confirmation
from tewei_service.tests.print_builders import printed_text
from tewei_service.tests.revisit_builders import RevisitTestCase
from tewei_service.tests.site import make_user
from tewei_service.tests.work_order_builders import SIGNATURE

TITLES = {
	"Service Work Order": "特約服務/維修單",
	"Errand Purchase": "代客購物登記表",
	"Price Confirmation": "特約維修價格確認單",
	"Service Agreement": "居家服務協議書",
	"Termination Notice": "終止服務通知書",
	"Service Message Slip": "留言條",
	"Service Price Notice": "特約服務項目及收費標準",
	"Billing Notice": "收費通知單",
	"Cash Receipt": "收款收據",
}
# Typed by a user (a name, a reason): printed where the form shows it.
PRINTER = "printer-xss@tewei.example"
# Not an image: never an <img src>, whatever it holds.
NOT_AN_IMAGE = '"><script>alert("signature")</script>'
# An image's prefix followed by what would end the attribute if it were not escaped.
BROKEN_IMAGE = 'data:image/png;base64,iVBOR" onerror="alert(7)'


class TestPrintEscaping(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project = cls.make_project("Print Garden")
		cls.households = cls.make_households(cls.project, 3, "PRX")
		make_user(PRINTER, "Service Department Head")
		cls.printer_staff = cls.make_staff("printer-staff-xss@tewei.example", "2020-01-01")

	def setUp(self):
		self.payloads = []
		# Each test's markup goes with it: the next test's documents print from clean records.
		frappe.db.savepoint("print_escaping")

	def tearDown(self):
		frappe.db.rollback(save_point="print_escaping")
		# And out of the caches that read them meanwhile (link titles, cached documents).
		frappe.clear_cache()
		super().tearDown()

	def typed(self, doctype: str, name: str, fieldname: str) -> str:
		"""Markup written into the field as a user might type it, each value its own."""
		number = len(self.payloads) + 1
		value = f"<script>alert({number})</script>" if number % 2 else f"<img src=x onerror=alert({number})>"
		frappe.db.set_value(doctype, name, fieldname, value, update_modified=False)
		self.payloads.append(value)
		return value

	def typed_names(self, household: str):
		"""The people and places the forms look up: the household, the staff member, the user."""
		self.typed("Household", household, "household_name")
		self.typed("Employee", self.printer_staff, "employee_name")
		self.typed("User", PRINTER, "full_name")

	def assert_printed_as_text(self, doctype: str, name: str, print_format: str) -> str:
		html = frappe.get_print(doctype, name, print_format)
		self.assertIn(TITLES[print_format], html)
		for value in self.payloads:
			self.assertIn(str(escape(value)), html, f"{print_format}: {value} not printed as text")
			self.assertNotIn(value, html, f"{print_format}: {value} printed as markup")
		# The PDF still renders, with its Chinese title.
		self.assertIn(TITLES[print_format], printed_text(doctype, name, print_format))
		return html

	# --- the forms ----------------------------------------------------------------------------------

	def test_service_work_order(self):
		household = self.households[0]
		order = self.served(household, now_datetime(), staff=self.printer_staff)
		frappe.db.set_value("Service Work Order", order, "checked_by", PRINTER)
		for field in ("customer", "contact_phone", "request_details"):
			self.typed("Service Work Order", order, field)
		row = frappe.get_doc("Service Work Order", order).items[0]
		self.typed("Service Work Order Item", row.name, "service_name")
		self.typed_names(household)
		frappe.db.set_value("Service Work Order", order, "customer_signature", NOT_AN_IMAGE)
		html = self.assert_printed_as_text("Service Work Order", order, "Service Work Order")
		# Not an image: not printed at all, on any of the four parts.
		self.assertEqual(html.count('<td class="signature"></td>'), 4)
		self.assertNotIn('alert("signature")', html)
		self.assertNotIn(str(escape(NOT_AN_IMAGE)), html)

		# A signature drawn on the pad prints as the image, on all four parts.
		frappe.db.set_value("Service Work Order", order, "customer_signature", SIGNATURE)
		html = frappe.get_print("Service Work Order", order, "Service Work Order")
		self.assertEqual(html.count(f'<img src="{SIGNATURE}">'), 4)
		# One that only starts like an image cannot leave its attribute.
		frappe.db.set_value("Service Work Order", order, "customer_signature", BROKEN_IMAGE)
		html = frappe.get_print("Service Work Order", order, "Service Work Order")
		self.assertNotIn('" onerror="', html)
		self.assertIn(str(escape(BROKEN_IMAGE)), html)

	def test_errand_purchase(self):
		household = self.households[1]
		customer = frappe.db.get_value("Household", household, "primary_customer")
		errand = (
			frappe.get_doc(
				{
					"doctype": "Errand Purchase",
					"household": household,
					"customer": customer,
					"item_name": "Soap",
					"quantity": 1,
					"price": 12,
					"deadline": now_datetime() + timedelta(hours=4),
					"purchased_by": self.printer_staff,
					"service_item": self.windows,
					"service_fee": 80,
				}
			)
			.insert()
			.name
		)
		# Closed as not bought, then voided: both reasons print (a voided entry is printed for the
		# investigation, E2).
		frappe.db.set_single_value("Print Settings", "allow_print_for_cancelled", 1)
		frappe.db.set_value(
			"Errand Purchase",
			errand,
			{"not_purchased": 1, "docstatus": 2, "receipt_checked": 1, "receipt_checked_by": PRINTER},
		)
		frappe.db.set_value("Errand Purchase", errand, "owner", PRINTER, update_modified=False)
		for field in ("customer", "item_name", "brand", "spec", "not_purchased_reason", "void_reason"):
			self.typed("Errand Purchase", errand, field)
		self.typed("Service Catalogue Item", self.windows, "service_name")
		self.typed_names(household)
		frappe.db.set_value("Errand Purchase", errand, "customer_signature", NOT_AN_IMAGE)
		html = self.assert_printed_as_text("Errand Purchase", errand, "Errand Purchase")
		self.assertIn("作廢 VOIDED", html)
		self.assertNotIn('alert("signature")', html)

	def test_price_confirmation(self):
		doc = approved_confirmation(household=self.households[2])
		frappe.db.set_value("Price Confirmation", doc.name, "approved_by", PRINTER)
		for field in ("customer", "household", "department", "work_description"):
			self.typed("Price Confirmation", doc.name, field)
		self.typed("Price Confirmation Labour", doc.labour[0].name, "work")
		self.typed("Price Confirmation Material", doc.materials[0].name, "description")
		self.typed("Price Confirmation Signature", doc.signatures[0].name, "department")
		frappe.db.set_value("Price Confirmation Signature", doc.signatures[0].name, "head", PRINTER)
		self.typed("User", PRINTER, "full_name")
		self.assert_printed_as_text("Price Confirmation", doc.name, "Price Confirmation")

	def agreement_with_typed_values(self) -> str:
		household = self.households[0]
		agreement = self.agreement(household, "2026-03-01", "2026-08-31", staff=self.printer_staff)
		doc = frappe.get_doc("Service Agreement", agreement)
		frappe.db.set_value("Service Agreement", agreement, "signed_by", PRINTER)
		self.typed("Customer", doc.customer, "customer_name")
		self.typed("Household", household, "household_name")
		self.typed("Service Agreement", agreement, "company")
		return agreement

	def test_service_agreement(self):
		agreement = self.agreement_with_typed_values()
		self.typed("Service Agreement", agreement, "department")
		row = frappe.get_doc("Service Agreement", agreement).services[0]
		for field in ("catalogue_item", "schedule"):
			self.typed("Service Agreement Item", row.name, field)
		self.typed("Employee", self.printer_staff, "employee_name")
		self.typed("User", PRINTER, "full_name")
		frappe.db.set_value("Service Agreement", agreement, "customer_signature", NOT_AN_IMAGE)
		html = self.assert_printed_as_text("Service Agreement", agreement, "Service Agreement")
		self.assertNotIn('alert("signature")', html)

	def test_termination_notice(self):
		agreement = self.agreement_with_typed_values()
		frappe.db.set_value(
			"Service Agreement",
			agreement,
			{"terminated_on": "2026-05-31", "termination_notice_date": "2026-05-01"},
		)
		self.typed("Service Agreement", agreement, "termination_reason")
		self.assert_printed_as_text("Service Agreement", agreement, "Termination Notice")

	def test_service_message_slip(self):
		household = self.households[1]
		order = self.served(household, now_datetime(), staff=self.printer_staff)
		slip = (
			frappe.get_doc(
				{
					"doctype": "Service Message Slip",
					"work_order": order,
					"household": household,
					"customer": frappe.db.get_value("Household", household, "primary_customer"),
					"staff": self.printer_staff,
					"visited_on": now_datetime(),
					"message": "We called at ten.",
				}
			)
			.insert()
			.name
		)
		for field in ("customer", "message", "work_order"):
			self.typed("Service Message Slip", slip, field)
		self.typed("Household", household, "household_name")
		self.typed("Employee", self.printer_staff, "employee_name")
		self.assert_printed_as_text("Service Message Slip", slip, "Service Message Slip")

	def test_service_price_notice(self):
		notice = frappe.get_doc(
			{"doctype": "Service Price Notice", "property_project": self.project, "remarks": "Lobby"}
		).insert()
		for field in ("property_project", "remarks"):
			self.typed("Service Price Notice", notice.name, field)
		for field in ("service_name", "category"):
			self.typed("Service Price Notice Item", notice.items[0].name, field)
		self.assert_printed_as_text("Service Price Notice", notice.name, "Service Price Notice")

	def test_billing_notice(self):
		household = self.households[2]
		agreement = self.agreement(household, "2026-03-01", "2026-08-31")
		invoice = frappe.get_doc("Sales Invoice", bill_agreement(agreement, as_of="2026-03-31")[0])
		for field in ("customer_name", "tewei_service_agreement"):
			self.typed("Sales Invoice", invoice.name, field)
		for field in ("item_name", "uom", "tewei_work_order"):
			self.typed("Sales Invoice Item", invoice.items[0].name, field)
		self.typed("Household", household, "household_name")
		self.assert_printed_as_text("Sales Invoice", invoice.name, "Billing Notice")

	def test_cash_receipt(self):
		order = self.served(self.households[0], now_datetime(), state="Completed")
		frappe.db.set_value("Service Work Order", order, "settlement_mode", "Immediate")
		paid = settle(frappe.get_doc("Service Work Order", order), collected_by=DEPARTMENT_HEAD)
		payment = frappe.get_doc("Payment Entry", paid["payment_entry"])
		frappe.db.set_value("Payment Entry", payment.name, "tewei_collected_by", PRINTER)
		for field in ("party_name", "mode_of_payment"):
			self.typed("Payment Entry", payment.name, field)
		self.typed("Payment Entry Reference", payment.references[0].name, "reference_name")
		self.typed("User", PRINTER, "full_name")
		self.assert_printed_as_text("Payment Entry", payment.name, "Cash Receipt")
