"""R2 on a real site: a project's yearly campaign, the owners' answers on the twelve topics recorded
by customer service, a revisit for every household that was dissatisfied or wrote a suggestion
(§5.4) and its progress on the survey, Quality's analysis against last year (§5.3), and the form."""

import frappe
from frappe.utils import getdate, today

from tewei_service.exceptions import KeptOnFileError
from tewei_service.tests.complaint_builders import (
	COMPLAINT_CS,
	COMPLAINT_QUALITY,
	HOSTILE,
	PARK_CS,
	ComplaintTestCase,
)
from tewei_service.tests.print_builders import printed_text
from tewei_service.tests.revisit_builders import DONE, REVISIT_CS
from tewei_service.tests.site import as_user
from tewei_service.tewei_service.report.satisfaction_survey_analysis.satisfaction_survey_analysis import (
	execute as analysis,
)

YEAR = getdate(today()).year
HAPPY = {"Security Management": "Satisfied", "Cleaning Management": "Fairly Satisfied"}
UNHAPPY = {"Security Management": "Satisfied", "Cleaning Management": "Dissatisfied"}


class TestSatisfactionSurvey(ComplaintTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project_cs = REVISIT_CS
		frappe.db.set_value("Property Project", cls.project, "customer_service", cls.project_cs)
		cls.households = cls.make_households(cls.project, 9, "SV")  # each test its own

	def test_one_campaign_per_project_and_year(self):
		self.campaign(YEAR)
		with (
			as_user(COMPLAINT_QUALITY),
			self.assertRaisesRegex(frappe.ValidationError, "already has a survey campaign"),
		):
			frappe.get_doc(
				{"doctype": "Satisfaction Survey Campaign", "property_project": self.project, "year": YEAR}
			).insert()

	def test_the_form_has_the_twelve_topics_and_refuses_what_is_off_the_scale(self):
		campaign = self.campaign(YEAR)
		doc = self.survey(campaign, self.households[0], HAPPY, submit=False)
		self.assertEqual(len(doc.ratings), 12)
		self.assertEqual(
			[row.topic_zh for row in doc.ratings][:4], ["安全管理", "消防管理", "綠化管理", "清潔管理"]
		)
		self.assertEqual(
			doc.customer, frappe.db.get_value("Household", self.households[0], "primary_customer")
		)
		with self.assertRaises(frappe.ValidationError):
			self.survey(campaign, self.households[1], {"Cleaning Management": "Excellent"})
		with self.assertRaisesRegex(frappe.ValidationError, "take no rating"):
			self.survey(campaign, self.households[1], {"Opinions and Suggestions": "Satisfied"})
		with self.assertRaisesRegex(frappe.ValidationError, "already has a survey"):
			self.survey(campaign, self.households[0], HAPPY)
		with self.assertRaises(frappe.PermissionError):  # another project's household
			self.survey(campaign, self.park_household, HAPPY)
		with self.assertRaisesRegex(frappe.ValidationError, "is not in"):
			self.survey(campaign, self.park_household, HAPPY, user=COMPLAINT_QUALITY)

	def test_a_dissatisfied_owner_is_revisited_and_the_follow_up_recorded(self):
		campaign = self.campaign(YEAR)
		doc = self.survey(campaign, self.households[2], UNHAPPY)
		self.assertTrue(doc.follow_up_revisit)
		self.assertIn("清潔管理", doc.follow_up_reason)
		revisit = frappe.get_doc("Revisit Record", doc.follow_up_revisit)
		self.assertEqual((revisit.status, revisit.household), ("Planned", self.households[2]))
		self.assertIn(doc.name, revisit.plan_reason)
		self.assertEqual(revisit.assigned_to, self.project_cs)
		self.assertEqual(doc.follow_up_status, "Planned")
		# Only §5.4's own step names a survey's revisit.
		other = self.survey(campaign, self.households[8], HAPPY, follow_up_revisit=revisit.name)
		self.assertIsNone(other.follow_up_revisit)
		self.update(revisit, **DONE)
		self.assertEqual(frappe.db.get_value("Satisfaction Survey", doc.name, "follow_up_status"), "Done")

	def test_a_suggestion_is_followed_up_a_content_owner_is_not(self):
		campaign = self.campaign(YEAR)
		content = self.survey(campaign, self.households[3], HAPPY)
		self.assertFalse(content.follow_up_revisit)
		suggestion = self.survey(
			campaign, self.households[4], {**HAPPY, "Opinions and Suggestions": (None, "More benches")}
		)
		self.assertIn(
			"More benches", frappe.db.get_value("Revisit Record", suggestion.follow_up_revisit, "plan_reason")
		)

	def test_the_campaign_makes_the_revisits_its_surveys_lack(self):
		campaign = self.campaign(YEAR)
		doc = self.survey(campaign, self.households[5], UNHAPPY)
		with as_user(COMPLAINT_QUALITY):
			self.assertEqual(
				frappe.get_doc("Satisfaction Survey Campaign", campaign).create_follow_up_revisits(), []
			)
		doc.db_set({"follow_up_revisit": None, "follow_up_status": None})  # e.g. recorded before §5.4 ran
		with as_user(COMPLAINT_QUALITY):
			made = frappe.get_doc("Satisfaction Survey Campaign", campaign).create_follow_up_revisits()
		self.assertEqual(made, [frappe.db.get_value("Satisfaction Survey", doc.name, "follow_up_revisit")])
		with as_user(PARK_CS), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Satisfaction Survey Campaign", campaign).create_follow_up_revisits()

	def test_recorded_surveys_are_kept_and_a_duplicate_is_refused(self):
		doc = self.survey(self.campaign(YEAR), self.households[6], HAPPY)
		with as_user(COMPLAINT_CS), self.assertRaisesRegex(frappe.ValidationError, "already has a survey"):
			frappe.copy_doc(doc, ignore_no_copy=False).insert()
		with as_user(COMPLAINT_CS):
			frappe.get_doc("Satisfaction Survey", doc.name).cancel()
		with self.assertRaises(KeptOnFileError):
			frappe.delete_doc("Satisfaction Survey", doc.name)

	def test_quality_analyses_by_topic_and_project_against_last_year(self):
		# A project of its own: the other tests' surveys stay out of its figures.
		project = self.make_project("Survey Analysis Garden")
		first, second = self.make_households(project, 2, "SA")
		self.survey(
			self.campaign(YEAR - 1, project),
			first,
			{"Cleaning Management": "Satisfied"},
			user=COMPLAINT_QUALITY,
		)
		campaign = self.campaign(YEAR, project)
		answers = {"Cleaning Management": ("Dissatisfied", "Stairs dirty")}
		self.survey(campaign, first, answers, user=COMPLAINT_QUALITY)
		self.survey(campaign, second, {"Cleaning Management": "Satisfied"}, user=COMPLAINT_QUALITY)
		filters = {"year": YEAR, "property_project": project, "by_project": 1}
		with as_user(COMPLAINT_QUALITY):
			columns, rows, _message, chart, summary = analysis(filters)
		cleaning = next(row for row in rows if row["topic"] == "Cleaning Management")
		self.assertEqual(
			(cleaning["property_project"], cleaning["surveys"], cleaning["dissatisfied"]), (project, 2, 1)
		)
		self.assertEqual((cleaning["satisfaction_percent"], cleaning["last_year_percent"]), (50.0, 100.0))
		self.assertEqual((cleaning["change"], cleaning["remarks"]), (-50.0, 1))
		self.assertIn("property_project", [column["fieldname"] for column in columns])
		self.assertEqual(chart["data"]["datasets"][1]["name"], str(YEAR - 1))
		self.assertIn("Cleaning Management", chart["data"]["labels"])
		figures = {item["label"]: item["value"] for item in summary}
		self.assertEqual((figures["Surveys Recorded"], figures["Households to Revisit"]), (2, 1))
		self.assertEqual(figures["Most Dissatisfied With"], "Cleaning Management")
		with as_user(PARK_CS):
			self.assertEqual(analysis({"year": YEAR})[1], [])

	def test_the_form_prints_with_its_chinese_title_and_the_owners_words_as_text(self):
		doc = self.survey(
			self.campaign(YEAR),
			self.households[7],
			{"Cleaning Management": ("Fair", HOSTILE), "Opinions and Suggestions": (None, HOSTILE)},
		)
		html = frappe.get_print("Satisfaction Survey", doc.name, "Satisfaction Survey")
		for expected in ("業主滿意度調查表", "安全管理", "意見建議", "較滿意", "&lt;b&gt;bold&lt;/b&gt;"):
			self.assertIn(expected, html)
		self.assertNotIn("<b>bold</b>", html)
		self.assertIn(
			"業主滿意度調查表", printed_text("Satisfaction Survey", doc.name, "Satisfaction Survey")
		)
