"""W1-W4, W6 and C4 on the work order, driven through its Workflow by real users of each role."""

import io
from datetime import timedelta

from pypdf import PdfReader

import frappe
from frappe.model.workflow import WorkflowTransitionError

from tewei_service.exceptions import (
	BookingConflictError,
	NotOrderableError,
	PriceBandError,
	RequoteNeededError,
	SignatureLockedError,
)
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	act,
	draft_item,
)
from tewei_service.tests.price_confirmation_builders import approved_confirmation, pending_confirmation
from tewei_service.tests.work_order_builders import SIGNATURE, STAFF, WorkOrderTestCase, free_slot


class TestWorkOrder(WorkOrderTestCase):
	def test_from_request_to_the_next_morning_check(self):
		doc = self.register()
		self.assertEqual(
			(doc.workflow_state, doc.desk, doc.total_amount), ("Registered", "Customer Service Centre", 200)
		)
		self.assertEqual(doc.items[0].standard_fee, 100)
		doc = self.dispatched()
		self.assertEqual(doc.workflow_state, "Dispatched")
		self.assertTrue(
			frappe.db.exists("ToDo", {"allocated_to": STAFF, "reference_name": doc.name, "status": "Open"})
		)
		doc = act(doc, "Start Work", STAFF)
		doc = self.edit(doc, STAFF, customer_signature=SIGNATURE, settlement_mode="Month-end")
		doc = act(doc, "Complete", STAFF)
		self.assertEqual(doc.workflow_state, "Completed")
		self.assertTrue(doc.completed_on)
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Check", STAFF)
		doc = act(doc, "Check", DEPARTMENT_HEAD)
		self.assertEqual((doc.workflow_state, doc.checked_by), ("Checked", DEPARTMENT_HEAD))
		self.assertEqual(
			[(v.version, v.total, v.confirmed_by) for v in doc.price_versions], [(1, 200, "Mr Sun (phone)")]
		)

	def test_no_dispatch_before_the_customer_confirmed(self):
		doc = act(self.register(), "Quote", CUSTOMER_SERVICE)
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Dispatch", DEPARTMENT_HEAD)
		doc = self.edit(doc, DEPARTMENT_HEAD, assigned_staff=self.staff)
		frappe.set_user(DEPARTMENT_HEAD)
		doc.workflow_state = "Dispatched"
		with self.assertRaisesRegex(frappe.ValidationError, "has not confirmed the price"):
			doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "Write who accepted the price"):
			act(doc, "Record Customer Confirmation", CUSTOMER_SERVICE)

	def test_price_outside_the_band_needs_an_approved_price_confirmation(self):
		# The message names the fee in force that the band is measured from.
		with self.assertRaisesRegex(PriceBandError, r"outside ±30% of its standard fee 100\.00"):
			self.register(items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": 131}])
		with self.assertRaises(PriceBandError):
			self.register(items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": 69}])
		pending = pending_confirmation(customer=self.customer)
		with self.assertRaisesRegex(frappe.ValidationError, "is not approved"):
			self.register(
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": pending.grand_total}],
				price_confirmation=pending.name,
			)
		approved = act(pending, "Approve", BRANCH_MANAGER)
		# C4 the way round: the confirmation covers the one line it confirmed, at its own price…
		with self.assertRaisesRegex(PriceBandError, "confirms 626.14 for this order, not 300.00"):
			self.register(
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": 300}],
				price_confirmation=approved.name,
			)
		with self.assertRaises(PriceBandError):
			self.register(
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": approved.grand_total}] * 2,
				price_confirmation=approved.name,
			)
		doc = self.register(
			items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": approved.grand_total}],
			price_confirmation=approved.name,
		)
		self.assertEqual(doc.total_amount, approved.grand_total)
		# …for the order it was made for, once.
		self.assertEqual(frappe.db.get_value("Price Confirmation", approved.name, "work_order"), doc.name)
		with self.assertRaisesRegex(PriceBandError, f"was made for {doc.name}"):
			self.register(
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": approved.grand_total}],
				price_confirmation=approved.name,
			)

	def test_temporary_job_priced_by_a_price_confirmation(self):
		approved = approved_confirmation(customer=self.customer)
		doc = act(
			self.register(request_type="Home Repair", items=[], price_confirmation=approved.name),
			"Quote",
			CUSTOMER_SERVICE,
		)
		self.assertEqual((doc.desk, doc.total_amount), ("Control Centre", approved.grand_total))
		with self.assertRaisesRegex(frappe.ValidationError, "before quoting"):
			act(self.register(items=[]), "Quote", CUSTOMER_SERVICE)

	def test_unapproved_service_cannot_be_ordered(self):
		draft = draft_item("Unapproved service (order test)", 50)
		with self.assertRaises(NotOrderableError):
			self.register(items=[{"catalogue_item": draft.name, "qty": 1, "rate": 50}])

	def test_change_of_scope_re_quotes_and_keeps_every_price(self):
		doc = self.confirmed()
		with self.assertRaises(RequoteNeededError):
			self.edit(doc, CUSTOMER_SERVICE, items=[{"catalogue_item": self.cleaning, "qty": 3, "rate": 100}])
		doc = act(doc, "Re-quote", CUSTOMER_SERVICE)
		self.assertEqual(
			(doc.workflow_state, doc.customer_confirmed, doc.confirmed_by_customer), ("Quoted", 0, None)
		)
		doc = self.edit(
			doc, CUSTOMER_SERVICE, items=[{"catalogue_item": self.cleaning, "qty": 3, "rate": 110}]
		)
		doc = self.edit(doc, CUSTOMER_SERVICE, confirmed_by_customer="Mrs Sun (walk-in)")
		doc = act(doc, "Record Customer Confirmation", CUSTOMER_SERVICE)
		self.assertEqual(
			[(v.version, v.total, v.confirmed_by) for v in doc.price_versions],
			[(1, 200, "Mr Sun (phone)"), (2, 330, "Mrs Sun (walk-in)")],
		)
		self.assertTrue(all(v.quoted_by == CUSTOMER_SERVICE and v.quoted_on for v in doc.price_versions))

	def test_the_same_staff_keeps_the_booking_slack(self):
		# Room for both staff members' bookings below, and the slack around them.
		start, _end = free_slot(self.other_staff, self.third_staff, hours=2.5)
		self.dispatched(staff=self.other_staff, start=start, hours=1)
		with self.assertRaises(BookingConflictError):
			self.dispatched(staff=self.other_staff, start=start + timedelta(minutes=75))
		self.assertEqual(
			self.dispatched(staff=self.other_staff, start=start + timedelta(minutes=90)).workflow_state,
			"Dispatched",
		)
		# Another staff member may take the slot.
		self.assertEqual(
			self.dispatched(staff=self.third_staff, start=start + timedelta(minutes=75)).workflow_state,
			"Dispatched",
		)

	def test_completion_needs_the_signature_and_settlement_mode(self):
		doc = act(self.dispatched(), "Start Work", STAFF)
		with self.assertRaisesRegex(frappe.ValidationError, "must sign"):
			act(doc, "Complete", STAFF)
		doc = self.edit(doc, STAFF, customer_signature=SIGNATURE)
		with self.assertRaisesRegex(frappe.ValidationError, "settlement mode"):
			act(doc, "Complete", STAFF)
		doc = act(self.edit(doc, STAFF, settlement_mode="Immediate"), "Complete", STAFF)
		with self.assertRaises(SignatureLockedError):
			self.edit(doc, STAFF, customer_signature="")

	def test_requests_outside_the_desks_go_to_the_branch_manager(self):
		doc = self.register(request_type="Other", items=[])
		self.assertEqual(doc.desk, "Branch Manager")
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"allocated_to": BRANCH_MANAGER, "reference_name": doc.name, "status": "Open"}
			)
		)

	def test_cancellation_records_who_and_why(self):
		doc = self.register()
		with self.assertRaisesRegex(frappe.ValidationError, "who cancelled and why"):
			act(doc, "Cancel", CUSTOMER_SERVICE)
		doc = self.edit(
			doc, CUSTOMER_SERVICE, cancelled_by_side="Company", cancellation_reason="No staff with the skill"
		)
		self.assertEqual(act(doc, "Cancel", CUSTOMER_SERVICE).workflow_state, "Cancelled")
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": doc.name, "content": ("like", "%No staff with the skill%")}
			)
		)
		dispatched = self.dispatched()
		dispatched = self.edit(
			dispatched, CUSTOMER_SERVICE, cancelled_by_side="Customer", cancellation_reason="Moved out"
		)
		act(dispatched, "Cancel", CUSTOMER_SERVICE)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": STAFF, "document_name": dispatched.name})
		)

	def test_four_part_form(self):
		doc = act(self.dispatched(), "Start Work", STAFF)
		html = frappe.get_print("Service Work Order", doc.name, "Service Work Order")
		for part in (
			"第1聯 存根",
			"第2聯 財務",
			"第3聯 部門",
			"第4聯 客戶",
			"特約服務/維修單",
			"Kitchen cleaning (order test)",
		):
			self.assertIn(part, html)
		pdf = PdfReader(
			io.BytesIO(frappe.get_print("Service Work Order", doc.name, "Service Work Order", as_pdf=True))
		)
		self.assertEqual(len(pdf.pages), 4)
		self.assertIn("特約服務/維修單", pdf.pages[3].extract_text())
