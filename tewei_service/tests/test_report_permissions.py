"""P2 in every report, as the desk runs it (frappe.desk.query_report.run): each report opens for the
roles that work from it and for no one else, and a reader limited to some property projects by
User Permission finds only those projects' data in its rows, summary and chart.

Two projects with the same kinds of records: Report Garden (A), the only project of the customer
service user and the department head here, and Report Park (B)."""

import json
from datetime import date, datetime, timedelta

import frappe
from frappe.desk.query_report import run
from frappe.model.naming import getseries
from frappe.utils import now_datetime, today

from tewei_service.billing.agreements import bill_agreement
from tewei_service.rules.errands import DIGITS, PREFIX, register_name, register_number
from tewei_service.tests.billing_builders import settle
from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD
from tewei_service.tests.matrix_builders import restrict_to_project
from tewei_service.tests.revisit_builders import DONE, RevisitTestCase
from tewei_service.tests.site import TEST_COMPANY, as_user, call_as, make_user
from tewei_service.tests.work_order_builders import make_employee

MONTH = date(2026, 4, 1)
DAY = date(2026, 4, 14)
AS_OF = "2026-04-30"

CS_OF_GARDEN = "cs-reports@tewei.example"
HEAD_OF_GARDEN = "head-reports@tewei.example"
# One unrestricted user per role, holding that role only.
ROLE_USERS = {
	"Service Leadership": "leader-reports@tewei.example",
	"Branch Manager": "bm-reports@tewei.example",
	"Service Department Head": "head2-reports@tewei.example",
	"Customer Service": "cs2-reports@tewei.example",
	"Service Staff": "staff-reports@tewei.example",
	"Quality": "quality-reports@tewei.example",
	"Accounts User": "au-reports@tewei.example",
	"Accounts Manager": "am-reports@tewei.example",
}
# Who works from each report (SPEC, roles table); every other role is refused.
REPORT_ROLES = {
	"Special Service Register": {
		"Customer Service",
		"Service Department Head",
		"Branch Manager",
		"Service Leadership",
		"Quality",
		"Accounts User",
		"Accounts Manager",
	},
	"Unsigned Service Orders": {"Service Department Head", "Customer Service", "Branch Manager"},
	"Response Commitment Compliance": {
		"Service Department Head",
		"Branch Manager",
		"Service Leadership",
		"Quality",
	},
	"Cash Hand-over": {"Service Department Head", "Accounts User", "Accounts Manager", "Branch Manager"},
	"Agreement Billing": {"Accounts User", "Accounts Manager", "Customer Service", "Branch Manager"},
	"Errand Register Gaps": {
		"Quality",
		"Branch Manager",
		"Service Department Head",
		"Accounts User",
		"Accounts Manager",
	},
	"Revisit Plan Compliance": {"Customer Service", "Quality", "Branch Manager", "Service Leadership"},
	"Home Service Analysis": {
		"Service Department Head",
		"Branch Manager",
		"Service Leadership",
		"Quality",
	},
}


def on_day(hour: int) -> datetime:
	return datetime(DAY.year, DAY.month, DAY.day, hour)


def rows_of(result: dict) -> list[dict]:
	"""The report's rows, without the total row the desk adds."""
	return [row for row in result["result"] if isinstance(row, dict)]


def column(result: dict, fieldname: str) -> set:
	return {row.get(fieldname) for row in rows_of(result)}


