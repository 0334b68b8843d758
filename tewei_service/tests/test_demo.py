"""The demo (issue 14): `tewei-demo` builds a living month through the app's own APIs and
Workflows, after which every script report of the app returns rows, every print format renders a
demo record, and each workspace number card and chart gives its figure to an admin and to a user
limited to one project; the command refuses a site with app data unless told to reset it.

The demo is built as `tewei-demo --reset --size 0.2` does it (the same code at a fifth of the
size). Its month-end runs commit after each customer, as in production; here the commits are held,
so the whole reset and build is one transaction that the class's rollback undoes: the modules
after this one find the site's data as it was."""

import glob
import json
import os
from unittest.mock import patch

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate, today

from tewei_service.demo.build import make_demo
from tewei_service.exceptions import DemoRefusedError
from tewei_service.tests.site import as_user

MODULE_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "tewei_service")


def standard(folder: str) -> list[dict]:
	return [json.load(open(path)) for path in sorted(glob.glob(f"{MODULE_PATH}/{folder}/*/*.json"))]


class TestDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		with patch.object(frappe.db, "commit"):
			# As the command does with --reset: the app's data deleted (in this transaction), then built.
			cls.demo = make_demo(reset=True, size=0.2)

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()
		# The rollback restores the rows; caches filled while the demo stood are dropped too.
		frappe.clear_cache()

	def made(self, key: str) -> list[str]:
		return self.demo.made.get(key, [])

	def report_filters(self) -> dict[str, dict]:
		company, month = self.demo.company, getdate(today()).replace(day=1)
		collected = frappe.db.get_value(
			"Payment Entry", {"docstatus": 1, "tewei_collected_by": ("is", "set")}, "tewei_collected_on"
		)
		unsigned = frappe.db.get_value(
			"Service Work Order", {"unsigned_reason": ("is", "set")}, "appointment_start"
		)
		housekeeping = frappe.db.get_value(
			"Service Work Order",
			{"request_type": "Housekeeping", "name": ("in", self.made("Service Work Order"))},
			"order_date",
		)
		year_ago = add_months(month, -11)
		return {
			"Agreement Billing": {"company": company, "as_of": today()},
			"Cash Hand-over": {"date": collected},
			"Complaint Statistics": {
				"company": company,
				"from_date": year_ago,
				"to_date": today(),
				"group_by": "category",
			},
			"Complaint Tracking Register": {"company": company, "from_date": year_ago, "to_date": today()},
			"Errand Register Gaps": {},
			"Home Service Analysis": {
				"company": company,
				"month": add_months(month, -1),
				"group_by": "Item",
				"chart_on": "orders",
			},
			"Response Commitment Compliance": {"from_date": add_months(month, -2), "to_date": today()},
			"Revisit Plan Compliance": {
				"company": company,
				"from_month": add_months(month, -2),
				"to_month": add_months(month, -1),
			},
			"Satisfaction Survey Analysis": {"company": company, "year": getdate(today()).year},
			"Special Service Register": {"date": housekeeping, "request_type": "Housekeeping"},
			"Unsigned Service Orders": {"date": getdate(unsigned) if unsigned else today()},
		}

	def test_every_report_returns_rows(self):
		filters = self.report_filters()
		reports = [report for report in standard("report") if report.get("report_type") == "Script Report"]
		self.assertTrue(reports)
		for report in reports:
			with self.subTest(report=report["name"]):
				self.assertIn(report["name"], filters, "give the new report its filters here")
				result = run(report["name"], filters=filters[report["name"]])
				self.assertTrue(result["result"], f"{report['name']} has no rows after the demo")

	def record_for(self, print_format: dict) -> str:
		doctype = print_format["doc_type"]
		if print_format["name"] == "Termination Notice":
			return frappe.db.get_value(doctype, {"workflow_state": "Terminated"})
		keys = {"Sales Invoice": "Billing Notice", "Payment Entry": "Immediate Payment Entry"}
		# The last one the demo made that stands (an errand deleted as a draft is a register gap).
		names = [name for name in self.made(keys.get(doctype, doctype)) if frappe.db.exists(doctype, name)]
		return names[-1] if names else None

	def test_every_print_format_renders_a_demo_record(self):
		for print_format in standard("print_format"):
			with self.subTest(print_format=print_format["name"]):
				name = self.record_for(print_format)
				self.assertTrue(name, f"the demo makes no {print_format['doc_type']}")
				html = frappe.get_print(print_format["doc_type"], name, print_format["name"])
				self.assertIn("<", html)
				self.assertNotIn("Traceback", html)

	def test_cards_and_charts_give_figures_to_admin_and_to_a_restricted_user(self):
		for user in ("Administrator", self.demo.users["cs_riverside"]):
			with as_user(user):
				for card in standard("number_card"):
					with self.subTest(card=card["name"], user=user):
						doc = frappe.get_doc("Number Card", card["name"])
						if not frappe.has_permission(card["document_type"], "read"):
							# The desk shows no card of a list the user cannot read; asked, it refuses.
							self.assertRaises(frappe.PermissionError, get_result, doc, card["filters_json"])
							continue
						self.assertIsInstance(get_result(doc, card["filters_json"]), float)
				for chart in standard("dashboard_chart"):
					with self.subTest(chart=chart["name"], user=user):
						data = self.chart(chart)
						self.assertTrue(data["labels"])
						self.assertTrue(data["datasets"])

	@staticmethod
	def chart(chart: dict) -> dict:
		if chart["chart_type"] != "Custom":
			return chart_data(chart_name=chart["name"])
		module = frappe.scrub(chart["source"])
		source = f"tewei_service.tewei_service.dashboard_chart_source.{module}.{module}.get"
		return frappe.get_attr(source)(chart_name=chart["name"])

	def test_restricted_user_counts_only_their_project(self):
		card = frappe.get_doc("Number Card", "Revisits Due")
		maple = self.demo.projects[1]
		with as_user(self.demo.users["cs_maple"]):
			theirs = get_result(card, card.filters_json)
		self.assertEqual(
			theirs, frappe.db.count("Revisit Record", {"status": "Planned", "property_project": maple})
		)
		self.assertLess(theirs, get_result(card, card.filters_json))

	def test_workspace_links_every_report(self):
		workspace = frappe.get_doc("Workspace", "Special Services")
		linked = {link.link_to for link in workspace.links if link.type == "Link"}
		for report in standard("report"):
			self.assertIn(report["name"], linked)

	def test_refuses_a_site_with_app_data_unless_reset(self):
		self.assertTrue(frappe.db.count("Household"))
		with self.assertRaises(DemoRefusedError):
			make_demo(reset=False)
