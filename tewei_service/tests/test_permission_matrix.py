"""Who may do what (SPEC "People", P2), on every path: one table per kind of thing, written out by
hand from the SPEC's roles and the app's design, and every cell done as a real user through the
REST API on real, committed records (tests/matrix_builders.py).

A cell lists the operations the column may do; every other operation must be refused:
	c create   r read   l list (the record shows in the list)   w write
	d delete (a fresh draft)   s submit   x cancel   - nothing   · not asked (no such scope)

Columns: LEAD Service Leadership, BM Branch Manager, HEAD Service Department Head, CS Customer
Service, STAFF Service Staff, QUAL Quality, AU Accounts User, AM Accounts Manager, PORTAL a website
customer (portal user of the household's customer), NONE a user without any role. The starred
columns are the same users on records outside their scope (P2): STAFF* another staff member's
order and its household, CS* and HEAD* a property project they are not given.

Submit and cancel are tried on every path that leads there: the Workflow's action and
frappe.client.submit / frappe.client.cancel, or the app's own method (an errand is voided, never
cancelled without its reason). Deleting is tried on a fresh draft; that a record past draft
cannot be deleted by anyone, Administrator included, is the table KEPT_ON_FILE.
"""

import io
import json
from contextlib import redirect_stdout
from dataclasses import dataclass
from urllib.parse import quote

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import strip_html

from tewei_service.tests import matrix_builders as world
from tewei_service.tests.matrix_builders import PREFIX, USERS, record, used_up
from tewei_service.tests.rest import call, token_for
from tewei_service.tests.site import TEST_COMPANY

DOCTYPES = """
doctype                | LEAD | BM      | HEAD    | CS     | STAFF | QUAL | AU | AM | PORTAL | NONE || STAFF* | CS* | HEAD*
Property Project       | rl   | crlwd   | rl      | rl     | rl    | rl   | rl | rl | -      | -    || rl     | -   | -
Household              | rl   | crlwd   | rlw     | crlw   | rl    | rl   | rl | rl | -      | -    || -      | -   | -
Service Catalogue Item | rl   | crlw    | rl      | rl     | rl    | rl   | rl | rl | -      | -    || ·      | ·   | ·
Price Confirmation     | rl   | crlwsx  | crlw    | crlw   | rl    | -    | rl | rl | -      | -    || -      | -   | -
Service Price Notice   | rl   | crlwd   | rl      | crlwd  | rl    | rl   | -  | -  | -      | -    || ·      | ·   | ·
Service Work Order     | rl   | crlwd   | crlw    | crlw   | rlw   | rl   | rl | rl | -      | -    || -      | -   | -
Service Message Slip   | -    | crlw    | crlw    | crlw   | crlw  | rl   | -  | -  | -      | -    || -      | -   | -
Service Agreement      | rl   | crlwsx  | crlws   | crlw   | -     | rl   | rl | rl | -      | -    || -      | -   | -
Errand Purchase        | rl   | crlwsx  | crlwsx  | crlws  | crlws | rl   | rl | rl | -      | -    || -      | -   | -
Revisit Record         | rl   | rl      | rl      | crlw   | -     | crlw | -  | -  | -      | -    || -      | -   | -
Billing Run            | -    | -       | -       | -      | -     | -    | rl | rl | -      | -    || ·      | ·   | ·
"""

# y: the report opens (POST /api/method/frappe.desk.query_report.run), tried on a day without any
# orders, and where the report lists the matrix's own orders, on their day too. Starred columns, y:
# the other project's order is in what the report shows; the data is limited to the user's
# projects, so a restricted user must not find it ("·" where the report lists no such order).
REPORTS = """
report                         | LEAD | BM | HEAD | CS | STAFF | QUAL | AU | AM | PORTAL | NONE || CS* | HEAD*
Special Service Register       | y    | y  | y    | y  | -     | y    | y  | y  | -      | -    || -   | -
Unsigned Service Orders        | -    | y  | y    | y  | -     | -    | -  | -  | -      | -    || -   | -
Response Commitment Compliance | y    | y  | y    | -  | -     | y    | -  | -  | -      | -    || ·   | ·
Cash Hand-over                 | -    | y  | y    | -  | -     | -    | y  | y  | -      | -    || ·   | ·
Agreement Billing              | -    | y  | -    | y  | -     | -    | y  | y  | -      | -    || ·   | ·
Errand Register Gaps           | -    | y  | y    | -  | -     | y    | y  | y  | -      | -    || ·   | ·
Revisit Plan Compliance        | y    | y  | -    | y  | -     | y    | -  | -  | -      | -    || ·   | ·
Home Service Analysis          | y    | y  | y    | -  | -     | y    | -  | -  | -      | -    || ·   | ·
"""

