"""E1, E2 on a real site: the errand register, its consecutive numbers, the gap report, settlement."""

from datetime import timedelta

import frappe
from frappe.desk.query_report import run as run_report
from frappe.model.naming import getseries
from frappe.utils import add_days, now_datetime, today

from tewei_service.errands.settlement import check_errand_goods
from tewei_service.exceptions import (
	PrivateSettlementError,
	ServicePermissionError,
	SignatureLockedError,
)
from tewei_service.rules.errands import DIGITS, PREFIX, register_name, register_number
from tewei_service.setup.billing_items import ERRAND_GOODS, create_billing_item
from tewei_service.tests.billing_builders import settle
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	CatalogueTestCase,
	approved_item,
	fresh,
)
from tewei_service.tests.print_builders import printed_text
from tewei_service.tests.site import (
	TEST_COMPANY,
	call_as,
	make_customer,
	make_household,
	make_property_project,
	make_user,
)
from tewei_service.tests.work_order_builders import SIGNATURE, make_employee

STAFF = "staff-errands@tewei.example"
OTHER_SIGNATURE = "data:image/png;base64,T1RIRVI="


class ErrandTestCase(CatalogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(STAFF, "Service Staff")
		# P2: staff see the errands they buy (and those of households their orders serve).
		cls.buyer = make_employee(STAFF)
		cls.project = make_property_project("Errand Garden")
		cls.customer = make_customer("Errand Customer Chen")
		cls.stranger = make_customer("Errand Customer Not Here")
		cls.household = make_household(cls.project, "E-101", cls.customer)

	def register(self, user=CUSTOMER_SERVICE, **values):
		def insert():
			return frappe.get_doc(
				{
					"doctype": "Errand Purchase",
					"household": self.household,
					"customer": self.customer,
					"purchased_by": self.buyer,
					"item_name": "Rice",
					"brand": "Golden Harvest",
					"spec": "5 kg bag",
					"quantity": 2,
					"price": 12.5,
					"deadline": now_datetime() + timedelta(hours=4),
					**values,
				}
			).insert()

		return fresh(call_as(user, insert))

	def edit(self, doc, user=STAFF, **values):
		def save():
			current = fresh(doc)
			current.update(values)
			return current.save()

		return fresh(call_as(user, save))

	def submit(self, doc, user=STAFF):
		return fresh(call_as(user, lambda: fresh(doc).submit()))

	def delivered(self, **values):
		doc = self.edit(self.register(**values), receipt_checked=1)
		return self.submit(self.edit(doc, customer_signature=SIGNATURE))

	def refused(self, function, *args, **kwargs) -> str:
		with self.assertRaises(frappe.ValidationError) as caught:
			function(*args, **kwargs)
		return str(caught.exception)


class TestErrandRegister(ErrandTestCase):
	def test_registration_fetches_the_room_and_prices_the_goods(self):
		doc = self.register()
		self.assertRegex(doc.name, rf"^{PREFIX}\d{{{DIGITS}}}$")
		self.assertEqual((doc.unit, doc.property_project), ("E-101", self.project))
		self.assertEqual((doc.amount, doc.total_amount, doc.status), (25, 25, "Registered"))
		self.assertEqual((doc.registration_required, doc.payment_status), (1, "Unbilled"))
		# Under the threshold a purchase may still be registered, and says it need not be.
		small = self.register(price=9.99, quantity=1)
		self.assertEqual((small.registration_required, small.amount), (0, 9.99))
		self.assertEqual(register_number(small.name), register_number(doc.name) + 1)

	def test_bad_input_is_refused_with_a_clear_translated_message(self):
		self.assertIn(
			f"{self.stranger} is not a customer of household {self.household}",
			self.refused(self.register, customer=self.stranger),
		)
		self.assertIn("Quantity must be greater than zero", self.refused(self.register, quantity=0))
		self.assertIn("Unit Price must be greater than zero", self.refused(self.register, price=-3))
		self.assertIn(
			"deadline cannot be before the registration",
			self.refused(self.register, deadline=now_datetime() - timedelta(days=1)),
		)
		for lang, not_of_household, quantity in (
			("zh", "不是住户", "数量必须大于零"),
			("zh-TW", "不是住戶", "數量必須大於零"),
		):
			frappe.local.lang = lang
			try:
				self.assertIn(not_of_household, self.refused(self.register, customer=self.stranger))
				self.assertIn(quantity, self.refused(self.register, quantity=0))
			finally:
				frappe.local.lang = "en"

	def test_delivery_needs_the_checked_receipt_then_the_customers_signature(self):
		doc = self.register()
		message = self.refused(self.submit, doc)
		self.assertIn("Check the purchase receipt before recording the delivery", message)
		self.assertIn("The customer must sign for the goods on delivery", message)
		self.assertIn("before the customer signs", self.refused(self.edit, doc, customer_signature=SIGNATURE))
		doc = self.edit(doc, receipt_checked=1)
		self.assertEqual(doc.receipt_checked_by, STAFF)
		self.assertIn("must sign", self.refused(self.submit, doc))

		doc = self.submit(self.edit(doc, customer_signature=SIGNATURE))
		self.assertEqual((doc.docstatus, doc.status), (1, "Delivered"))
		self.assertTrue(doc.delivered_on)

	def test_the_signature_and_what_was_signed_for_are_locked(self):
		doc = self.edit(self.edit(self.register(), receipt_checked=1), customer_signature=SIGNATURE)
		self.assertRaises(SignatureLockedError, self.edit, doc, customer_signature="")
		self.assertRaises(SignatureLockedError, self.edit, doc, customer_signature=OTHER_SIGNATURE)
		self.assertRaises(SignatureLockedError, self.edit, doc, price=13)
		self.assertIn("before the customer signs", self.refused(self.edit, doc, receipt_checked=0))
		self.assertEqual((fresh(doc).price, fresh(doc).customer_signature), (12.5, SIGNATURE))
		# Other details may still be completed before delivery.
		self.assertEqual(self.edit(doc, receipt="/files/receipt.png").receipt, "/files/receipt.png")

		doc = self.submit(doc)
		self.assertRaises(frappe.UpdateAfterSubmitError, self.edit, doc, customer_signature=OTHER_SIGNATURE)

	def test_goods_that_could_not_be_bought_are_closed_with_the_reason(self):
		doc = self.edit(self.register(), not_purchased=1)
		doc = self.edit(doc, not_purchased_reason="  ")
		self.assertIn("Write why the goods could not be bought", self.refused(self.submit, doc))
		doc = self.submit(self.edit(doc, not_purchased_reason="Sold out in every shop nearby"))
		self.assertEqual((doc.docstatus, doc.status, doc.delivered_on), (1, "Not Purchased", None))
		self.assertIn(
			"Only a delivered errand is settled",
			self.refused(settle, doc),
		)

	def test_payment_status_cannot_be_set_by_hand(self):
		doc = self.register()
		for values in ({"payment_status": "Paid"}, {"payment_status": "Billed"}):
			self.assertRaises(PrivateSettlementError, self.edit, doc, user=DEPARTMENT_HEAD, **values)


class TestErrandRegisterGaps(ErrandTestCase):
	def findings(self, user=DEPARTMENT_HEAD, **filters) -> dict[str, dict]:
		result = call_as(user, run_report, "Errand Register Gaps", filters=filters)
		return {row["register_no"]: row for row in result["result"]}

	def test_gap_report_finds_deleted_skipped_and_voided_numbers(self):
		first, to_delete, to_void = self.register(), self.register(), self.register()
		skipped = register_name(int(getseries(PREFIX, DIGITS)))  # handed out, never saved
		last = self.register()
		self.assertEqual(register_number(last.name), register_number(skipped) + 1)

		frappe.delete_doc("Errand Purchase", to_delete.name)
		# A deleted last number is not handed out again (a naming series would be rolled back).
		frappe.delete_doc("Errand Purchase", last.name)
		after = self.register()
		self.assertEqual(register_number(after.name), register_number(last.name) + 1)

		# Voiding needs a reason and a head's authority; it keeps the number as voided.
		self.assertRaises(
			frappe.PermissionError, call_as, CUSTOMER_SERVICE, fresh(to_void).void, "Wrong room"
		)
		self.assertIn("reason for voiding", self.refused(call_as, DEPARTMENT_HEAD, fresh(to_void).void, " "))
		call_as(DEPARTMENT_HEAD, fresh(to_void).void, "Registered for the wrong room")
		voided = fresh(to_void)
		self.assertEqual((voided.docstatus, voided.status, voided.voided_by), (2, "Voided", DEPARTMENT_HEAD))

		span = {"from_number": register_number(first.name), "to_number": register_number(after.name)}
		rows = self.findings(**span)
		self.assertEqual(
			{name: row["kind"] for name, row in rows.items()},
			{
				to_delete.name: "Deleted",
				skipped: "Never Issued",
				to_void.name: "Voided",
				last.name: "Deleted",
			},
		)
		deleted = rows[to_delete.name]
		self.assertEqual(
			(deleted["by"], deleted["customer"], deleted["item_name"]),
			("Administrator", self.customer, "Rice"),
		)
		self.assertEqual(deleted["document_type"], "Deleted Document")
		self.assertIn("Draft", deleted["details"])
		self.assertIn(f"Between {to_void.name}", rows[skipped]["details"])
		self.assertIn(last.name, rows[skipped]["details"])
		self.assertEqual(rows[to_void.name]["by"], DEPARTMENT_HEAD)
		self.assertEqual(rows[to_void.name]["details"], "Registered for the wrong room")

		# The amendment keeps the number, and the report says where the entry went.
		amended = frappe.copy_doc(voided)
		amended.update({"amended_from": voided.name, "docstatus": 0})
		amended.insert()
		self.assertEqual(amended.name, f"{voided.name}-1")
		self.assertIn(amended.name, self.findings(**span)[to_void.name]["details"])

		# Dates: everything here was registered today.
		self.assertEqual(set(self.findings(**span, from_date=today(), to_date=today())), set(rows))
		self.assertEqual(self.findings(**span, from_date=add_days(today(), 1)), {})

		# The report is for the investigators, not for the staff.
		self.assertRaises(frappe.PermissionError, self.findings, user=STAFF, **span)
		self.assertEqual(set(self.findings(user=BRANCH_MANAGER, **span)), set(rows))


class TestErrandSettlement(ErrandTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.errand_service = approved_item("Errand service (errand test)", 5).name

	def test_settled_at_finance_like_an_immediate_order(self):
		errand = self.delivered(service_item=self.errand_service)
		self.assertEqual((errand.service_fee, errand.total_amount), (5, 30))
		self.assertRaises(ServicePermissionError, settle, errand, STAFF)

		made = settle(errand)
		invoice = frappe.get_doc("Sales Invoice", made["sales_invoice"])
		self.assertEqual((invoice.grand_total, invoice.outstanding_amount, invoice.status), (30, 0, "Paid"))
		self.assertEqual(invoice.company, TEST_COMPANY)
		self.assertEqual(invoice.tewei_household, self.household)
		self.assertEqual({row.tewei_errand_purchase for row in invoice.items}, {errand.name})
		goods = next(row for row in invoice.items if row.item_code == create_billing_item(ERRAND_GOODS))
		self.assertEqual((goods.qty, goods.rate), (1, 25))
		self.assertIn(errand.name, goods.description)
		self.assertEqual(frappe.db.get_value("Item", goods.item_code, "is_stock_item"), 0)
		payment = frappe.get_doc("Payment Entry", made["payment_entry"])
		self.assertEqual((payment.docstatus, payment.paid_amount), (1, 30))

		errand = fresh(errand)
		self.assertEqual((errand.sales_invoice, errand.payment_status), (invoice.name, "Paid"))
		self.assertIn("already invoiced", self.refused(settle, errand))
		self.assertIn(
			"cancel or credit that Sales Invoice first",
			self.refused(call_as, DEPARTMENT_HEAD, errand.void, "Customer returned the goods"),
		)

	def test_small_errand_collected_by_staff_is_received_by_finance(self):
		errand = self.delivered(price=8, quantity=1)
		# Customer service accompanies the customer; finance makes the documents (S2).
		self.assertRaises(ServicePermissionError, settle, errand, CUSTOMER_SERVICE)
		made = settle(errand, collected_by=STAFF)
		self.assertEqual(frappe.db.get_value("Sales Invoice", made["sales_invoice"], "outstanding_amount"), 0)
		payment = frappe.get_doc("Payment Entry", made["payment_entry"])
		self.assertEqual((payment.paid_amount, payment.tewei_collected_by), (8, STAFF))
		self.assertEqual(fresh(errand).payment_status, "Paid")

	def test_errand_goods_over_the_threshold_are_invoiced_only_from_the_register(self):
		goods = create_billing_item(ERRAND_GOODS)
		self.assertEqual(frappe.db.get_value("Item", {"item_code": ERRAND_GOODS}), goods)
		self.assertEqual(create_billing_item(ERRAND_GOODS), goods)  # idempotent

		def invoice(rate, errand=None):
			doc = frappe.new_doc("Sales Invoice")
			doc.update({"company": TEST_COMPANY, "customer": self.customer})
			doc.append("items", {"item_code": goods, "qty": 1, "rate": rate, "tewei_errand_purchase": errand})
			return doc

		self.assertIn("must be registered", self.refused(check_errand_goods, invoice(10)))
		check_errand_goods(invoice(9.99))  # below the threshold: no register entry needed
		draft = self.register()
		self.assertIn("must be registered", self.refused(check_errand_goods, invoice(25, draft.name)))
		check_errand_goods(invoice(25, self.delivered().name))

	def test_print_format_shows_the_register_form(self):
		errand = self.delivered()
		html = frappe.get_print("Errand Purchase", errand.name, "Errand Purchase")
		for expected in (
			"代客購物登記表",
			errand.name,
			"E-101",
			"Golden Harvest",
			"25.00",
			"財務",
			SIGNATURE,
		):
			self.assertIn(expected, html)
		text = printed_text("Errand Purchase", errand.name, "Errand Purchase")
		for expected in ("代客購物登記表", "顧客簽名", "Golden Harvest", "Errand Customer Chen"):
			self.assertIn(expected, text)
