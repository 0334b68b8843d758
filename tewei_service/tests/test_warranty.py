"""R4 warranty repairs (procedure 1: 提供一定期限的保修期): a repeat fault within the service's warranty
period is an order linked to the original, of the same household, free of charge, never billed by
any path, and counted per staff and item in the monthly analysis."""

import frappe
from frappe.utils import add_days, getdate, now_datetime, today

from tewei_service.exceptions import PrivateSettlementError, WarrantyError
from tewei_service.revisits.analysis import ITEM, month_figures
from tewei_service.revisits.analysis import STAFF as BY_STAFF
from tewei_service.rules.revisits import Figures, month_start
from tewei_service.states import WorkOrderState as State
from tewei_service.tests.billing_builders import bill_recent, settle
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	FINANCE,
	LEADER,
	act,
	draft_item,
	fresh,
)
from tewei_service.tests.every_path_builders import hand_made_invoice, order_line
from tewei_service.tests.site import TEST_COMPANY, as_user, make_customer
from tewei_service.tests.work_order_builders import SIGNATURE, STAFF, WorkOrderTestCase
from tewei_service.work_orders.sign_off import sign_off

TAP = "Tap washer replacement (warranty test)"


def item_with_warranty(service_name: str, fee: float, days: int) -> str:
	"""An approved catalogue item whose proposal carried a warranty of `days`."""
	if name := frappe.db.get_value("Service Catalogue Item", {"service_name": service_name}):
		return name
	draft = draft_item(service_name, fee)
	with as_user(BRANCH_MANAGER):
		draft = fresh(draft)
		draft.warranty_days = days
		draft.save()
	draft = act(draft, "Submit for Review", BRANCH_MANAGER)
	draft = act(draft, "Approve", FINANCE)
	return act(draft, "Approve", LEADER).name