# y: the print view opens (GET /printview). PORTAL*: another household's document.
PRINTS = """
print format        | LEAD | BM | HEAD | CS | STAFF | QUAL | AU | AM | PORTAL | NONE || STAFF* | CS* | HEAD* | PORTAL*
Service Work Order  | y    | y  | y    | y  | y     | y    | y  | y  | y      | -    || -      | -   | -     | -
Service Message Slip| -    | y  | y    | y  | y     | y    | -  | -  | -      | -    || -      | -   | -     | -
Price Confirmation  | y    | y  | y    | y  | y     | -    | y  | y  | -      | -    || -      | -   | -     | -
Service Price Notice| y    | y  | y    | y  | y     | y    | -  | -  | -      | -    || ·      | ·   | ·     | ·
Service Agreement   | y    | y  | y    | y  | -     | y    | y  | y  | y      | -    || -      | -   | -     | -
Termination Notice  | y    | y  | y    | y  | -     | y    | y  | y  | y      | -    || -      | -   | -     | -
Errand Purchase     | y    | y  | y    | y  | y     | y    | y  | y  | -      | -    || -      | -   | -     | -
Billing Notice      | -    | -  | -    | -  | -     | -    | y  | y  | y      | -    || ·      | ·   | ·     | -
Cash Receipt        | -    | -  | -    | -  | -     | -    | y  | y  | -      | -    || ·      | ·   | ·     | ·
"""

# Print format → (its DocType, the record printed).
PRINT_SUBJECTS = {
	"Service Work Order": ("Service Work Order", "order"),
	"Service Message Slip": ("Service Message Slip", "slip"),
	"Price Confirmation": ("Price Confirmation", "draft confirmation"),
	"Service Price Notice": ("Service Price Notice", "notice"),
	"Service Agreement": ("Service Agreement", "active agreement"),
	"Termination Notice": ("Service Agreement", "active agreement"),
	"Errand Purchase": ("Errand Purchase", "errand"),
	"Billing Notice": ("Sales Invoice", "invoice"),
	"Cash Receipt": ("Payment Entry", "receipt"),
}

# Records past draft that the procedures keep on file (tewei_service/records.py): nobody deletes
# them, not even Administrator. doctype → the record tried.
KEPT_ON_FILE = {
	"Household": "household",  # documents are filed under it
	"Service Work Order": "order",
	"Service Message Slip": "slip",
	"Price Confirmation": "approved confirmation",
	"Service Agreement": "active agreement",
	"Errand Purchase": "delivered errand",
	"Revisit Record": "done revisit",
}


def parse(table: str) -> dict[str, dict[str, str]]:
	"""{row: {column: cell}} of a table above ("||" only separates the starred columns)."""
	header, *rows = [line.replace("||", "|") for line in table.strip().splitlines()]
	columns = [cell.strip() for cell in header.split("|")[1:]]
	parsed = {}
	for line in rows:
		name, *cells = [cell.strip() for cell in line.split("|")]
		assert len(cells) == len(columns), f"row {name!r} has {len(cells)} cells for {len(columns)} columns"
		parsed[name] = dict(zip(columns, cells, strict=True))
	return parsed


def rest(method: str, path: str, token: str, body: dict | None = None):
	"""One REST request (tests/rest.py), without the traceback Frappe prints of each refusal."""
	with redirect_stdout(io.StringIO()):
		return call(method, path, token, body)


def user_of(column: str) -> str:
	return USERS[column.rstrip("*")][0]


def scope_of(column: str) -> str:
	return "other" if column.endswith("*") else "mine"


# --- what each cell does ---------------------------------------------------------------------------


@dataclass
class Subject:
	"""How the matrix works on one DocType: the record read, listed and written (a purpose of
	matrix_builders.BUILDERS), the draft it deletes, and the paths to submit and cancel."""

	base: str
	draft: str | None
	write: dict
	# (path, record it starts from, how: "workflow:<action>", "client" or "void")
	submit: tuple = ()
	cancel: tuple = ()
	# The operations tried (submit and cancel only where the DocType is submittable).
	ops: str = "crlwdsx"


