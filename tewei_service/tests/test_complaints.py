"""R1 on a real site, as the people who work the register: Customer Service registers a complaint,
the Department Head investigates, the reply is recorded and the complaint closed with the
customer's satisfaction; leadership hears of a major one at once; another project's user reads
nothing of it (desk and REST); a revisit that records a complaint registers it; complaints count for
V2; the reports and the printed register."""

from datetime import timedelta
from urllib.parse import quote

import frappe
from frappe.utils import add_days, get_datetime, now_datetime, today

from tewei_service.complaints.register import create_complaint
from tewei_service.exceptions import KeptOnFileError
from tewei_service.revisits.plan import complained_staff
from tewei_service.rules.revisits import month_start
from tewei_service.tests.complaint_builders import (
	COMPLAINT_CS,
	COMPLAINT_HEAD,
	COMPLAINT_LEADER,
	COMPLAINT_QUALITY,
	HOSTILE,
	PARK_CS,
	CommittedComplaintTestCase,
	ComplaintTestCase,
)
from tewei_service.tests.print_builders import printed_text
from tewei_service.tests.rest import call, token_for
from tewei_service.tests.revisit_builders import DONE
from tewei_service.tests.site import as_user
from tewei_service.tewei_service.report.complaint_statistics.complaint_statistics import (
	execute as statistics,
)
from tewei_service.tewei_service.report.complaint_tracking_register.complaint_tracking_register import (
	execute as tracking,
)

REPLY = {"reply": "We cleaned again and apologised", "reply_method": "Phone"}