class TestWarranty(WorkOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.tap = item_with_warranty(TAP, 80, 30)

	def tap_line(self, **values):
		return [{"catalogue_item": self.tap, "qty": 1, **values}]

	def done(self, doc, settlement_mode=None, check=True):
		"""Started by STAFF, signed by the customer, completed (and checked)."""
		doc = act(doc, "Start Work", STAFF)
		with as_user(STAFF):
			sign_off(doc.name, SIGNATURE, "Fine", 1)
		doc = self.edit(doc, STAFF, settlement_mode=settlement_mode)
		doc = act(doc, "Complete", STAFF)
		return act(doc, "Check", DEPARTMENT_HEAD) if check else doc

	def original(self, customer=None):
		customer = customer or self.customer
		return self.done(
			self.dispatched(request_type="Home Repair", customer=customer, items=self.tap_line(rate=80)),
			settlement_mode="Month-end",
		)

	def claim(self, original, **values):
		values.setdefault("items", self.tap_line())
		return self.register(request_type="Home Repair", warranty_of=original.name, **values)

	def test_a_repeat_fault_in_the_period_is_repaired_free_and_never_billed(self):
		customer = make_customer("Warranty customer Mo")
		original = self.original(customer)
		repair = self.claim(original, customer=customer)
		self.assertEqual(
			(repair.items[0].rate, repair.items[0].standard_fee, repair.total_amount), (0, 80, 0)
		)
		repair = self.dispatched(
			staff=self.other_staff,
			request_type="Home Repair",
			customer=customer,
			warranty_of=original.name,
			items=self.tap_line(),
		)
		self.assertEqual(act(repair, "Start Work", DEPARTMENT_HEAD).workflow_state, State.IN_PROGRESS)
		with as_user(DEPARTMENT_HEAD):
			sign_off(repair.name, SIGNATURE, "Fixed for good", 1)
		repair = act(repair, "Complete", DEPARTMENT_HEAD)  # no settlement: nothing to settle
		self.assertEqual((repair.workflow_state, repair.settlement_mode or None), (State.COMPLETED, None))
		repair = act(repair, "Check", DEPARTMENT_HEAD)

		summary = bill_recent()
		self.assertEqual(fresh(repair).sales_invoice, None)
		self.assertNotIn(repair.name, [name for name, _reason in summary["skipped"]])
		self.assertIsNotNone(fresh(original).sales_invoice)  # the original was billed as usual
		with as_user(FINANCE), self.assertRaisesRegex(PrivateSettlementError, "warranty repair"):
			invoice = hand_made_invoice(customer, [order_line(fresh(repair))])
			invoice.insert()
			invoice.submit()
		with self.assertRaises(frappe.ValidationError):
			settle(fresh(repair))
		self.assertEqual(fresh(repair).payment_status, "Unbilled")

	def test_a_warranty_repair_is_never_charged(self):
		original = self.original()
		with self.assertRaisesRegex(WarrantyError, "cannot be charged"):
			self.claim(original, items=self.tap_line(rate=80))
		repair = self.claim(original)
		with self.assertRaisesRegex(WarrantyError, "cannot be charged"):
			self.edit(repair, CUSTOMER_SERVICE, items=self.tap_line(rate=40))
		with self.assertRaisesRegex(WarrantyError, "leave the settlement mode empty"):
			self.edit(repair, CUSTOMER_SERVICE, settlement_mode="Month-end")
		# Nor once done: the settlement mode stays empty after completion too.
		repair = self.done(
			self.dispatched(request_type="Home Repair", warranty_of=original.name, items=self.tap_line()),
			check=False,
		)
		for mode in ("Month-end", "Immediate"):
			with self.subTest(mode=mode), self.assertRaisesRegex(WarrantyError, "settlement mode"):
				self.edit(repair, STAFF, settlement_mode=mode)

	def test_a_claim_out_of_the_period_or_for_another_household_is_refused(self):
		original = self.original()
		with self.assertRaisesRegex(WarrantyError, "for another household"):
			other = make_customer("Warranty neighbour Fu")
			self.claim(original, customer=other)
		with self.assertRaisesRegex(WarrantyError, "did not give the service"):
			self.claim(original, items=[{"catalogue_item": self.cleaning, "qty": 1}])
		not_done = act(
			self.dispatched(request_type="Home Repair", items=self.tap_line(rate=80)), "Start Work", STAFF
		)
		with self.assertRaisesRegex(WarrantyError, "has not been completed"):
			self.claim(not_done)
		repair = self.claim(original)
		with self.assertRaisesRegex(WarrantyError, "itself a warranty repair"):
			self.claim(repair)
		# The original was completed 31 days ago: the 30-day warranty has run out.
		frappe.db.set_value(
			"Service Work Order", original.name, "completed_on", add_days(now_datetime(), -31)
		)
		with self.assertRaisesRegex(WarrantyError, "warranty of 30 days"):
			self.claim(original)
		frappe.db.set_value(
			"Service Work Order", original.name, "completed_on", add_days(now_datetime(), -30)
		)
		self.assertEqual(self.claim(original).total_amount, 0)

	def test_the_warranty_period_is_part_of_the_approved_proposal(self):
		with (
			as_user(BRANCH_MANAGER),
			self.assertRaisesRegex(frappe.ValidationError, "while the item is in Draft"),
		):
			item = frappe.get_doc("Service Catalogue Item", self.tap)
			item.warranty_days = 365
			item.save()

	def test_warranty_repairs_are_counted_per_staff_and_item(self):
		month = month_start(getdate(today()))

		def counts():
			by_staff = month_figures(month, TEST_COMPANY, BY_STAFF).groups
			by_item = month_figures(month, TEST_COMPANY, ITEM)
			return (
				(by_staff.get(self.staff) or Figures()).warranty,
				(by_item.groups.get(self.tap) or Figures()).warranty,
				by_item.total.warranty,
			)

		before = counts()
		original = self.original()
		self.done(
			self.dispatched(request_type="Home Repair", warranty_of=original.name, items=self.tap_line())
		)
		self.assertEqual([after - was for after, was in zip(counts(), before, strict=True)], [1, 1, 1])