SUBJECTS = {
	"Property Project": Subject("project", "new project", {"address": "{who}"}),
	"Household": Subject("household", "new household", {"address": "{who}"}),
	"Service Catalogue Item": Subject("draft service", "draft service", {"description": "{who}"}),
	"Price Confirmation": Subject(
		"draft confirmation",
		"draft confirmation",
		{"work_description": "{who}"},
		submit=(
			("Workflow Approve", "pending confirmation", "workflow:Approve"),
			("frappe.client.submit", "pending confirmation", "client"),
		),
		cancel=(("frappe.client.cancel", "approved confirmation", "client"),),
	),
	"Service Price Notice": Subject("notice", "notice", {"remarks": PREFIX}),
	"Service Work Order": Subject("order", "registered order", {"unsigned_reason": "{who}"}),
	"Service Message Slip": Subject("slip", "slip", {"message": "{who}"}),
	"Service Agreement": Subject(
		"draft agreement",
		"draft agreement",
		{"billing_cycle": "Monthly"},
		# A1: signing is the Sign action only; frappe.client.submit is refused to everyone
		# (test_an_agreement_is_signed_only_by_its_action).
		submit=(("Workflow Sign", "pending agreement", "workflow:Sign"),),
		cancel=(("frappe.client.cancel", "active agreement", "client"),),
	),
	"Errand Purchase": Subject(
		"errand",
		"errand",
		{"brand": "{who}"},
		submit=(("frappe.client.submit", "closable errand", "client"),),
		cancel=(("Void", "delivered errand", "void"),),
	),
	"Revisit Record": Subject("planned revisit", "planned revisit", {"comments": "{who}"}),
	# Starting a run (create) queues real billing in the background, from the request's own
	# connection (test_month_end_billing starts runs); its jobs alone write it.
	"Billing Run": Subject("billing run", None, {}, ops="rl"),
}

# Answers that mean "not allowed" (the others are failures of the cell itself): Frappe's
# permission and workflow refusals and the app's own (exceptions.py).
REFUSALS = {
	"PermissionError",
	"ServicePermissionError",
	"ApprovalError",
	"WorkflowPermissionError",
	"WorkflowTransitionError",
	"KeptOnFileError",
}


class Outcome(str):
	"""The answer of a cell (allowed, refused or error …) and what the server said, shown when the
	cell fails."""

	detail = ""


def verdict(word: str, detail: str = "") -> Outcome:
	result = Outcome(word)
	result.detail = detail
	return result


def server_said(response) -> str:
	body = (response.json or {}) if response.is_json else {}
	try:
		messages = [json.loads(message) for message in json.loads(body.get("_server_messages") or "[]")]
		said = "; ".join(strip_html(message.get("message", "")) for message in messages)
	except (TypeError, ValueError, AttributeError):
		said = ""
	return (said or str(body.get("exception") or strip_html(response.text)).strip())[:300]