class TestComplaintRegister(ComplaintTestCase):
	def test_registered_investigated_replied_and_closed_by_the_people_who_do_it(self):
		order = self.served(self.household, now_datetime() - timedelta(days=1))
		doc = self.complaint(work_order=order, contact_phone="13800000000")
		self.assertEqual((doc.status, doc.property_project), ("Open", self.project))
		self.assertEqual((doc.staff, doc.catalogue_item), (self.staff, self.windows))
		self.assertEqual(doc.branch_manager, self.branch_manager)
		self.assertEqual(get_datetime(doc.reply_due), get_datetime(doc.received_on) + timedelta(hours=24))

		doc = self.change(doc, COMPLAINT_HEAD, status="Investigating", investigation_notes="Staff rushed")
		self.assertEqual(doc.investigated_by, COMPLAINT_HEAD)
		with self.assertRaisesRegex(frappe.ValidationError, "cannot go from Investigating to Closed"):
			self.change(doc, COMPLAINT_CS, status="Closed", satisfaction="Satisfied")
		doc = self.change(doc, COMPLAINT_CS, status="Replied", **REPLY)
		self.assertEqual(doc.replied_by, COMPLAINT_CS)
		self.assertTrue(doc.replied_on)
		with self.assertRaisesRegex(frappe.ValidationError, "only when the customer is satisfied"):
			self.change(doc, COMPLAINT_CS, status="Closed", satisfaction="Not Satisfied")
		doc = self.change(doc, COMPLAINT_CS, status="Closed", satisfaction="Satisfied")
		self.assertEqual((doc.status, doc.closed_by), ("Closed", COMPLAINT_CS))
		with self.assertRaisesRegex(frappe.ValidationError, "reopen it to change Reply"):
			self.change(doc, COMPLAINT_CS, reply="Something else")

		with self.assertRaisesRegex(frappe.ValidationError, "Why Reopened"):
			self.change(doc, COMPLAINT_CS, status="Reopened")
		doc = self.change(doc, COMPLAINT_CS, status="Reopened", reopen_reason="Dirty again next day")
		self.assertEqual((doc.reply, doc.satisfaction, doc.closed_on), (None, None, None))
		self.assertGreater(get_datetime(doc.reply_due), get_datetime(doc.received_on) + timedelta(hours=24))
		self.assertFalse(frappe.has_permission("Service Complaint", "write", doc, user=COMPLAINT_QUALITY))
		self.assertTrue(frappe.has_permission("Service Complaint", "read", doc, user=COMPLAINT_QUALITY))

	def test_a_complaint_is_not_closed_without_a_reply(self):
		doc = self.complaint()
		with self.assertRaisesRegex(frappe.ValidationError, "Record Reply"):
			self.change(doc, COMPLAINT_CS, status="Replied")
		doc = self.change(doc, COMPLAINT_CS, status="Replied", **REPLY)
		with self.assertRaisesRegex(frappe.ValidationError, "Record Reply"):
			self.change(doc, COMPLAINT_CS, status="Closed", satisfaction="Satisfied", reply="")
		with self.assertRaisesRegex(frappe.ValidationError, "registered Open"):
			self.complaint(status="Closed", satisfaction="Satisfied", **REPLY)

	def test_a_reply_is_not_before_the_complaint_nor_the_deadline_set_by_hand(self):
		doc = self.complaint(received_on=now_datetime() - timedelta(hours=5))
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be before the complaint"):
			self.change(
				doc, COMPLAINT_CS, status="Replied", replied_on=now_datetime() - timedelta(hours=6), **REPLY
			)
		due = doc.reply_due
		doc = self.change(doc, COMPLAINT_CS, reply_due=add_days(today(), 30), closed_by=COMPLAINT_CS)
		self.assertEqual((doc.reply_due, doc.closed_by), (due, None))
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be in the future"):
			self.complaint(received_on=now_datetime() + timedelta(days=1))

	def test_for_the_households_own_customer_and_order(self):
		with self.assertRaisesRegex(frappe.ValidationError, "is not a customer of household"):
			self.complaint(customer=self.park_customer)
		park_order = self.served(self.park_household, now_datetime() - timedelta(days=1))
		with self.assertRaises(frappe.PermissionError):  # not an order of the user's project
			self.complaint(work_order=park_order)
		with self.assertRaisesRegex(frappe.ValidationError, "is for household"):
			self.complaint(COMPLAINT_HEAD, work_order=park_order)

	def test_a_major_complaint_reaches_leadership_and_the_branch_manager_at_once(self):
		def told(user, doc):
			return frappe.db.exists(
				"Notification Log",
				{"for_user": user, "document_type": "Service Complaint", "document_name": doc.name},
			)

		ordinary = self.complaint()
		self.assertFalse(told(COMPLAINT_LEADER, ordinary))
		major = self.complaint(severity="Major", description="Water from the ceiling ruined the floor")
		self.assertTrue(told(COMPLAINT_LEADER, major))
		self.assertTrue(told(self.branch_manager, major))
		self.change(ordinary, COMPLAINT_HEAD, severity="Major")
		self.assertTrue(told(COMPLAINT_LEADER, ordinary))

	def test_kept_on_file_and_a_duplicate_starts_afresh(self):
		doc = self.complaint()
		doc = self.change(doc, COMPLAINT_CS, status="Replied", **REPLY)
		doc = self.change(doc, COMPLAINT_CS, status="Closed", satisfaction="Satisfied")
		with self.assertRaises(KeptOnFileError):
			frappe.delete_doc("Service Complaint", doc.name)
		with as_user(COMPLAINT_CS):
			copy = frappe.copy_doc(doc, ignore_no_copy=False).insert()
		self.assertEqual(copy.status, "Open")
		self.assertFalse(copy.reply or copy.satisfaction or copy.closed_on or copy.replied_on)

	def test_a_revisit_that_records_a_complaint_registers_it_once(self):
		order = self.served(self.household, now_datetime() - timedelta(days=2))
		revisit = self.revisit(household=self.household, orders=[{"work_order": order}])
		revisit = self.update(revisit, **DONE, complaint=1, complaint_details="Late and rude")
		name = revisit.service_complaint
		complaint = frappe.get_doc("Service Complaint", name)
		self.assertEqual(
			(complaint.channel, complaint.revisit_record, complaint.work_order, complaint.staff),
			("Revisit", revisit.name, order, self.staff),
		)
		self.assertEqual(complaint.description, "Late and rude")
		revisit = self.update(revisit, comments="Called back")
		self.assertEqual(revisit.service_complaint, name)
		self.assertEqual(frappe.db.count("Service Complaint", {"revisit_record": revisit.name}), 1)
		# Only the revisit's own step links a complaint to it.
		self.assertIsNone(self.complaint(revisit_record=revisit.name).revisit_record)

	def test_the_portal_and_revisit_entry_registers_a_complaint(self):
		name = create_complaint(self.household, self.customer, "Noise at night", "Portal", category="Other")
		doc = frappe.get_doc("Service Complaint", name)
		self.assertEqual((doc.channel, doc.status, doc.severity), ("Portal", "Open", "Ordinary"))

	def test_staff_complained_about_are_revisited_next_time(self):
		staff = self.make_staff("staff-complained@tewei.example", "2020-01-01")
		month = month_start(now_datetime().date())
		self.assertNotIn(staff, complained_staff(month))
		self.complaint(staff=staff)
		self.assertIn(staff, complained_staff(month))

	def test_the_reports_count_and_track_the_readers_complaints(self):
		staff = self.make_staff("staff-report-complaints@tewei.example", "2020-01-01")
		late = self.complaint(
			staff=staff, received_on=now_datetime() - timedelta(days=3), category="Timeliness"
		)
		answered = self.complaint(staff=staff, received_on=now_datetime() - timedelta(hours=2))
		self.change(answered, COMPLAINT_CS, status="Replied", **REPLY)
		filters = {"from_date": add_days(today(), -7), "to_date": today(), "staff": staff}
		with as_user(COMPLAINT_HEAD):
			_columns, rows, _message, chart = statistics({**filters, "group_by": "staff"})
			self.assertEqual((len(rows), rows[0]["complaints"], rows[0]["overdue"]), (1, 2, 1))
			self.assertEqual(rows[0]["replied"], 1)
			self.assertTrue(chart["data"]["labels"])
			_columns, rows, *_rest = statistics({**filters, "group_by": "category"})
			self.assertEqual({row["group_value"] for row in rows}, {"Timeliness", "Service Quality"})
			_columns, rows, *_rest = statistics({**filters, "group_by": "month"})
			self.assertEqual(sum(row["complaints"] for row in rows), 2)
			_columns, rows, *_rest = tracking({**filters, "view": "Overdue"})
			self.assertEqual([row.name for row in rows], [late.name])
			_columns, rows, *_rest = tracking({**filters, "view": "Open"})
			self.assertEqual({row.name for row in rows}, {late.name, answered.name})
		with as_user(PARK_CS):
			_columns, rows, *_rest = tracking(filters)
			self.assertEqual(rows, [])
			_columns, rows, *_rest = statistics({**filters, "group_by": "property_project"})
			self.assertEqual(rows, [])

	def test_the_register_prints_with_its_chinese_title_and_the_users_text_as_text(self):
		doc = self.complaint(description=HOSTILE, severity="Major")
		doc = self.change(doc, COMPLAINT_CS, status="Replied", reply=HOSTILE, reply_method="Visit")
		html = frappe.get_print("Service Complaint", doc.name, "Service Complaint")
		self.assertIn("客戶投訴案件登記追蹤表", html)
		self.assertIn("重大投訴", html)
		# Frappe stores the script tag escaped; what is left of the markup prints as text.
		self.assertNotIn("<b>bold</b>", html)
		self.assertIn("&lt;b&gt;bold&lt;/b&gt;", html)
		self.assertIn(
			"客戶投訴案件登記追蹤表", printed_text("Service Complaint", doc.name, "Service Complaint")
		)


