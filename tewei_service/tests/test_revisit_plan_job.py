"""The desk's Make Monthly Revisit Plan and Draw Quarterly Spot Check go to the long queue (issue
"Scale"), and the job makes the same plan as the document-by-document way the plan was made before
(a validated Revisit Record and `assign_to.add` per household)."""

from datetime import date, datetime
from unittest.mock import patch

import frappe

from tewei_service.revisits import plan, spot_check
from tewei_service.tests.revisit_builders import QUALITY, REVISIT_CS, RevisitTestCase
from tewei_service.tests.site import TEST_COMPANY, as_user

SEPTEMBER = date(2025, 9, 1)
ORDER_FIELDS = ("work_order", "completed_on", "department", "assigned_staff", "total_amount")
RECORD_FIELDS = (
	"status",
	"customer",
	"property_project",
	"method",
	"assigned_to",
	"_assign",
	"service_agreement",
	"plan_month",
	"plan_reason",
	"average_rating",
	"complaint",
	*plan.REASON_COLUMNS,
)


def one_at_a_time(period, month, planned, due, method=plan.rules.PHONE):
	"""The plan's revisits made as before the issue: one document and one assignment each."""
	return [
		plan.create_revisit(period, household, month, reasons, user, due, method=method)
		for household, reasons, user in planned
	]


def plan_snapshot(month: date, project: str) -> dict:
	"""What the month's plan holds, by household, without the generated names."""
	found = {}
	for record in frappe.get_all(
		"Revisit Record",
		{"plan_month": month, "property_project": project},
		["name", "household", *RECORD_FIELDS],
	):
		orders = frappe.get_all(
			"Revisit Record Order", {"parent": record.name}, ORDER_FIELDS, order_by="idx", as_list=True
		)
		todos = frappe.get_all(
			"ToDo",
			{"reference_type": "Revisit Record", "reference_name": record.name},
			["allocated_to", "status", "date", "description", "priority"],
			as_list=True,
		)
		found[record.household] = (
			tuple(record[field] for field in RECORD_FIELDS),
			tuple(map(tuple, orders)),
			tuple(map(tuple, todos)),
		)
	return found


class TestPlanJob(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project = cls.make_project("Revisit Job Garden", REVISIT_CS)
		households = cls.households = cls.make_households(cls.project, 40, "RVJ")
		cls.new_staff = cls.make_staff("new-sept-revisits@tewei.example", "2025-09-02")
		for index, household in enumerate(households[:36]):
			cls.served(
				household,
				datetime(2025, 9, 1 + index % 28, 9 + index % 8),
				staff=cls.new_staff if index in (3, 4) else None,
			)
		cls.served(households[5], datetime(2025, 9, 29, 15), items=[(cls.laundry, 2, 30)])
		cls.agreement(households[38], "2025-09-01", "2026-02-28")

	def enqueued(self, function, user: str, **args):
		"""Call the desk's button as `user` with enqueueing on: (its answer, the RQ job)."""
		jobs = []
		real = frappe.enqueue

		def capture(*a, **kw):
			job = real(*a, **kw)
			jobs.append(job)
			return job

		frappe.flags.tewei_enqueue_desk_jobs = True
		try:
			with as_user(user), patch("frappe.enqueue", capture):
				message = function(**args)
		finally:
			frappe.flags.tewei_enqueue_desk_jobs = False
		self.assertEqual(len(jobs), 1)
		job = jobs[0]
		self.addCleanup(job.delete)  # the test runs it here, in its own transaction
		return message, job

	def run_job(self, job) -> str:
		"""What a worker does with the job: its method as the user who asked."""
		self.assertTrue(job.origin.endswith("long"), job.origin)
		call = job.kwargs
		with as_user(call["user"]):
			return frappe.call(call["method"], **call["kwargs"])

	def test_make_plan_now_is_enqueued_and_its_job_makes_the_same_plan(self):
		frappe.db.savepoint("before_plan")
		with patch.object(plan, "create_revisits", one_at_a_time):
			before = plan.make_monthly_plan(SEPTEMBER, TEST_COMPANY)
		expected = plan_snapshot(SEPTEMBER, self.project)
		frappe.db.rollback(save_point="before_plan")
		self.assertFalse(plan_snapshot(SEPTEMBER, self.project))
		self.assertGreater(len(expected), 12)  # 30% of 37 households, and two mandatory ones

		message, job = self.enqueued(plan.make_plan_now, REVISIT_CS, month="2025-09-17")
		self.assertIn("background", message)
		self.assertEqual(job.kwargs["method"], "tewei_service.revisits.plan.plan_job")
		self.assertEqual(job.kwargs["kwargs"]["month"], "2025-09-17")
		self.assertEqual(job.kwargs["user"], REVISIT_CS)
		self.assertFalse(plan_snapshot(SEPTEMBER, self.project))  # nothing made in the request

		summary = self.run_job(job)
		self.assertEqual(plan_snapshot(SEPTEMBER, self.project), expected)
		mine = next(s for s in before if s["property_project"] == self.project)
		self.assertIn(
			f"Revisit Job Garden: {mine['served']} served, {mine['required']} required, "
			f"{mine['planned']} planned ({len(mine['created'])} new)",
			summary,
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": REVISIT_CS, "subject": "Monthly Revisit Plan"})
		)
		# Again: nothing new, and the names went on with the naming series.
		self.assertIn("(0 new)", plan.plan_job("2025-09-01"))
		names = frappe.get_all("Revisit Record", {"plan_month": SEPTEMBER}, pluck="name")
		self.assertTrue(all(name.startswith("RVR-") for name in names))

	def test_spot_check_now_is_enqueued_and_its_job_draws_the_same_households(self):
		quarter = date(2025, 7, 1)
		frappe.db.savepoint("before_spot_check")
		with patch.object(spot_check, "create_revisits", one_at_a_time):
			spot_check.make_quarterly_spot_check(quarter, TEST_COMPANY)
		expected = plan_snapshot(quarter, self.project)
		frappe.db.rollback(save_point="before_spot_check")
		self.assertTrue(expected)

		message, job = self.enqueued(spot_check.make_spot_check_now, QUALITY, quarter="2025-08-20")
		self.assertIn("background", message)
		self.assertEqual(job.kwargs["kwargs"]["quarter"], "2025-08-20")
		self.run_job(job)
		self.assertEqual(plan_snapshot(quarter, self.project), expected)
