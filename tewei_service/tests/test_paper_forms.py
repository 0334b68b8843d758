"""R8: every paper form of the procedures prints as on paper, to PDF with its Chinese title and
form code, with what users typed printed as text: the revisit record, the home service record with
the customer's sign-offs, the desks' registers, the four-part order's paid finance part, the message
slip's stub, the errand's nature of goods and the monthly analysis with its approval."""

from markupsafe import escape

import frappe
from frappe.utils import now_datetime

from tewei_service.exceptions import MonthlyAnalysisError
from tewei_service.tests.catalogue_builders import BRANCH_MANAGER, DEPARTMENT_HEAD
from tewei_service.tests.matrix_builders import restrict_to_project
from tewei_service.tests.paper_form_builders import done_revisit, errand, message_slip, monthly_analysis
from tewei_service.tests.print_builders import pdf_text, printed_text
from tewei_service.tests.revisit_builders import REVISIT_CS, RevisitTestCase
from tewei_service.tests.site import as_user, make_user
from tewei_service.tests.work_order_builders import STAFF
from tewei_service.work_orders.registers import REGISTERS, register_html, register_orders, register_pdf

HOSTILE = '<img src=x onerror="alert(13)">'
CS_OF_PAPER_GARDEN = "cs-paper@tewei.example"
CS_OF_TWO_PROJECTS = "cs-paper-two@tewei.example"


