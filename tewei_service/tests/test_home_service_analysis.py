"""V4 on real ledgers: 《居家服務情況統計分析報告》 for a prepared March 2026 against February."""

from datetime import datetime

import frappe
from frappe.desk.query_report import run

from tewei_service.billing.agreements import bill_agreement
from tewei_service.billing.month_end import bill_month
from tewei_service.tests.billing_builders import credit_note_for
from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD
from tewei_service.tests.revisit_builders import DONE, QUALITY, RevisitTestCase
from tewei_service.tests.site import TEST_COMPANY, as_user
from tewei_service.tests.work_order_builders import STAFF
from tewei_service.tewei_service.report.home_service_analysis.home_service_analysis import execute


def march(day: int) -> datetime:
	return datetime(2026, 3, day, 10)


def rated(score: int, **values) -> dict:
	return {**DONE, "timeliness": str(score), "skill": str(score), "attitude": str(score), **values}


FIELDS = ("orders", "revenue", "compliance", "satisfaction", "complaints")


class TestHomeServiceAnalysis(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		project = cls.make_project("Analysis Garden")
		hh = cls.households = cls.make_households(project, 6, "RVA")
		d0, d1 = cls.departments
		a, b = cls.staff, cls.other_staff
		w, lau = cls.windows, cls.laundry
		# March: five orders served (one not checked yet, so not billed), one cancelled.
		o1 = cls.served(hh[0], march(2), [(w, 2, 80)], a, d0, "Met")
		o2 = cls.served(hh[1], march(5), [(w, 1, 80), (lau, 2, 30)], b, d0, "Breached")
		o3 = cls.served(hh[2], march(9), [(lau, 3, 30)], b, d1, "Met")
		o4 = cls.served(hh[3], march(16), [(w, 1, 80)], a, d1, "Not Applicable")
		cls.served(hh[4], march(23), [(lau, 1, 30)], a, d1, "Met", state="Completed")
		cls.served(hh[5], march(24), [(w, 5, 80)], a, d0, state="Cancelled")
		# February.
		p1 = cls.served(hh[0], datetime(2026, 2, 10, 9), [(w, 1, 80)], a, d0, "Met")
		cls.served(hh[5], datetime(2026, 2, 20, 9), [(lau, 2, 30)], b, d1, "Breached")

		# Billing: month-end notices for the checked orders, and a credit note of one laundry unit
		# for o3; an agreement (staff b, department d0) billed for its March cycle.
		bill_month(TEST_COMPANY, "2026-02-01", "2026-03-31")
		invoice = frappe.db.get_value("Service Work Order", o3, "sales_invoice")
		credit = credit_note_for(invoice, o3)
		credit.set("items", credit.items[:1])
		credit.items[0].update({"qty": -1, "idx": 1})
		credit.insert().submit()
		cls.agreement_name = cls.agreement(hh[5], "2026-03-01", "2026-08-31", staff=b, fee=300, department=d0)
		cls.agreement_invoices = bill_agreement(cls.agreement_name, as_of="2026-03-31")

		# Revisits (Done) about March's orders and the agreement; one still planned; one in February.
		cls.revisit(household=hh[0], orders=[{"work_order": o1}], **rated(5))
		cls.revisit(
			household=hh[1], orders=[{"work_order": o2}], **rated(3, complaint=1, complaint_details="Late")
		)
		cls.revisit(household=hh[2], orders=[{"work_order": o3}], **rated(4))
		cls.revisit(household=hh[3], orders=[{"work_order": o4}])  # planned, not done
		cls.revisit(
			household=hh[5],
			service_agreement=cls.agreement_name,
			plan_month="2026-03-01",
			method="Visit",
			**rated(4, complaint=1, complaint_details="Missed a Tuesday", complaint_staff=b),
		)
		cls.revisit(household=hh[0], orders=[{"work_order": p1}], **rated(4))

	def report(self, group_by: str, company: str = TEST_COMPANY):
		columns, data, _message, chart, summary = execute(
			{"company": company, "month": "2026-03-17", "group_by": group_by, "chart_on": "revenue"}
		)
		return columns, {row["group"]: row for row in data}, chart, summary

	def figures(self, row) -> tuple[tuple, tuple]:
		return (
			tuple(row[field] for field in FIELDS),
			tuple(row[field + "_previous"] for field in FIELDS),
		)

	def test_billing_was_prepared(self):
		self.assertEqual(len(self.agreement_invoices), 1)
		self.assertEqual(
			str(frappe.db.get_value("Sales Invoice", self.agreement_invoices[0], "tewei_cycle_start")),
			"2026-03-01",
		)

	def test_by_service_item(self):
		columns, rows, chart, _summary = self.report("Item")
		labels = [column["label"] for column in columns]
		self.assertIn("Orders 2026-03", labels)
		self.assertIn("Orders 2026-02", labels)
		# windows: o1, o2, o4; 160 + 80 + 80 + the agreement's 300; o1 met, o2 breached;
		# revisits 5, 3 and the agreement's 4, two with a complaint.
		self.assertEqual(
			self.figures(rows[self.windows]), ((3, 620.0, 50.0, 4.0, 2), (1, 80.0, 100.0, 4.0, 0))
		)
		# laundry: o2, o3 and the unbilled o5; 60 + 90 - 30 credited; met 2 of 3; revisits 3 and 4.
		self.assertEqual(
			self.figures(rows[self.laundry]), ((3, 120.0, 66.7, 3.5, 1), (1, 60.0, 0.0, None, 0))
		)
		self.assertEqual(rows[self.windows]["group_name"], "Window cleaning (revisit test)")
		self.assertEqual(chart["data"]["datasets"][1]["name"], "2026-03")
		self.assertEqual(
			dict(zip(chart["data"]["labels"], chart["data"]["datasets"][1]["values"], strict=True)),
			{"Window cleaning (revisit test)": 620.0, "Laundry (revisit test)": 120.0},
		)

	def test_by_department(self):
		_columns, rows, _chart, _summary = self.report("Department")
		d0, d1 = self.departments
		self.assertEqual(self.figures(rows[d0]), ((2, 600.0, 50.0, 4.0, 2), (1, 80.0, 100.0, 4.0, 0)))
		self.assertEqual(self.figures(rows[d1]), ((3, 140.0, 100.0, 4.0, 0), (1, 60.0, 0.0, None, 0)))

	def test_by_staff(self):
		_columns, rows, _chart, _summary = self.report("Staff")
		self.assertEqual(
			self.figures(rows[self.staff]), ((3, 240.0, 100.0, 5.0, 0), (1, 80.0, 100.0, 4.0, 0))
		)
		# b: o2 and o3, plus the agreement b serves; both complaints name b.
		self.assertEqual(
			self.figures(rows[self.other_staff]), ((2, 500.0, 50.0, 3.67, 2), (1, 60.0, 0.0, None, 0))
		)

	def test_summary_compares_the_month_with_the_one_before(self):
		_columns, _rows, _chart, summary = self.report("Item")
		values = {item["label"]: (item["value"], item["indicator"]) for item in summary}
		self.assertEqual(
			values,
			{
				"Orders": (5, "Green"),
				"Revenue": (740.0, "Green"),
				"Response Compliance (%)": (75.0, "Green"),
				"Satisfaction (1-5)": (4.0, "Blue"),
				"Complaints": (2, "Red"),
				"Warranty Repairs": (0, "Blue"),
				"Declined Requests": (0, "Blue"),
			},
		)

	def test_another_company_sees_nothing(self):
		_columns, rows, _chart, summary = self.report("Item", company="No Such Company")
		self.assertEqual(rows, {})
		self.assertEqual(summary[0]["value"], 0)

	def test_the_desk_runs_it_for_quality_and_heads_not_for_staff(self):
		filters = {"company": TEST_COMPANY, "month": "2026-03-01", "group_by": "Department"}
		for user in (QUALITY, DEPARTMENT_HEAD):
			with as_user(user):
				result = run("Home Service Analysis", filters)
			self.assertEqual(len(result["result"]), 2)
			self.assertEqual(result["chart"]["type"], "bar")
			self.assertEqual(result["report_summary"][0]["value"], 5)
		with as_user(STAFF):
			self.assertRaises(frappe.PermissionError, run, "Home Service Analysis", filters)
