"""W5 on a real site: rescheduling by either side with the other side told, and the message slip."""

from datetime import timedelta

import frappe

from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, fresh
from tewei_service.tests.test_print_formats import pdf_text
from tewei_service.tests.work_order_builders import STAFF, TOMORROW_10, WorkOrderTestCase


class TestWorkOrderVisits(WorkOrderTestCase):
	def reschedule(self, doc, start, requested_by, reason):
		frappe.set_user(CUSTOMER_SERVICE)
		try:
			doc = fresh(doc)
			doc.reschedule(start, start + timedelta(hours=1), requested_by, reason)
			return fresh(doc)
		finally:
			frappe.set_user("Administrator")

	def test_customer_reschedules_and_the_staff_is_told(self):
		doc = self.dispatched(start=TOMORROW_10 + timedelta(days=20))
		doc = self.reschedule(doc, TOMORROW_10 + timedelta(days=21), "Customer", "Visiting relatives")
		self.assertEqual(str(doc.appointment_start), str(TOMORROW_10 + timedelta(days=21)))
		(change,) = doc.schedule_changes
		self.assertEqual(
			(change.requested_by, change.reason, change.changed_by),
			("Customer", "Visiting relatives", CUSTOMER_SERVICE),
		)
		self.assertEqual(str(change.old_start), str(TOMORROW_10 + timedelta(days=20)))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": STAFF, "document_name": doc.name}))

	def test_company_reschedule_is_recorded_for_the_customer(self):
		doc = self.dispatched(start=TOMORROW_10 + timedelta(days=22))
		doc = self.reschedule(doc, TOMORROW_10 + timedelta(days=23), "Company", "Staff member ill")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": doc.name,
					"comment_type": "Info",
					"content": ("like", "%Staff member ill%"),
				},
			)
		)

	def test_reschedule_needs_a_reason_and_keeps_the_booking_slack(self):
		doc = self.dispatched(start=TOMORROW_10 + timedelta(days=24))
		with self.assertRaisesRegex(frappe.ValidationError, "who asked for the new time and why"):
			self.reschedule(doc, TOMORROW_10 + timedelta(days=25), "Customer", " ")
		self.dispatched(start=TOMORROW_10 + timedelta(days=26))
		with self.assertRaisesRegex(frappe.ValidationError, "leave at least 30 minutes"):
			self.reschedule(doc, TOMORROW_10 + timedelta(days=26, minutes=30), "Customer", "Earlier please")

	def test_message_slip_is_printed_and_its_return_recorded(self):
		doc = self.dispatched(start=TOMORROW_10 + timedelta(days=27))
		slip = frappe.get_doc({"doctype": "Service Message Slip", "work_order": doc.name}).insert()
		self.assertEqual(
			(slip.customer, slip.staff, slip.household), (doc.customer, doc.assigned_staff, doc.household)
		)
		self.assertIn("nobody was at home", slip.message)
		text = pdf_text(
			frappe.get_print("Service Message Slip", slip.name, "Service Message Slip", as_pdf=True)
		)
		self.assertIn("留言條", text)
		self.assertIn("nobody was at home", text)

		slip.reply = "Please come on Saturday"
		with self.assertRaisesRegex(frappe.ValidationError, "Customer Replied"):
			slip.save()
		slip = fresh(slip)
		slip.update({"returned": 1, "reply": "Please come on Saturday"})
		slip.save()
		self.assertTrue(fresh(slip).returned_on)