class TestPaperForms(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project = cls.make_project("Paper Garden")
		cls.households = cls.make_households(cls.project, 3, "PPR")
		cls.other_project = cls.make_project("Paper Park")
		make_user(CS_OF_PAPER_GARDEN, "Customer Service")
		restrict_to_project(CS_OF_PAPER_GARDEN, cls.project)
		make_user(CS_OF_TWO_PROJECTS, "Customer Service")
		for project in (cls.project, cls.other_project):
			restrict_to_project(CS_OF_TWO_PROJECTS, project)

	def assert_printed(self, doctype: str, name: str, print_format: str, *expected: str) -> str:
		"""The form's HTML has `expected` and the hostile text only as text; its PDF has the title."""
		html = frappe.get_print(doctype, name, print_format)
		for text in expected:
			self.assertIn(text, html)
		self.assertNotIn(HOSTILE, html)
		self.assertIn(str(escape(HOSTILE)), html)
		self.assertIn(expected[0], printed_text(doctype, name, print_format))
		return html

	def test_revisit_record(self):
		order = self.served(self.households[0], now_datetime())
		revisit = done_revisit(order)
		frappe.db.set_value("Revisit Record", revisit, "comments", HOSTILE)
		html = self.assert_printed(
			"Revisit Record",
			revisit,
			"Revisit Record",
			"居家服務回訪記錄表",
			"WY7.5.1-G04-F4",
			"服務及時性",
			order,
		)
		# The ratings are ticked in their columns: timeliness 5, skill and attitude 4.
		self.assertEqual(html.count("✔"), 3)

	def test_home_service_record(self):
		order = self.served(self.households[0], now_datetime())
		frappe.db.set_value("Service Work Order", order, "request_details", HOSTILE)
		html = self.assert_printed(
			"Service Work Order",
			order,
			"Home Service Record",
			"居家服務情況記錄表",
			"WY7.5.1-G04-F1",
			"顧客意見",
		)
		doc = frappe.get_doc("Service Work Order", order)
		sign_offs = doc.meta.get("fields", {"fieldtype": "Table", "options": "Service Work Order Sign-off"})
		if not sign_offs:
			# Before R3's sign-off table: the order's one signature.
			self.assertIn('<img src="data:image/png;base64,', html)
			return
		# Each sign-off prints with its comment, the first one kept after rework (R3).
		for comment, satisfied in (("Not clean enough", 0), ("Fine now", 1)):
			doc.append(
				sign_offs[0].fieldname,
				{"comment": comment, "satisfied": satisfied, "signed_on": now_datetime()},
			).db_insert()
		frappe.db.set_value(
			"Service Work Order Sign-off", doc.get(sign_offs[0].fieldname)[-1].name, "comment", HOSTILE
		)
		html = frappe.get_print("Service Work Order", order, "Home Service Record")
		self.assertIn("Not clean enough", html)
		self.assertIn(str(escape(HOSTILE)), html)
		self.assertNotIn(HOSTILE, html)

	def test_work_order_finance_part_shows_paid(self):
		order = self.served(self.households[1], now_datetime())
		html = frappe.get_print("Service Work Order", order, "Service Work Order")
		self.assertNotIn("已交費</div>", html)
		# Each part says what it is for.
		for purpose in ("客戶服務中心存檔", "交費後注明已交費返回客戶服務中心", "次日核對", "交客戶收執"):
			self.assertIn(purpose, html)
		frappe.db.set_value("Service Work Order", order, "payment_status", "Paid")
		html = frappe.get_print("Service Work Order", order, "Service Work Order")
		# Only the finance part carries the stamp.
		self.assertEqual(html.count('<div class="stamp">已交費</div>'), 1)
		self.assertIn("已交費", printed_text("Service Work Order", order, "Service Work Order"))

	def test_message_slip_has_its_stub(self):
		order = self.served(self.households[1], now_datetime(), state="Completed")
		slip = message_slip(order, self.staff)
		frappe.db.set_value("Service Message Slip", slip, "message", HOSTILE)
		self.assert_printed(
			"Service Message Slip", slip, "Service Message Slip", "留言條", "留言條存根", "交回客戶服務中心"
		)

	def test_errand_prints_the_nature_of_goods(self):
		name = errand(self.households[2], self.staff)
		self.assertEqual(frappe.db.get_value("Errand Purchase", name, "nature"), "Food")
		frappe.db.set_value("Errand Purchase", name, "nature", HOSTILE)
		self.assert_printed(
			"Errand Purchase", name, "Errand Purchase", "代客購物登記表", "性質", "WY7.5.1-G04-F2"
		)

	def test_desk_registers(self):
		day = now_datetime()
		housekeeping = self.served(self.households[0], day)
		frappe.db.set_value("Service Work Order", housekeeping, "request_details", HOSTILE)
		repair = self.served(self.households[1], day, staff=self.other_staff)
		frappe.db.set_value("Service Work Order", repair, "request_type", "Home Repair")
		alarm = self.served(self.households[2], day, state="Cancelled")
		frappe.db.set_value("Service Work Order", alarm, "request_type", "Home Alarm")
		for request_type, order in (
			("Housekeeping", housekeeping),
			("Home Repair", repair),
			("Home Alarm", alarm),
		):
			title = REGISTERS[request_type][0]
			html = register_html(request_type, day.date(), self.project)
			self.assertIn(title, html)
			self.assertIn(order, html)
			self.assertNotIn(HOSTILE, html)
			self.assertIn(title, pdf_text(register_pdf(request_type, day.date(), self.project)))
		self.assertIn(str(escape(HOSTILE)), register_html("Housekeeping", day.date(), self.project))
		# A request of one type is on its own desk's register only; a cancelled one stays, marked.
		self.assertNotIn(repair, register_html("Housekeeping", day.date(), self.project))
		self.assertIn("已取消", register_html("Home Alarm", day.date(), self.project))
		# Staff see the requests assigned to them only (P2).
		with as_user(STAFF):
			self.assertNotIn(repair, [row.name for row in register_orders("Home Repair", day.date())])
		with self.assertRaises(frappe.ValidationError):
			register_orders("Gardening", day.date())

	def test_monthly_analysis_is_approved_by_the_department_manager(self):
		month = "2026-04-01"
		self.served(self.households[0], now_datetime().replace(year=2026, month=4, day=10))
		analysis = monthly_analysis("2026-04-17", self.project, customer_needs="More window cleaning")
		self.assertEqual(str(analysis.month), month)
		self.assertEqual(analysis.orders, 1)
		self.assertEqual(analysis.prepared_by, REVISIT_CS)
		# Customer service prepares; only the department manager's roles approve.
		with as_user(REVISIT_CS), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Monthly Service Analysis", analysis.name).submit()
		with as_user(DEPARTMENT_HEAD), self.assertRaises(MonthlyAnalysisError):
			frappe.get_doc("Monthly Service Analysis", analysis.name).submit()
		# One report per month and scope.
		with self.assertRaises(MonthlyAnalysisError):
			monthly_analysis(month, self.project)
		with as_user(REVISIT_CS):
			draft = frappe.get_doc("Monthly Service Analysis", analysis.name)
			draft.analysis = "Window cleaning asked for more often."
			draft.save()
		with as_user(BRANCH_MANAGER):
			approved = frappe.get_doc("Monthly Service Analysis", analysis.name)
			approved.manager_opinion = "Add a fortnightly window round."
			approved.submit()
		self.assertEqual(approved.approved_by, BRANCH_MANAGER)
		# The approved figures stay as read, whatever is served later.
		self.served(self.households[1], now_datetime().replace(year=2026, month=4, day=20))
		approved.reload()
		self.assertEqual(approved.orders, 1)
		frappe.db.set_value("Monthly Service Analysis", approved.name, "customer_needs", HOSTILE)
		html = self.assert_printed(
			"Monthly Service Analysis",
			approved.name,
			"Monthly Service Analysis",
			"居家服務情況統計分析報告",
			"WY7.5.1-G04-F5",
			"部門經理審批",
			"已審批",
		)
		self.assertIn("Add a fortnightly window round.", html)

	def test_monthly_analysis_figures_and_approval_are_not_typed(self):
		self.served(self.households[0], now_datetime().replace(year=2026, month=5, day=10))
		# What a REST client or a Duplicate might send: figures and an approval of its own.
		analysis = monthly_analysis(
			"2026-05-01", self.project, orders=99, approved_by=BRANCH_MANAGER, approved_on=now_datetime()
		)
		self.assertEqual((analysis.orders, analysis.approved_by, analysis.approved_on), (1, None, None))
		with as_user(BRANCH_MANAGER):
			analysis = frappe.get_doc("Monthly Service Analysis", analysis.name)
			analysis.analysis = "Steady."
			analysis.submit()
		# The desk's Duplicate of the approved report is a second report of the same month: refused.
		copy = frappe.copy_doc(analysis, ignore_no_copy=False)
		self.assertIsNone(copy.approved_by)
		with self.assertRaises(MonthlyAnalysisError):
			copy.insert()

	def test_monthly_analysis_keeps_to_the_preparers_projects(self):
		# Limited to one project: not another's, and not "every project" either (P2).
		with self.assertRaises(frappe.PermissionError):
			monthly_analysis("2026-06-01", self.other_project, user=CS_OF_PAPER_GARDEN)
		# Left empty, the project is their one project (Frappe's default from User Permissions).
		self.assertEqual(
			monthly_analysis("2026-06-01", None, user=CS_OF_PAPER_GARDEN).property_project, self.project
		)
		# Limited to two, they choose: "every project" would be read as the whole company.
		with self.assertRaises(MonthlyAnalysisError):
			monthly_analysis("2026-07-01", None, user=CS_OF_TWO_PROJECTS)
		self.assertEqual(
			monthly_analysis("2026-07-01", self.other_project, user=CS_OF_TWO_PROJECTS).orders, 0
		)