def outcome(response) -> Outcome:
	body = (response.json or {}) if response.is_json else {}
	said = server_said(response)
	if 200 <= response.status_code < 300:
		return verdict("allowed")
	exc_type = body.get("exc_type")
	if response.status_code == 403 or exc_type in REFUSALS:
		return verdict("refused", f"{response.status_code} {exc_type}: {said}")
	return verdict(f"error {response.status_code} {exc_type}", said)


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world.purge()  # anything an interrupted run left
		cls.scopes = world.make_world()
		cls.tokens = {column: token_for(user) for column, (user, _role) in USERS.items()}
		cls.tokens["ADMIN"] = token_for("Administrator")

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		world.purge()
		super().tearDownClass()

	def setUp(self):
		self.cells, self.mismatches = 0, []

	def check(self, what: str, column: str, expected: str, got: str) -> None:
		self.cells += 1
		if got != expected:
			who = "Administrator" if column == "ADMIN" else user_of(column)
			detail = f" ({got.detail})" if getattr(got, "detail", "") else ""
			self.mismatches.append(f"{what} | {column} ({who}) | expected {expected} | got {got}{detail}")

	def report_cells(self, table: str) -> None:
		print(f"\n{table}: {self.cells} cells run, {len(self.mismatches)} mismatches")
		if self.mismatches:
			self.fail(
				f"{len(self.mismatches)} of {self.cells} cells disagree:\n" + "\n".join(self.mismatches)
			)

	def token(self, column: str) -> str:
		return self.tokens[column.rstrip("*")]

	def record(self, column: str, purpose: str) -> str:
		return record(self.scopes[scope_of(column)], purpose)

	def used_up(self, column: str, purpose: str) -> None:
		used_up(self.scopes[scope_of(column)], purpose)

	# --- DocTypes --------------------------------------------------------------------------------

	def test_doctypes(self):
		for doctype, row in parse(DOCTYPES).items():
			if not frappe.db.exists("DocType", doctype):
				print(f"\n{doctype}: not installed on this site, its row is not run")
				continue
			subject = SUBJECTS[doctype]
			submittable = frappe.get_meta(doctype).is_submittable
			ops = [op for op in subject.ops if submittable or op not in "sx"]
			for column, cell in row.items():
				if cell == "·":
					continue
				allowed = set(cell) - {"-"}
				for op in ops:
					for label, got in self.do(doctype, subject, column, op):
						expected = "allowed" if op in allowed else "refused"
						self.check(f"{doctype} | {label}", column, expected, got)
		self.report_cells("DocTypes")

	def do(self, doctype: str, subject: Subject, column: str, op: str):
		"""Yield (operation, outcome) for each path of `op` (submit and cancel may have several)."""
		token, path = self.token(column), f"/api/resource/{quote(doctype)}"
		if op == "c":
			values = world.new_values(doctype, self.scopes[scope_of(column)])
			yield "create", outcome(rest("POST", path, token, json.loads(frappe.as_json(values))))
		elif op == "r":
			name = self.record(column, subject.base)
			yield "read", outcome(rest("GET", f"{path}/{quote(name)}", token))
		elif op == "l":
			name = self.record(column, subject.base)
			filters = quote(json.dumps([["name", "=", name]]))
			response = rest("GET", f"{path}?filters={filters}&fields={quote(json.dumps(['name']))}", token)
			got = outcome(response)
			if got == "allowed" and name not in {row["name"] for row in response.json["data"]}:
				got = verdict("refused", "200, but the list leaves it out")
			yield "list", got
		elif op == "w":
			name = self.record(column, subject.base)
			values = {
				key: value.format(who=f"{PREFIX}written by {column}") if isinstance(value, str) else value
				for key, value in subject.write.items()
			}
			yield "write", outcome(rest("PUT", f"{path}/{quote(name)}", token, values))
		elif op == "d":
			name = self.record(column, subject.draft)
			got = outcome(rest("DELETE", f"{path}/{quote(name)}", token))
			if got == "allowed":
				self.used_up(column, subject.draft)
			yield "delete draft", got
		else:
			for label, purpose, how in subject.submit if op == "s" else subject.cancel:
				name = self.record(column, purpose)
				got = outcome(self.transition(token, doctype, name, how, op))
				if got == "allowed":
					self.used_up(column, purpose)
				yield f"{'submit' if op == 's' else 'cancel'} ({label})", got

	@staticmethod
	def transition(token: str, doctype: str, name: str, how: str, op: str):
		if how.startswith("workflow:"):
			return rest(
				"POST",
				"/api/method/frappe.model.workflow.apply_workflow",
				token,
				{"doc": {"doctype": doctype, "name": name}, "action": how.split(":", 1)[1]},
			)
		if how == "void":
			return rest(
				"POST",
				"/api/method/run_doc_method",
				token,
				{"dt": doctype, "dn": name, "method": "void", "args": {"reason": f"{PREFIX}voided"}},
			)
		if op == "s":
			doc = json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict()))
			return rest("POST", "/api/method/frappe.client.submit", token, {"doc": doc})
		return rest("POST", "/api/method/frappe.client.cancel", token, {"doctype": doctype, "name": name})

	def test_an_agreement_is_signed_only_by_its_action(self):
		for column in (*USERS, "ADMIN"):
			name = record(self.scopes["mine"], "pending agreement")
			got = outcome(self.transition(self.token(column), "Service Agreement", name, "client", "s"))
			self.check("Service Agreement | submit (frappe.client.submit)", column, "refused", got)
			if got == "allowed":
				used_up(self.scopes["mine"], "pending agreement")
		self.report_cells("Agreement signature")

	def test_records_kept_on_file_are_deleted_by_nobody(self):
		for doctype, purpose in KEPT_ON_FILE.items():
			name = record(self.scopes["mine"], purpose)
			for column in (*USERS, "ADMIN"):
				response = rest("DELETE", f"/api/resource/{quote(doctype)}/{quote(name)}", self.token(column))
				got = outcome(response)
				if response.status_code in (403, 417) and frappe.db.exists(doctype, name):
					# Refused for whatever reason (permission, kept on file, submitted): it stays.
					got = verdict("refused", got.detail)
				self.check(f"{doctype} | delete {purpose}", column, "refused", got)
				if got == "allowed":
					used_up(self.scopes["mine"], purpose)
					name = record(self.scopes["mine"], purpose)
		self.report_cells("Kept on file")

	# --- reports ---------------------------------------------------------------------------------

	@staticmethod
	def report_filters() -> dict[str, tuple[dict, dict | None]]:
		"""Report → (filters of a day or month long past, with nothing to show; filters that show
		the matrix's orders, or None)."""
		past, day = world.PAST, world.DAY.date().isoformat()
		return {
			"Special Service Register": ({"date": past}, {"date": day}),
			"Unsigned Service Orders": ({"date": past}, {"date": day}),
			"Response Commitment Compliance": ({"from_date": past, "to_date": past}, None),
			"Cash Hand-over": ({"date": past}, None),
			"Agreement Billing": ({"as_of": past, "company": TEST_COMPANY}, None),
			"Errand Register Gaps": ({"from_date": past, "to_date": past}, None),
			"Revisit Plan Compliance": (
				{"company": TEST_COMPANY, "from_month": past, "to_month": past},
				None,
			),
			"Home Service Analysis": (
				{"company": TEST_COMPANY, "month": past, "group_by": "Item", "chart_on": "orders"},
				None,
			),
		}

	def run_report(self, column: str, report: str, filters: dict):
		return rest(
			"POST",
			"/api/method/frappe.desk.query_report.run",
			self.token(column),
			{"report_name": report, "filters": json.dumps(filters)},
		)

	def test_reports(self):
		filters_of = self.report_filters()
		for report, row in parse(REPORTS).items():
			empty, listing = filters_of[report]
			for column, cell in row.items():
				if cell == "·":
					continue
				expected = "allowed" if cell == "y" else "refused"
				if not column.endswith("*"):
					got = outcome(self.run_report(column, report, empty))
					self.check(f"{report} | open", column, expected, got)
					if listing:
						response = self.run_report(column, report, listing)
						got = outcome(response)
						if column == "BM" and got == "allowed":
							# What the starred columns must not see is there to be seen.
							other = self.record("BM*", "order")
							if other not in json.dumps(response.json["message"]["result"]):
								got = verdict("refused", f"{other} of {world.PARK} not in the result")
						self.check(f"{report} | open on {listing}", column, expected, got)
					continue
				# The other project's order, which the Branch Manager finds: a restricted user does not.
				name = self.record(column, "order")
				response = self.run_report(column, report, listing)
				got = outcome(response)
				if got == "allowed":
					shown = name in json.dumps(response.json["message"]["result"])
					got = verdict("allowed") if shown else verdict("refused", "not in the result")
				else:  # refusing to open proves nothing about the data
					got = verdict("did not open", got.detail)
				self.check(f"{report} | shows {name} of {world.PARK}", column, expected, got)
		self.report_cells("Reports")

	# --- print views -----------------------------------------------------------------------------

	def test_print_views(self):
		for print_format, row in parse(PRINTS).items():
			doctype, purpose = PRINT_SUBJECTS[print_format]
			for column, cell in row.items():
				if cell == "·":
					continue
				name = self.record(column, purpose)
				path = f"/printview?doctype={quote(doctype)}&name={quote(name)}&format={quote(print_format)}"
				response = rest("GET", path, self.token(column))
				got = outcome(response)
				if got == "allowed" and name not in response.text:
					got = verdict("error", f"status 200 without {name}")
				self.check(
					f"{print_format} | print {name}", column, "allowed" if cell == "y" else "refused", got
				)
		self.report_cells("Print views")
