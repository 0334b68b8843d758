"""W7/W8 on a real site: the morning check list, the end-of-day unsigned list and the register."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, getdate, now_datetime, today

from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, DEPARTMENT_HEAD, act
from tewei_service.tests.work_order_builders import SIGNATURE, WorkOrderTestCase
from tewei_service.tewei_service.report.special_service_register.special_service_register import (
	execute as register,
)
from tewei_service.tewei_service.report.unsigned_service_orders.unsigned_service_orders import (
	execute as unsigned_report,
)
from tewei_service.work_orders.daily import send_end_of_day_unsigned_lists, send_morning_check_lists


class TestWorkOrderDaily(WorkOrderTestCase):
	def alerts(self, user: str, subject_part: str) -> list[str]:
		return [
			log.email_content
			for log in frappe.get_all("Notification Log", {"for_user": user}, ["subject", "email_content"])
			if subject_part in log.subject
		]

	def test_morning_check_list_names_yesterdays_completed_orders(self):
		doc = self.edit(
			self.dispatched(staff=self.daily_staff),
			DEPARTMENT_HEAD,
			department=self.department,
		)
		doc = act(doc, "Start Work", DEPARTMENT_HEAD)
		doc = self.edit(doc, DEPARTMENT_HEAD, customer_signature=SIGNATURE, settlement_mode="Month-end")
		doc = act(doc, "Complete", DEPARTMENT_HEAD)
		frappe.db.set_value("Service Work Order", doc.name, "completed_on", add_days(now_datetime(), -1))

		send_morning_check_lists()
		(content,) = self.alerts(DEPARTMENT_HEAD, "to check")
		self.assertIn(doc.name, content)
		self.assertEqual(act(doc, "Check", DEPARTMENT_HEAD).checked_by, DEPARTMENT_HEAD)

	def test_end_of_day_lists_unsigned_orders_with_reason_and_expected_finish(self):
		waiting = self.dispatched(staff=self.daily_staff, day=today())
		waiting = self.edit(
			waiting,
			DEPARTMENT_HEAD,
			department=self.department,
			unsigned_reason="Waiting for a replacement part",
			expected_finish=get_datetime(waiting.appointment_start) + timedelta(days=1),
		)
		silent = self.edit(
			self.dispatched(staff=self.daily_staff, day=today()),
			DEPARTMENT_HEAD,
			department=self.department,
		)
		rows = {row.name: row for row in unsigned_report({"date": today()})[1]}
		self.assertEqual(rows[waiting.name].unsigned_reason, "Waiting for a replacement part")
		self.assertEqual((rows[waiting.name].reason_missing, rows[silent.name].reason_missing), (0, 1))

		send_end_of_day_unsigned_lists()
		(content,) = self.alerts(DEPARTMENT_HEAD, "not signed off")
		self.assertIn("Waiting for a replacement part", content)
		self.assertIn(silent.name, content)

	def test_daily_register_lists_the_days_orders_per_department(self):
		booked = self.edit(
			self.dispatched(staff=self.daily_staff), DEPARTMENT_HEAD, department=self.department
		)
		day = getdate(booked.appointment_start)
		# Assigned to no one, so there is no booking to keep apart: the booked order's time.
		cancelled = self.register(appointment_start=booked.appointment_start)
		cancelled = self.edit(
			cancelled, CUSTOMER_SERVICE, cancelled_by_side="Customer", cancellation_reason="Away"
		)
		act(cancelled, "Cancel", CUSTOMER_SERVICE)

		columns, rows = register({"date": day, "department": self.department})
		self.assertIn("department", [column["fieldname"] for column in columns])
		names = [row.name for row in rows]
		self.assertIn(booked.name, names)
		self.assertNotIn(cancelled.name, names)
		self.assertTrue(all(row.department == self.department for row in rows))
