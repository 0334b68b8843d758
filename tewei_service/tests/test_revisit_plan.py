"""V1, V2 and V3 on a real site: the monthly revisit plan for months of different sizes, Quality's
quarterly spot check, and the Revisit Plan Compliance report."""

from datetime import date, datetime

import frappe
from frappe.desk.query_report import run

from tewei_service.exceptions import ServicePermissionError
from tewei_service.revisits.plan import make_monthly_plan, make_plan_now, role_users
from tewei_service.revisits.spot_check import make_quarterly_spot_check
from tewei_service.tests.catalogue_builders import approved_item
from tewei_service.tests.revisit_builders import DONE, PAST, QUALITY, REVISIT_CS, RevisitTestCase
from tewei_service.tests.site import TEST_COMPANY, as_user, make_user
from tewei_service.tests.work_order_builders import STAFF
from tewei_service.tewei_service.report.revisit_plan_compliance.revisit_plan_compliance import (
	execute as compliance_report,
)

JUNE = date(2026, 6, 1)
OTHER_CS = "cs2-revisits@tewei.example"
REASONS = (
	"reason_sample",
	"reason_new_agreement",
	"reason_new_service_item",
	"reason_new_staff",
	"reason_complaint_last_time",
)


def june(day: int, hour: int = 10) -> datetime:
	return datetime(2026, 6, day, hour)


def plan_of(project: str, month: date = JUNE) -> dict[str, dict]:
	"""The month's plan revisits of a project, by household."""
	revisits = frappe.get_all(
		"Revisit Record",
		{"property_project": project, "plan_month": month, "method": ("!=", "Quality Check")},
		["name", "household", "assigned_to", "plan_reason", "method", "status", *REASONS],
	)
	by_household = {r.household: r for r in revisits}
	assert len(by_household) == len(revisits), "a household planned twice"
	return by_household


def reasons_of(revisit) -> set[str]:
	return {field for field in REASONS if revisit[field]}