class TestReportPermissions(RevisitTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for role, user in ROLE_USERS.items():
			make_user(user, role)
		cls.garden = cls.make_project("Report Garden")
		cls.park = cls.make_project("Report Park")
		make_user(CS_OF_GARDEN, "Customer Service")
		restrict_to_project(CS_OF_GARDEN, cls.garden)
		make_user(HEAD_OF_GARDEN, "Service Department Head")
		restrict_to_project(HEAD_OF_GARDEN, cls.garden)
		# An employee, limited by ERPNext to their own Employee record, as department heads are.
		make_employee(HEAD_OF_GARDEN)
		cls.a = cls.make_scope(cls.garden, "RPA", (cls.windows, 80), fee=300, rating=5)
		cls.b = cls.make_scope(cls.park, "RPB", (cls.laundry, 30), fee=500, rating=1)
		cls.make_errands()

	@classmethod
	def make_scope(cls, project: str, prefix: str, service: tuple, fee: float, rating: int) -> frappe._dict:
		"""The project's records for every report: two orders served on DAY under a response
		commitment, an order booked on DAY and not signed off, an agreement billed for March and
		April, a revisit, and today an immediate order paid through a collector and one not paid."""
		households = cls.make_households(project, 5, prefix)
		scope = frappe._dict(project=project, households=households)
		scope.orders = [
			cls.served(households[0], on_day(9), [(service[0], 1, service[1])]),
			cls.served(households[1], on_day(11), [(service[0], 2, service[1])]),
		]
		for order in scope.orders:
			frappe.db.set_value(
				"Service Work Order", order, {"commitment": "Small Repair", "reported_on": f"{DAY} 08:00:00"}
			)
		scope.unsigned = cls.served(households[2], on_day(14))
		frappe.db.set_value(
			"Service Work Order",
			scope.unsigned,
			{
				"workflow_state": "Dispatched",
				"completed_on": None,
				"appointment_start": f"{DAY} 15:00:00",
				"appointment_end": f"{DAY} 16:00:00",
				"unsigned_reason": f"Waiting for a part ({prefix})",
			},
		)
		scope.agreement = cls.agreement(households[3], "2026-03-01", "2026-08-31", fee=fee)
		scope.invoices = bill_agreement(scope.agreement, as_of=AS_OF)
		scope.revisit = cls.revisit(
			household=households[0],
			orders=[{"work_order": scope.orders[0]}],
			plan_month=MONTH,
			**{
				**DONE,
				"timeliness": str(rating),
				"skill": str(rating),
				"attitude": str(rating),
				"complaint": int(rating < 3),
				"complaint_details": "Late" if rating < 3 else None,
			},
		).name
		paid = cls.immediate(households[4])
		scope.payment = settle(frappe.get_doc("Service Work Order", paid), collected_by=DEPARTMENT_HEAD)[
			"payment_entry"
		]
		scope.not_received = cls.immediate(households[4])
		scope.customers = {frappe.db.get_value("Household", h, "primary_customer") for h in households}
		return scope

	@classmethod
	def immediate(cls, household: str) -> str:
		"""An immediate-settlement order completed today (80), not paid yet."""
		order = cls.served(household, now_datetime() - timedelta(minutes=5), state="Completed")
		frappe.db.set_value("Service Work Order", order, "settlement_mode", "Immediate")
		return order

	@classmethod
	def make_errands(cls):
		"""In register order: A1, a number never issued, B1, a number never issued, B2 deleted,
		A2 deleted, B3 voided, A3 voided."""

		def register(scope) -> str:
			household = scope.households[0]
			return (
				frappe.get_doc(
					{
						"doctype": "Errand Purchase",
						"household": household,
						"customer": frappe.db.get_value("Household", household, "primary_customer"),
						"item_name": f"Soap ({scope.project})",
						"quantity": 1,
						"price": 12,
						"deadline": now_datetime() + timedelta(hours=4),
					}
				)
				.insert()
				.name
			)

		def skip() -> str:
			return register_name(int(getseries(PREFIX, DIGITS)))

		a, b = cls.a, cls.b
		a.errand = register(a)
		cls.gap_after_a = skip()
		b.errand = register(b)
		cls.gap_between_b = skip()
		b.deleted, a.deleted = register(b), register(a)
		b.voided, a.voided = register(b), register(a)
		for name in (b.deleted, a.deleted):
			frappe.delete_doc("Errand Purchase", name)
		for name in (b.voided, a.voided):
			call_as(DEPARTMENT_HEAD, frappe.get_doc("Errand Purchase", name).void, "Registered twice")
		cls.errand_span = {
			"from_number": register_number(a.errand),
			"to_number": register_number(a.voided),
		}

	# The reports, with filters that find both projects' records.

	@classmethod
	def filters(cls, report: str) -> dict:
		return {
			"Special Service Register": {"date": DAY},
			"Unsigned Service Orders": {"date": DAY},
			"Response Commitment Compliance": {"from_date": DAY, "to_date": DAY},
			"Cash Hand-over": {"date": today()},
			"Agreement Billing": {"as_of": AS_OF, "company": TEST_COMPANY},
			"Errand Register Gaps": cls.errand_span,
			"Revisit Plan Compliance": {"company": TEST_COMPANY, "from_month": MONTH, "to_month": MONTH},
			"Home Service Analysis": {
				"company": TEST_COMPANY,
				"month": MONTH,
				"group_by": "Item",
				"chart_on": "revenue",
			},
		}[report]

	def run_as(self, user: str, report: str, **filters) -> dict:
		with as_user(user):
			return run(report, filters or self.filters(report))

	def assert_only_garden(self, result: dict, *garden_records: str):
		"""The garden's records are in the result, nothing of the park is anywhere in it."""
		text = json.dumps(result, default=str)
		for name in garden_records:
			self.assertIn(name, text)
		b = self.b
		park = [b.project, *b.households, *b.orders, b.unsigned, b.agreement, *b.invoices, b.payment]
		park += [b.not_received, b.errand, b.deleted, b.voided, *b.customers, self.gap_between_b]
		for name in park:
			self.assertNotIn(name, text)

	# --- who opens which report ---------------------------------------------------------------------

	def test_each_report_opens_for_its_roles_only(self):
		for report, roles in REPORT_ROLES.items():
			for role, user in ROLE_USERS.items():
				with self.subTest(report=report, role=role):
					if role in roles:
						self.assertTrue(rows_of(self.run_as(user, report)), f"{report} shows {role} nothing")
					else:
						self.assertRaises(frappe.PermissionError, self.run_as, user, report)

	def test_restricted_users_are_refused_the_reports_of_other_roles(self):
		self.assertRaises(frappe.PermissionError, self.run_as, CS_OF_GARDEN, "Home Service Analysis")
		self.assertRaises(frappe.PermissionError, self.run_as, CS_OF_GARDEN, "Cash Hand-over")
		self.assertRaises(frappe.PermissionError, self.run_as, HEAD_OF_GARDEN, "Agreement Billing")

	# --- rows, summaries and charts of the reader's projects only ------------------------------------

	def test_special_service_register(self):
		a, b = self.a, self.b
		everyone = self.run_as(ROLE_USERS["Branch Manager"], "Special Service Register")
		self.assertTrue({*a.orders, *b.orders} <= column(everyone, "name"))
		for user in (CS_OF_GARDEN, HEAD_OF_GARDEN):
			result = self.run_as(user, "Special Service Register")
			self.assertEqual(column(result, "name"), {*a.orders, a.unsigned})
			self.assert_only_garden(result, *a.households[:3])
			# The customer by name, the staff member as text: no Link the reader may not follow.
			self.assertTrue(column(result, "customer_name") <= a.customers)
			self.assertEqual(column(result, "assigned_staff"), {self.staff})

	def test_unsigned_service_orders(self):
		self.assertIn(
			self.b.unsigned,
			column(self.run_as(ROLE_USERS["Branch Manager"], "Unsigned Service Orders"), "name"),
		)
		for user in (CS_OF_GARDEN, HEAD_OF_GARDEN):
			result = self.run_as(user, "Unsigned Service Orders")
			self.assertEqual(column(result, "name"), {self.a.unsigned})
			self.assert_only_garden(result, "Waiting for a part (RPA)")

	def test_response_commitment_compliance(self):
		everyone = self.run_as(ROLE_USERS["Quality"], "Response Commitment Compliance")
		small = {row["commitment"]: row for row in rows_of(everyone)}["Small Repair"]
		self.assertGreaterEqual(small["orders"], 4)
		result = self.run_as(HEAD_OF_GARDEN, "Response Commitment Compliance")
		self.assertEqual(
			[(row["commitment"], row["orders"], row["met"], row["compliance"]) for row in rows_of(result)],
			[("Small Repair", 2, 2, 100.0)],
		)

	def test_cash_hand_over(self):
		a, b = self.a, self.b
		everyone = self.run_as(ROLE_USERS["Accounts User"], "Cash Hand-over")
		self.assertTrue(
			{a.payment, a.not_received, b.payment, b.not_received} <= column(everyone, "document")
		)
		result = self.run_as(HEAD_OF_GARDEN, "Cash Hand-over")
		self.assertEqual(column(result, "document"), {a.payment, a.not_received})
		self.assert_only_garden(result)
		self.assertEqual(
			[(item["label"], item["value"]) for item in result["report_summary"]],
			[("Handed over the same day", 80), ("Late or not received", 80)],
		)

	def test_agreement_billing(self):
		a, b = self.a, self.b
		everyone = self.run_as(ROLE_USERS["Accounts Manager"], "Agreement Billing")
		self.assertTrue({a.agreement, b.agreement} <= column(everyone, "service_agreement"))
		result = self.run_as(CS_OF_GARDEN, "Agreement Billing")
		self.assertEqual(column(result, "service_agreement"), {a.agreement})
		self.assertEqual(column(result, "sales_invoice") - {None}, set(a.invoices))
		self.assert_only_garden(result, *a.invoices)
		# Naming the other project's agreement does not show it either.
		result = self.run_as(CS_OF_GARDEN, "Agreement Billing", as_of=AS_OF, service_agreement=b.agreement)
		self.assertEqual(rows_of(result), [])

	def test_errand_register_gaps(self):
		a, b = self.a, self.b
		everyone = self.run_as(ROLE_USERS["Quality"], "Errand Register Gaps")
		self.assertEqual(
			column(everyone, "register_no"),
			{self.gap_after_a, self.gap_between_b, b.deleted, a.deleted, b.voided, a.voided},
		)
		result = self.run_as(HEAD_OF_GARDEN, "Errand Register Gaps")
		rows = {row["register_no"]: row for row in rows_of(result)}
		self.assertEqual(
			{name: row["kind"] for name, row in rows.items()},
			{self.gap_after_a: "Never Issued", a.deleted: "Deleted", a.voided: "Voided"},
		)
		# The gap lies between the garden's entry and one of the park, which is not named.
		self.assertIn(a.errand, rows[self.gap_after_a]["details"])
		self.assertIn("another property project", rows[self.gap_after_a]["details"])
		self.assert_only_garden(result)
		self.assertEqual(
			[item["value"] for item in result["report_summary"]],
			[1, 1, 1],
		)

	def test_revisit_plan_compliance(self):
		everyone = self.run_as(ROLE_USERS["Quality"], "Revisit Plan Compliance")
		self.assertTrue({self.garden, self.park} <= column(everyone, "property_project"))
		result = self.run_as(CS_OF_GARDEN, "Revisit Plan Compliance")
		(row,) = rows_of(result)
		# Served in April: the two orders' households and the agreement's.
		self.assertEqual(
			(row["property_project"], row["served"], row["planned"], row["done"], row["complaints"]),
			(self.garden, 3, 1, 1, 0),
		)
		self.assertEqual(
			[dataset["values"] for dataset in result["chart"]["data"]["datasets"]],
			[[row["required"]], [1], [1]],
		)
		self.assert_only_garden(result)

	def test_home_service_analysis(self):
		everyone = self.run_as(ROLE_USERS["Service Leadership"], "Home Service Analysis")
		self.assertTrue({self.windows, self.laundry} <= column(everyone, "group"))
		result = self.run_as(HEAD_OF_GARDEN, "Home Service Analysis")
		(row,) = rows_of(result)
		# The garden's two window cleanings (not billed yet), its agreement's April cycle (300, not
		# the park's 500), its revisit rated 5 (not the park's 1, with its complaint).
		self.assertEqual(
			(row["group"], row["orders"], row["revenue"], row["satisfaction"], row["complaints"]),
			(self.windows, 2, 300.0, 5.0, 0),
		)
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		self.assertEqual(
			(summary["Orders"], summary["Revenue"], summary["Satisfaction (1-5)"], summary["Complaints"]),
			(2, 300.0, 5.0, 0),
		)
		chart = result["chart"]["data"]
		self.assertEqual(chart["labels"], ["Window cleaning (revisit test)"])
		self.assertEqual(chart["datasets"][1]["values"], [300.0])
		self.assert_only_garden(result)
