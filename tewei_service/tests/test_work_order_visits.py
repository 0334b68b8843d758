"""W5 on a real site: rescheduling by either side with the other side told, and the message slip."""

from datetime import timedelta

import frappe
from frappe.utils import get_datetime

from tewei_service.exceptions import BookingConflictError
from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, fresh
from tewei_service.tests.print_builders import printed_text
from tewei_service.tests.site import as_user
from tewei_service.tests.work_order_builders import STAFF, WorkOrderTestCase, free_slot


class TestWorkOrderVisits(WorkOrderTestCase):
	def reschedule(self, doc, start, requested_by, reason):
		with as_user(CUSTOMER_SERVICE):
			doc = fresh(doc)
			doc.reschedule(start, start + timedelta(hours=1), requested_by, reason)
			return fresh(doc)

	def test_customer_reschedules_and_the_staff_is_told(self):
		doc = self.dispatched()
		old_start, (new_start, _end) = doc.appointment_start, free_slot(self.staff)
		doc = self.reschedule(doc, new_start, "Customer", "Visiting relatives")
		self.assertEqual(str(doc.appointment_start), str(new_start))
		(change,) = doc.schedule_changes
		self.assertEqual(
			(change.requested_by, change.reason, change.changed_by),
			("Customer", "Visiting relatives", CUSTOMER_SERVICE),
		)
		self.assertEqual(str(change.old_start), str(old_start))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": STAFF, "document_name": doc.name}))

	def test_company_reschedule_is_recorded_for_the_customer(self):
		doc = self.dispatched()
		doc = self.reschedule(doc, free_slot(self.staff)[0], "Company", "Staff member ill")
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
		doc = self.dispatched()
		with self.assertRaisesRegex(frappe.ValidationError, "who asked for the new time and why"):
			self.reschedule(doc, free_slot(self.staff)[0], "Customer", " ")
		taken = self.dispatched()
		with self.assertRaises(BookingConflictError):
			self.reschedule(
				doc,
				get_datetime(taken.appointment_start) + timedelta(minutes=30),
				"Customer",
				"Earlier please",
			)

	def test_message_slip_is_printed_and_its_return_recorded(self):
		doc = self.dispatched()
		slip = frappe.get_doc({"doctype": "Service Message Slip", "work_order": doc.name}).insert()
		self.assertEqual(
			(slip.customer, slip.staff, slip.household), (doc.customer, doc.assigned_staff, doc.household)
		)
		self.assertIn("nobody was at home", slip.message)
		text = printed_text("Service Message Slip", slip.name, "Service Message Slip")
		self.assertIn("留言條", text)
		self.assertIn("nobody was at home", text)

		slip.reply = "Please come on Saturday"
		with self.assertRaisesRegex(frappe.ValidationError, "Customer Replied"):
			slip.save()
		slip = fresh(slip)
		slip.update({"returned": 1, "reply": "Please come on Saturday"})
		slip.save()
		self.assertTrue(fresh(slip).returned_on)
