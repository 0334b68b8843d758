"""R7 on a real site: the morning check since the last working morning (the company's Holiday
List), the end-of-day list of every order unsigned whatever its day, the reason and expected finish
it then needs, and the staff's signatures on the daily register."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, getdate, today

from tewei_service.exceptions import ApprovalError, ServicePermissionError
from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, DEPARTMENT_HEAD, fresh
from tewei_service.tests.site import TEST_COMPANY, as_user
from tewei_service.tests.work_order_builders import DAILY_STAFF, STAFF, WorkOrderTestCase, free_slot
from tewei_service.tewei_service.report.special_service_register.special_service_register import (
	execute as register,
)
from tewei_service.tewei_service.report.unsigned_service_orders.unsigned_service_orders import (
	execute as unsigned_report,
)
from tewei_service.work_orders.daily import (
	send_daily_lists_when_due,
	send_end_of_day_unsigned_lists,
	send_morning_check_lists,
)

# A week well past, so that no order of another test was completed in it.
MONDAY = getdate(add_days(today(), -getdate(today()).weekday() - 21))
FRIDAY, SATURDAY, SUNDAY = (add_days(MONDAY, days) for days in (-3, -2, -1))
THURSDAY, TUESDAY, WEDNESDAY = add_days(MONDAY, -4), add_days(MONDAY, 1), add_days(MONDAY, 2)


def short(day) -> str:
	return frappe.format_value(getdate(day), {"fieldtype": "Date"})


class TestDailyLists(WorkOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# The company's Holiday List: weekends off, and Tuesday a public holiday.
		start = add_days(MONDAY, -14)
		days = [add_days(start, offset) for offset in range(29)]
		holidays = [
			{"holiday_date": day, "description": "Weekend", "weekly_off": 1}
			for day in days
			if getdate(day).weekday() >= 5
		] + [{"holiday_date": TUESDAY, "description": "Public holiday", "weekly_off": 0}]
		cls.holiday_list = (
			frappe.get_doc(
				{
					"doctype": "Holiday List",
					"holiday_list_name": f"Tewei daily lists {frappe.generate_hash(length=6)}",
					"from_date": start,
					"to_date": days[-1],
					"holidays": holidays,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		frappe.db.set_value("Company", TEST_COMPANY, "default_holiday_list", cls.holiday_list)
		frappe.db.set_single_value("Service Settings", "company", TEST_COMPANY)
		frappe.clear_document_cache("Service Settings", "Service Settings")

	def completed_on(self, day):
		"""An order of the department completed on `day` (the time set as the past would have)."""
		doc = self.completed(staff=self.daily_staff)
		frappe.db.set_value(
			"Service Work Order",
			doc.name,
			{"completed_on": get_datetime(f"{day} 15:00:00"), "department": self.department},
		)
		return doc.name

	def alert_for(self, subject_part: str) -> str | None:
		found = frappe.get_all(
			"Notification Log",
			{"for_user": DEPARTMENT_HEAD, "subject": ("like", f"%{subject_part}%")},
			pluck="email_content",
			order_by="creation desc",
			limit=1,
		)
		return found[0] if found else None

	def unsigned_alerts(self) -> int:
		return frappe.db.count(
			"Notification Log", {"for_user": DEPARTMENT_HEAD, "subject": ("like", "%not signed off%")}
		)

	def test_a_monday_morning_check_covers_friday_to_sunday(self):
		orders = {day: self.completed_on(day) for day in (THURSDAY, FRIDAY, SATURDAY, SUNDAY)}
		send_morning_check_lists(SATURDAY)
		self.assertIsNone(self.alert_for(f"Orders of {short(FRIDAY)}"))  # no check on a weekend
		send_morning_check_lists(MONDAY)
		content = self.alert_for(f"Orders of {short(FRIDAY)} to {short(SUNDAY)} to check")
		for day in (FRIDAY, SATURDAY, SUNDAY):
			self.assertIn(orders[day], content)
		self.assertNotIn(orders[THURSDAY], content)

	def test_a_holiday_is_checked_on_the_next_working_morning(self):
		monday, holiday = self.completed_on(MONDAY), self.completed_on(TUESDAY)
		send_morning_check_lists(TUESDAY)
		self.assertIsNone(self.alert_for(f"Orders of {short(MONDAY)}"))
		send_morning_check_lists(WEDNESDAY)
		content = self.alert_for(f"Orders of {short(MONDAY)} to {short(TUESDAY)} to check")
		self.assertIn(monday, content)
		self.assertIn(holiday, content)

	def test_the_evening_list_includes_old_unsigned_orders_and_needs_their_follow_up(self):
		old = self.edit(self.dispatched(staff=self.daily_staff), DEPARTMENT_HEAD, department=self.department)
		# Five days pass without a signature.
		start = get_datetime(f"{add_days(today(), -5)} 10:00:00")
		frappe.db.set_value(
			"Service Work Order",
			old.name,
			{"appointment_start": start, "appointment_end": start + timedelta(hours=1)},
		)
		rows = {row.name: row for row in unsigned_report({"date": today()})[1]}
		self.assertEqual((rows[old.name].reason_missing, rows[old.name].expected_finish_missing), (1, 1))
		send_end_of_day_unsigned_lists()
		content = self.alert_for("not signed off")
		self.assertIn(old.name, content)
		self.assertIn("no reason given yet", content)

		# From the day after, the order is not saved without why and when (§4.3.4).
		with self.assertRaisesRegex(frappe.ValidationError, "past its appointment day and not signed"):
			self.edit(old, DEPARTMENT_HEAD, unsigned_reason="Waiting for a part")
		finish = get_datetime(f"{add_days(today(), 1)} 16:00:00")
		old = self.edit(
			old,
			DEPARTMENT_HEAD,
			unsigned_reason="Waiting for a part",
			expected_finish=finish,
			unsigned_handling="Part ordered; staff returns tomorrow",
		)
		row = {row.name: row for row in unsigned_report({"date": today()})[1]}[old.name]
		self.assertEqual((row.reason_missing, row.expected_finish_missing), (0, 0))
		self.assertEqual(row.unsigned_handling, "Part ordered; staff returns tomorrow")
		# Moving it to a new appointment needs no reason: it is not overdue any more.
		late = self.dispatched(staff=self.daily_staff)
		frappe.db.set_value("Service Work Order", late.name, "appointment_start", start)
		new_start, new_end = free_slot(self.daily_staff)
		with as_user(CUSTOMER_SERVICE):
			fresh(late).reschedule(new_start, new_end, "Customer", "Away that day")
		self.assertEqual(get_datetime(fresh(late).appointment_start), new_start)

	def test_staff_sign_the_daily_register_after_the_customer(self):
		done = self.edit(self.completed(staff=self.daily_staff), DEPARTMENT_HEAD, department=self.department)
		open_order = self.dispatched(staff=self.daily_staff)
		with as_user(DAILY_STAFF), self.assertRaisesRegex(frappe.ValidationError, "after the customer"):
			fresh(open_order).sign_register()
		for user in (STAFF, DEPARTMENT_HEAD):
			with as_user(user), self.assertRaises(ServicePermissionError):
				fresh(done).sign_register()
		with as_user(DEPARTMENT_HEAD), self.assertRaises(ApprovalError):
			doc = fresh(done)
			doc.register_signed_by = DAILY_STAFF
			doc.save()
		with as_user(DAILY_STAFF):
			fresh(done).sign_register()
		self.assertEqual(fresh(done).register_signed_by, DAILY_STAFF)
		with as_user(DAILY_STAFF), self.assertRaisesRegex(frappe.ValidationError, "already signed"):
			fresh(done).sign_register()
		columns, rows = register({"date": getdate(done.appointment_start), "department": self.department})
		self.assertIn("staff_signature", [column["fieldname"] for column in columns])
		(row,) = [row for row in rows if row.name == done.name]
		self.assertEqual(row.staff_signature, frappe.utils.get_fullname(DAILY_STAFF))
		# The desk's Duplicate brings no signature along.
		with as_user(CUSTOMER_SERVICE):
			copy = frappe.copy_doc(fresh(done), ignore_no_copy=False)
		self.assertIsNone(copy.register_signed_by)

	def test_each_list_goes_out_once_a_day_at_its_time(self):
		frappe.db.set_single_value(
			"Service Settings", {"morning_check_time": "00:00:00", "unsigned_list_time": "00:00:00"}
		)
		frappe.db.set_default("tewei_unsigned_list_sent_on", "")
		frappe.clear_document_cache("Service Settings", "Service Settings")
		self.edit(
			self.dispatched(staff=self.daily_staff, day=today()), DEPARTMENT_HEAD, department=self.department
		)
		before = self.unsigned_alerts()
		send_daily_lists_when_due()
		send_daily_lists_when_due()
		self.assertEqual(self.unsigned_alerts(), before + 1)
		self.assertEqual(frappe.db.get_default("tewei_unsigned_list_sent_on"), today())