class TestComplaintsOverRest(CommittedComplaintTestCase):
	def test_another_projects_user_reads_nothing_of_it(self):
		description = "P2: a complaint of Order Garden"
		name = frappe.db.get_value(
			"Service Complaint", {"description": description, "household": self.household}
		)
		doc = frappe.get_doc("Service Complaint", name) if name else self.complaint(description=description)
		self.assertTrue(frappe.has_permission("Service Complaint", "read", doc, user=COMPLAINT_CS))
		self.assertFalse(frappe.has_permission("Service Complaint", "read", doc, user=PARK_CS))
		with as_user(PARK_CS):
			self.assertNotIn(doc.name, frappe.get_list("Service Complaint", pluck="name"))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(
					{
						"doctype": "Service Complaint",
						"household": self.household,
						"customer": self.customer,
						"channel": "Walk-in",
						"description": "Filed under another project's household",
					}
				).insert()
		frappe.db.commit()  # the REST request runs on its own connection
		token = token_for(PARK_CS)
		response = call("GET", f"/api/resource/Service%20Complaint/{quote(doc.name)}", token)
		self.assertEqual(response.status_code, 403)
		listed = call("GET", "/api/resource/Service%20Complaint?limit_page_length=0", token)
		self.assertNotIn(doc.name, {row["name"] for row in listed.json["data"]})

	def test_over_rest_a_complaint_is_not_closed_without_a_reply_nor_a_survey_rated_off_the_scale(self):
		description = "REST: a complaint nobody answered yet"
		name = frappe.db.get_value("Service Complaint", {"description": description}) or (
			self.complaint(description=description).name
		)
		campaign = self.campaign(now_datetime().year)
		frappe.db.commit()  # the REST request runs on its own connection
		token = token_for(COMPLAINT_CS)
		response = call(
			"PUT",
			f"/api/resource/Service%20Complaint/{quote(name)}",
			token,
			{"status": "Closed", "satisfaction": "Satisfied"},
		)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertIn("Record Reply", response.text)
		self.assertEqual(frappe.db.get_value("Service Complaint", name, "status"), "Open")
		response = call(
			"POST",
			"/api/resource/Satisfaction%20Survey",
			token,
			{
				"campaign": campaign,
				"household": self.household,
				"ratings": [{"topic": "Cleaning Management", "rating": "Excellent"}],
			},
		)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertFalse(
			frappe.db.exists("Satisfaction Survey", {"campaign": campaign, "household": self.household})
		)
