"""The paper forms render for real documents, to HTML and to PDF with the Chinese text in it."""

import frappe
from frappe.utils import set_request
from frappe.website.serve import get_response

from tewei_service.tests.catalogue_builders import CatalogueTestCase, approved_item, draft_item
from tewei_service.tests.price_confirmation_builders import draft_confirmation, sign
from tewei_service.tests.print_builders import printed_text


class TestPrintFormats(CatalogueTestCase):
	def test_price_notice_lists_approved_items_only(self):
		approved_item("Sofa cleaning (test)", 88)
		draft_item("Not yet approved (test)", 10)
		notice = frappe.get_doc({"doctype": "Service Price Notice", "remarks": "Lobby board"}).insert()
		names = [row.service_name for row in notice.items]
		self.assertIn("Sofa cleaning (test)", names)
		self.assertNotIn("Not yet approved (test)", names)

		html = frappe.get_print("Service Price Notice", notice.name, "Service Price Notice")
		self.assertIn("特約服務項目及收費標準", html)
		self.assertIn("Sofa cleaning (test)", html)
		self.assertIn("88.00", html)

		text = printed_text("Service Price Notice", notice.name, "Service Price Notice")
		self.assertIn("特約服務項目及收費標準", text)
		self.assertIn("Sofa cleaning (test)", text)

	def test_price_confirmation_form(self):
		doc = sign(draft_confirmation())
		html = frappe.get_print("Price Confirmation", doc.name, "Price Confirmation")
		for expected in ("特約維修價格確認單", "Re-tile the bathroom floor", "626.14", "部門負責人簽字"):
			self.assertIn(expected, html)
		text = printed_text("Price Confirmation", doc.name, "Price Confirmation")
		# Digits in the CJK font's subset do not survive text extraction; the words do.
		for expected in (
			"特約維修價格確認單",
			"Re-tile the bathroom floor",
			"PC Customer Wang",
			"部門負責人簽字",
		):
			self.assertIn(expected, text)

	def test_customer_web_page_shows_the_approved_list(self):
		approved_item("Balcony plants (test)", 66)
		draft_item("Hidden draft (test)", 1)
		frappe.set_user("Guest")
		try:
			set_request(method="GET", path="/special_services")
			response = get_response("special_services")
		finally:
			# A request left in place makes later print-outs commit their access logs.
			del frappe.local.request
			frappe.set_user("Administrator")
		self.assertEqual(response.status_code, 200)
		page = response.get_data(as_text=True)
		self.assertIn("特約服務項目及收費標準", page)
		self.assertIn("Balcony plants (test)", page)
		self.assertIn("66.00", page)
		self.assertNotIn("Hidden draft (test)", page)