class TestMonthlyRevisitPlan(RevisitTestCase):
	"""June 2026 in three projects: 25, 105 and 305 served households."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OTHER_CS, "Customer Service")
		cls.small = cls.make_project("Revisit Small Garden", REVISIT_CS)
		cls.middle = cls.make_project("Revisit Middle Garden")  # no customer service user named
		cls.large = cls.make_project("Revisit Large Garden", OTHER_CS)
		cls.plant_care = approved_item("Plant care (revisit test)", 50, effective_date=PAST).name
		cls.new_june = cls.make_staff("new-june-revisits@tewei.example", "2026-06-10")
		cls.new_april = cls.make_staff("new-april-revisits@tewei.example", "2026-04-02")
		cls.joined_march = cls.make_staff("march-revisits@tewei.example", "2026-03-31")
		cls.complained, cls.complained_long_ago = cls.third_staff, cls.daily_staff

		# History: the services ordered long ago, and complaints recorded in May and in April.
		(history,) = cls.make_households(cls.small, 1, "RVH")
		cls.served(history, datetime(2025, 3, 10, 10), items=[(cls.windows, 1, 80), (cls.laundry, 2, 30)])
		for staff, when in (
			(cls.complained, "2026-05-20 15:00:00"),
			(cls.complained_long_ago, "2026-04-28 15:00:00"),
		):
			cls.revisit(
				household=history,
				**{**DONE, "revisited_on": when},
				complaint=1,
				complaint_details="Left the balcony wet",
				complaint_staff=staff,
			)

		# Small: 25 served, 10 of them mandatory (more than the 8 the ratio asks for).
		small = cls.small_households = cls.make_households(cls.small, 25, "RVS")
		cls.served(small[0], june(3), items=[(cls.windows, 1, 80), (cls.plant_care, 1, 50)])
		for index in (1, 2, 3):
			cls.served(small[index], june(12 + index), staff=cls.new_june)
		for index in (4, 5, 6):
			cls.served(small[index], june(4 + index), staff=cls.complained)
		cls.served(small[7], june(8), items=[(cls.plant_care, 2, 50)], staff=cls.new_april)
		cls.served(small[8], june(9), staff=cls.new_april)
		cls.served(small[8], june(19), items=[(cls.laundry, 3, 30)], staff=cls.complained)
		cls.served(small[9], june(9), staff=cls.joined_march)
		cls.served(small[10], june(10), staff=cls.complained_long_ago)
		for index in range(11, 24):
			staff = cls.staff if index % 2 else cls.other_staff
			cls.served(small[index], june(1 + index), items=[(cls.laundry, 1, 30)], staff=staff)
		# Served under an agreement only, signed in June; another agreement running since January.
		cls.new_agreement = cls.agreement(small[24], "2026-06-01", "2026-11-30")
		cls.agreement(small[11], "2026-01-01", "2026-12-31")
		cls.small_mandatory = {
			small[24]: {"reason_new_agreement"},
			small[0]: {"reason_new_service_item"},
			**{small[i]: {"reason_new_staff"} for i in (1, 2, 3)},
			**{small[i]: {"reason_complaint_last_time"} for i in (4, 5, 6)},
			small[7]: {"reason_new_service_item", "reason_new_staff"},
			small[8]: {"reason_new_staff", "reason_complaint_last_time"},
		}

		# Middle: 105 served (and three households that were not served in June).
		middle = cls.middle_households = cls.make_households(cls.middle, 108, "RVM")
		cls.served(middle[0], june(5), staff=cls.new_june)
		cls.served(middle[1], june(6), staff=cls.complained)
		cls.served(middle[2], june(7), state="Completed")  # not checked yet, but served
		for index in range(3, 105):
			cls.served(middle[index], june(1 + index % 29, 8 + index % 9))
		cls.served(middle[10], june(30, 17), items=[(cls.laundry, 1, 30)])  # a second order
		cls.served(middle[105], june(11), state="Cancelled")
		cls.served(middle[106], datetime(2026, 7, 1, 0, 0, 0))
		cls.agreement(middle[105], "2026-07-01", "2026-12-31")  # starts after June
		cls.served(middle[107], datetime(2026, 5, 31, 23, 59, 59))
		cls.middle_mandatory = {middle[0]: {"reason_new_staff"}, middle[1]: {"reason_complaint_last_time"}}

		# Large: 305 served, one of them with the new service.
		large = cls.large_households = cls.make_households(cls.large, 305, "RVL")
		cls.served(large[0], june(20), items=[(cls.plant_care, 1, 50)])
		for index in range(1, 305):
			cls.served(large[index], june(1 + index % 30), staff=cls.staff if index % 3 else cls.other_staff)

		cls.summaries = {s["property_project"]: s for s in make_monthly_plan(JUNE, TEST_COMPANY)}

	def test_plan_meets_the_ratio_for_each_size(self):
		expected = {  # served, required (V1, rounded up), mandatory, planned
			self.small: (25, 8, 10, 10),  # 30% of 25 = 7.5 -> 8; all 10 mandatory cases
			self.middle: (105, 21, 2, 21),  # 20% of 105
			self.large: (305, 31, 1, 31),  # 10% of 305 = 30.5 -> 31
		}
		for project, (served, required, mandatory, planned) in expected.items():
			summary = self.summaries[project]
			self.assertEqual(
				(summary["served"], summary["required"], summary["mandatory"], summary["planned"]),
				(served, required, mandatory, planned),
				project,
			)
			self.assertEqual(len(plan_of(project)), planned, project)
			self.assertEqual(len(summary["created"]), planned, project)

	def test_plan_includes_every_mandatory_case_with_all_its_reasons(self):
		small, middle, large = plan_of(self.small), plan_of(self.middle), plan_of(self.large)
		self.assertEqual({h: reasons_of(r) for h, r in small.items()}, self.small_mandatory)
		for household, reasons in self.middle_mandatory.items():
			self.assertEqual(reasons_of(middle[household]), reasons)
		self.assertEqual(reasons_of(large[self.large_households[0]]), {"reason_new_service_item"})
		# The others in the plan are the random sample, from the month's served households only.
		samples = [h for h, r in middle.items() if h not in self.middle_mandatory]
		self.assertEqual(len(samples), 19)
		self.assertTrue(all(reasons_of(middle[h]) == {"reason_sample"} for h in samples))
		self.assertFalse(set(middle) & set(self.middle_households[105:]))
		# Joined before April, or complained about before May: not mandatory in June.
		for household in self.small_households[9:11]:
			self.assertNotIn(household, small)

		reason = small[self.small_households[7]].plan_reason
		self.assertIn("New Service Item: Plant care (revisit test)", reason)
		self.assertIn(f"New Staff: new-april-revisits ({self.new_april})", reason)

	def test_each_revisit_is_about_the_households_orders_of_the_month(self):
		household = self.middle_households[10]
		orders = frappe.get_all(
			"Service Work Order",
			{"household": household, "completed_on": ("between", ("2026-06-01", "2026-06-30"))},
			pluck="name",
		)
		self.assertEqual(len(orders), 2)
		# The sample may or may not hold this household; plan it by hand if not.
		name = plan_of(self.middle).get(household, {}).get("name")
		if name:
			doc = frappe.get_doc("Revisit Record", name)
			self.assertEqual(sorted(row.work_order for row in doc.orders), sorted(orders))
		for revisit in plan_of(self.small).values():
			doc = frappe.get_doc("Revisit Record", revisit.name)
			if doc.household == self.small_households[24]:  # served under its new agreement only
				self.assertEqual((doc.service_agreement, doc.orders), (self.new_agreement, []))
				continue
			self.assertTrue(doc.orders)
			for row in doc.orders:
				self.assertEqual(
					frappe.db.get_value("Service Work Order", row.work_order, "household"), doc.household
				)

	def test_revisits_go_to_customer_service_as_todos(self):
		for project, users in (
			(self.small, {REVISIT_CS}),
			(self.large, {OTHER_CS}),
			(self.middle, set(role_users("Customer Service"))),
		):
			plan = plan_of(project)
			todos = frappe.get_all(
				"ToDo",
				{
					"reference_type": "Revisit Record",
					"reference_name": ("in", [r.name for r in plan.values()]),
				},
				["allocated_to", "reference_name", "status"],
			)
			self.assertEqual(sorted(t.reference_name for t in todos), sorted(r.name for r in plan.values()))
			self.assertTrue({t.allocated_to for t in todos} <= users, project)
			for todo in todos:
				revisit = frappe.db.get_value(
					"Revisit Record", todo.reference_name, ["status", "assigned_to"], as_dict=True
				)
				# Done closes the ToDo, and Frappe then clears Assigned To.
				if revisit.status == "Done":
					self.assertEqual((todo.status, revisit.assigned_to), ("Closed", None))
				else:
					self.assertEqual((todo.status, revisit.assigned_to), ("Open", todo.allocated_to))
			if project == self.middle:  # no project user: shared among customer service
				self.assertGreater(len({t.allocated_to for t in todos}), 1)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": REVISIT_CS,
					"subject": ("like", "Revisit plan 2026-06 for Revisit Small Garden%"),
				},
			)
		)

	def test_planning_again_adds_nothing_and_tops_up_what_is_missing(self):
		again = {s["property_project"]: s for s in make_monthly_plan(JUNE, TEST_COMPANY)}
		self.assertEqual({p: s["created"] for p, s in again.items()}, {p: [] for p in again})
		sampled = [r.name for r in plan_of(self.large).values() if reasons_of(r) == {"reason_sample"}]
		for name in sampled[:2]:
			frappe.delete_doc("Revisit Record", name, force=True)
		topped_up = {s["property_project"]: s for s in make_monthly_plan(JUNE, TEST_COMPANY)}
		self.assertEqual(len(topped_up[self.large]["created"]), 2)
		self.assertEqual(len(plan_of(self.large)), 31)

	def test_only_customer_service_makes_the_plan_by_hand(self):
		with as_user(STAFF):
			self.assertRaises(ServicePermissionError, make_plan_now, "2026-06-15")
		with as_user(REVISIT_CS):
			self.assertIn(
				"Revisit Small Garden: 25 served, 8 required, 10 planned (0 new)", make_plan_now("2026-06-15")
			)

	def test_compliance_report_shows_required_planned_and_done(self):
		for revisit in plan_of(self.small).values():
			self.update(revisit.name, **DONE)
		for revisit in list(plan_of(self.middle).values())[:5]:
			self.update(
				frappe.get_doc("Revisit Record", revisit.name), **DONE, complaint=1, complaint_details="Late"
			)

		columns, data, _message, chart = compliance_report(
			{"company": TEST_COMPANY, "from_month": "2026-05-01", "to_month": "2026-06-30"}
		)
		self.assertIn("mandatory_done", [c["fieldname"] for c in columns])
		rows = {(row["month"], row["property_project"]): row for row in data}
		small, middle = rows[("2026-06", self.small)], rows[("2026-06", self.middle)]
		self.assertEqual(
			[
				small[k]
				for k in (
					"served",
					"ratio",
					"required",
					"mandatory",
					"planned",
					"done",
					"mandatory_done",
					"compliant",
				)
			],
			[25, 30, 8, 10, 10, 10, 10, 1],
		)
		self.assertEqual(
			[
				middle[k]
				for k in ("served", "ratio", "required", "planned", "done", "complaints", "compliant")
			],
			[105, 20, 21, 21, 5, 5, 0],
		)
		self.assertEqual(rows[("2026-06", self.large)]["ratio"], 10)
		# May: the one household served on 31 May, no plan made.
		may = rows[("2026-05", self.middle)]
		self.assertEqual((may["served"], may["required"], may["planned"], may["compliant"]), (1, 1, 0, 0))
		for user in (REVISIT_CS, QUALITY):  # as the desk runs it
			with as_user(user):
				result = run("Revisit Plan Compliance", {"company": TEST_COMPANY, "from_month": "2026-06-01"})
			found = {(r["month"], r["property_project"]): r["done"] for r in result["result"]}
			self.assertEqual(found[("2026-06", self.small)], 10)
		june_index = chart["data"]["labels"].index("2026-06")
		self.assertEqual(
			[dataset["values"][june_index] for dataset in chart["data"]["datasets"]],
			[8 + 21 + 31, 10 + 21 + 31, 10 + 5],
		)


class TestQuarterlySpotCheck(RevisitTestCase):
	"""Q3 2026: 60 households served in one project, 7 in another."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user("quality2-revisits@tewei.example", "Quality")
		cls.garden = cls.make_project("Spot Check Garden", REVISIT_CS)
		cls.corner = cls.make_project("Spot Check Corner", REVISIT_CS)
		cls.garden_households = cls.make_households(cls.garden, 62, "RVQ")
		for index, household in enumerate(cls.garden_households[:60]):
			cls.served(household, datetime(2026, 7 + index % 3, 1 + index % 28, 10))
			if index % 6 == 0:  # served again in the quarter: still one household
				cls.served(household, datetime(2026, 9, 29, 15))
		cls.served(cls.garden_households[60], datetime(2026, 6, 30, 18))  # the quarter before
		cls.served(cls.garden_households[61], datetime(2026, 10, 1, 8))  # the quarter after
		cls.corner_households = cls.make_households(cls.corner, 7, "RVC")
		for index, household in enumerate(cls.corner_households):
			cls.served(household, datetime(2026, 8, 3 + index, 10))
		cls.summaries = {
			s["property_project"]: s for s in make_quarterly_spot_check("2026-08-15", TEST_COMPANY)
		}

	def test_quarterly_spot_check_draws_five_percent_for_quality(self):
		garden, corner = self.summaries[self.garden], self.summaries[self.corner]
		self.assertEqual((garden["served"], garden["required"], len(garden["created"])), (60, 3, 3))
		self.assertEqual(
			(corner["served"], corner["required"], len(corner["created"])), (7, 1, 1)
		)  # 0.35 -> 1

		checks = frappe.get_all(
			"Revisit Record",
			{"name": ("in", garden["created"] + corner["created"])},
			["name", "household", "method", "plan_month", "reason_spot_check"],
		)
		self.assertEqual(
			{(c.method, str(c.plan_month), c.reason_spot_check) for c in checks},
			{("Quality Check", "2026-07-01", 1)},
		)
		self.assertTrue(
			{c.household for c in checks} <= set(self.garden_households[:60] + self.corner_households)
		)
		quality_users = set(role_users("Quality"))
		self.assertIn(QUALITY, quality_users)
		self.assertTrue(
			frappe.db.count(
				"ToDo",
				{"reference_name": ("in", garden["created"]), "allocated_to": ("in", list(quality_users))},
			)
			== 3
		)
		# Not part of any monthly plan, and drawing again adds nothing.
		self.assertFalse(plan_of(self.garden, date(2026, 7, 1)))
		again = {s["property_project"]: s for s in make_quarterly_spot_check("2026-09-30", TEST_COMPANY)}
		self.assertEqual((again[self.garden]["created"], again[self.garden]["planned"]), ([], 3))

	def test_quality_records_the_check(self):
		(name,) = self.summaries[self.corner]["created"]
		with self.assertRaises(ServicePermissionError):
			self.update(name, REVISIT_CS, **DONE)
		done = self.update(name, QUALITY, **{**DONE, "revisited_by": QUALITY})
		self.assertEqual((done.status, done.average_rating), ("Done", 4.33))
