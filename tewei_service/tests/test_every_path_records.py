"""Households, privacy, records kept on file and hostile text, on every path round them (SPEC W1,
P1, P2, E1, E2, W5, W6, W8, V3, C2): documents for a customer not of the household, a customer
with two homes on the website, staff reading other households' records (in Python and over REST),
deleting what the procedures keep, markup and fake signatures, and the desk's Duplicate."""

import json
from urllib.parse import quote

import frappe
from frappe.utils import add_days, now_datetime, today

from tewei_service.exceptions import (
	ApprovalError,
	KeptOnFileError,
	SignatureLockedError,
)
from tewei_service.tests.agreement_builders import draft_agreement, signed_agreement
from tewei_service.tests.billing_builders import bill_recent, settle
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	FINANCE,
	act,
	draft_item,
	fresh,
)
from tewei_service.tests.every_path_builders import (
	EP_STAFF,
	EP_SYSTEM_MANAGER,
	ESCAPED_MARKUP_START,
	HOSTILE_SIGNATURES,
	MARK,
	MARKUP,
	EveryPathTestCase,
	delivered_errand,
	duplicate,
	errand_values,
	every_path_world,
	full_copy,
	hand_made_invoice,
	insert_as,
	make_every_path_users,
	message_slip,
	notice_of,
	refusal,
	registered_errand,
	rendered_page,
	rest,
	rest_insert,
	see_committed,
)
from tewei_service.tests.price_confirmation_builders import approved_confirmation, draft_confirmation
from tewei_service.tests.rest import token_for
from tewei_service.tests.site import as_user, call_as, make_customer, make_household, make_user
from tewei_service.tests.work_order_builders import SIGNATURE, STAFF
from tewei_service.work_orders.daily import send_end_of_day_unsigned_lists
from tewei_service.www.my_household import get_context as my_household_context

PORTAL = "portal-everypath@tewei.example"


def agreement_for(case, household: str, customer: str | None = None, **values):
	return draft_agreement(
		household,
		case.cleaning,
		case.staff,
		add_days(today(), 1),
		add_days(today(), 90),
		customer=customer,
		**values,
	)


class TestHouseholdCustomers(EveryPathTestCase):
	"""W1, P1: an order, agreement or errand is for one of its household's own customers."""

	def makers(self):
		return {
			"Service Work Order": lambda household, customer: self.register(
				household=household, customer=customer
			),
			"Service Agreement": lambda household, customer: agreement_for(self, household, customer),
			"Errand Purchase": registered_errand,
		}

	def test_a_document_for_a_customer_not_of_the_household_is_refused(self):
		stranger = make_customer("Every path stranger Pei")
		for doctype, make in self.makers().items():
			with self.subTest(doctype=doctype):
				with self.assertRaisesRegex(
					frappe.ValidationError, f"{stranger} is not a customer of household {self.household}"
				):
					make(self.household, stranger)
		# The desk's Duplicate of an order, moved to another household of the project: refused too.
		other = make_household(self.project, "EP-neighbour", make_customer("Every path neighbour Qiu"))
		copy = duplicate(self.register())
		copy.household = other
		self.assertRaisesRegex(
			frappe.ValidationError, "is not a customer of household", insert_as, CUSTOMER_SERVICE, copy
		)

	def test_a_disabled_household_takes_no_new_documents(self):
		customer = make_customer("Every path moved out Ran")
		household = make_household(self.project, "EP-moved-out", customer)
		for make in self.makers().values():
			make(household, customer)  # in use: accepted
		with as_user(CUSTOMER_SERVICE):
			doc = frappe.get_doc("Household", household)
			doc.disabled = 1
			doc.save()
		for doctype, make in self.makers().items():
			with self.subTest(doctype=doctype):
				with self.assertRaisesRegex(frappe.ValidationError, f"Household {household} is disabled"):
					make(household, customer)


class TestHouseholdFile(EveryPathTestCase):
	"""P1: a customer with two homes gets one notice naming each; the website shows it, escaped."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(PORTAL, "Customer")
		cls.tenant = make_customer("Every path two homes Ren")
		customer = frappe.get_doc("Customer", cls.tenant)
		if PORTAL not in [row.user for row in customer.portal_users]:
			customer.append("portal_users", {"user": PORTAL})
			customer.save(ignore_permissions=True)
		cls.home = make_household(cls.project, "EP-2H-1", cls.tenant)
		# The second home is a landlord's, rented to the same customer; its building is hostile text.
		cls.rented = make_household(
			cls.project, "EP-2H-2", make_customer("Every path landlord Su"), building=MARKUP
		)
		rented = frappe.get_doc("Household", cls.rented)
		if cls.tenant not in [row.customer for row in rented.customers]:
			rented.append("customers", {"customer": cls.tenant, "relation": "Tenant"})
			rented.save()

	def test_one_notice_names_each_household_and_the_customer_sees_it_at_home(self):
		at_home = self.checked_in(self.home, self.tenant, qty=1)
		rented = self.checked_in(self.rented, self.tenant, qty=2)
		notice = frappe.get_doc("Sales Invoice", notice_of(bill_recent(), self.tenant))
		self.assertEqual(
			{row.tewei_work_order: row.tewei_household for row in notice.items},
			{at_home.name: self.home, rented.name: self.rented},
		)
		self.assertFalse(notice.tewei_household)  # two homes: the lines say which

		with as_user(PORTAL):
			context = my_household_context(frappe._dict())
		html = rendered_page("my_household", PORTAL)
		self.assertEqual({row.name for row in context.households}, {self.home, self.rented})
		self.assertIn(notice.name, [row.name for row in context.invoices])
		self.assertTrue({at_home.name, rented.name} <= {row.name for row in context.orders})
		for expected in (notice.name, at_home.name, rented.name):
			self.assertTrue(expected in html, f"{expected} is not on /my_household")

	def test_markup_in_a_household_or_request_shows_as_text_on_my_household(self):
		self.register(household=self.home, customer=self.tenant, request_details=MARKUP)
		# Frappe's own sanitizer keeps a link: only escaping keeps it from rendering.
		self.assertIn(
			'<a href="https://evil.example/pay">',
			frappe.db.get_value("Household", self.rented, "household_name"),
		)
		self.assertTrue(frappe.db.exists("Service Work Order", {"request_details": ("like", "%<a href=%")}))
		html = rendered_page("my_household", PORTAL)
		self.assertFalse('evil.example/pay">' in html, "the link renders on /my_household")
		self.assertGreaterEqual(html.count(ESCAPED_MARKUP_START), 2)


class TestStaffSeeTheirOwnHouseholds(EveryPathTestCase):
	"""P2: a staff member reads the records of the households their own orders serve, and those
	they made or are named on; nothing of another household. Committed (REST), made once."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = every_path_world(cls.cleaning)
		cls.token = token_for(EP_STAFF)
		w = cls.w
		cls.visible = {
			"Household": {w.served},
			"Service Work Order": {w.order},
			"Errand Purchase": {w.errand_served, w.errand_bought, w.errand_own},
			"Service Message Slip": {w.slip_left},
			"Price Confirmation": {w.confirmation_served},
		}
		cls.hidden = {
			"Household": {w.other},
			"Service Work Order": {w.other_order},
			"Errand Purchase": {w.errand_other},
			"Service Message Slip": {w.slip_other},
			"Price Confirmation": {w.confirmation_other},
		}

	def world_names(self, doctype: str) -> set[str]:
		return self.visible[doctype] | self.hidden[doctype]

	def test_frappe_get_list_shows_only_their_households_records(self):
		for doctype, expected in self.visible.items():
			with self.subTest(doctype=doctype), as_user(EP_STAFF):
				listed = frappe.get_list(
					doctype, {"name": ("in", list(self.world_names(doctype)))}, pluck="name"
				)
				self.assertEqual(set(listed), expected)
				for name in self.hidden[doctype]:
					self.assertFalse(frappe.has_permission(doctype, "read", name), name)
				for name in expected:
					self.assertTrue(frappe.has_permission(doctype, "read", name), name)
		with as_user(EP_STAFF):
			self.assertRaises(frappe.PermissionError, frappe.get_list, "Service Agreement")

	def test_rest_lists_and_reads_only_their_households_records(self):
		for doctype, expected in self.visible.items():
			with self.subTest(doctype=doctype):
				path = (
					f"/api/resource/{quote(doctype)}?fields={quote(json.dumps(['name']))}"
					f"&filters={quote(json.dumps([['name', 'in', sorted(self.world_names(doctype))]]))}"
					"&limit_page_length=0"
				)
				response = rest("GET", path, self.token)
				self.assertEqual(response.status_code, 200, response.text)
				self.assertEqual({row["name"] for row in response.json["data"]}, expected)
				for name in expected:
					self.assertEqual(self.read(doctype, name), 200, name)
				for name in self.hidden[doctype]:
					self.assertEqual(self.read(doctype, name), 403, name)
		self.assertEqual(self.read("Service Agreement", self.w.agreement_other), 403)

	def read(self, doctype: str, name: str) -> int:
		return rest("GET", f"/api/resource/{quote(doctype)}/{quote(name)}", self.token).status_code


class TestGuardsOverREST(EveryPathTestCase):
	"""Forbidden values posted by real users, and deletes by a System Manager (the world above)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = every_path_world(cls.cleaning)
		cls.tokens = {user: token_for(user) for user in (CUSTOMER_SERVICE, EP_SYSTEM_MANAGER)}

	def post(self, doctype: str, values: dict, user: str = CUSTOMER_SERVICE):
		return rest_insert(self.tokens[user], doctype, values)

	def assert_refused(self, doctype: str, values: dict, expected: tuple, text: str | None = None):
		see_committed()
		before = frappe.db.count(doctype)
		response = self.post(doctype, values)
		self.assertEqual(refusal(response), expected, response.text)
		if text:
			self.assertIn(text, response.text)
		see_committed()
		self.assertEqual(frappe.db.count(doctype), before)

	def test_kept_records_are_not_deleted_by_a_system_manager(self):
		for doctype, name in (
			("Service Work Order", self.w.order),
			("Service Message Slip", self.w.slip_other),
			("Household", self.w.served),
		):
			with self.subTest(doctype=doctype):
				path = f"/api/resource/{quote(doctype)}/{quote(name)}"
				response = rest("DELETE", path, self.tokens[EP_SYSTEM_MANAGER])
				self.assertEqual(refusal(response), (417, "KeptOnFileError"), response.text)
				see_committed()
				self.assertTrue(frappe.db.exists(doctype, name))

	def test_an_order_for_a_customer_not_of_the_household_is_refused(self):
		values = {
			"household": self.w.served,
			"customer": self.w.other_owner,
			"request_type": "Housekeeping",
			"request_details": f"{MARK} posted for the wrong customer",
			"items": [{"catalogue_item": self.cleaning, "qty": 1, "rate": 100}],
		}
		self.assert_refused(
			"Service Work Order",
			values,
			(417, "ValidationError"),
			f"{self.w.other_owner} is not a customer of household {self.w.served}",
		)

	def test_a_signature_that_is_not_a_drawn_image_is_refused(self):
		agreement = {
			"household": self.w.served,
			"customer": self.w.owner,
			"service_type": "Regular",
			"start_date": add_days(today(), 1),
			"end_date": add_days(today(), 90),
			"billing_cycle": "Monthly",
			"services": [
				{
					"catalogue_item": self.cleaning,
					"schedule": "Mondays",
					"staff": self.w.staff,
					"fee_per_cycle": 300,
				}
			],
		}
		errand = {
			**errand_values(self.w.served, self.w.owner),
			"deadline": str(add_days(now_datetime(), 1)),
			"receipt_checked": 1,
		}
		order = {
			"household": self.w.served,
			"customer": self.w.owner,
			"request_type": "Housekeeping",
			"request_details": f"{MARK} posted with a fake signature",
			"items": [{"catalogue_item": self.cleaning, "qty": 1, "rate": 100}],
		}
		for value in HOSTILE_SIGNATURES:
			for doctype, values in (
				("Service Agreement", agreement),
				("Errand Purchase", errand),
				("Service Work Order", order),
			):
				with self.subTest(doctype=doctype, value=value[:20]):
					self.assert_refused(
						doctype, {**values, "customer_signature": value}, (417, "SignatureLockedError")
					)

	def test_values_only_the_app_writes_are_refused(self):
		errand = {**errand_values(self.w.served, self.w.owner), "deadline": str(add_days(now_datetime(), 1))}
		agreement = {
			"household": self.w.served,
			"customer": self.w.owner,
			"service_type": "Regular",
			"start_date": add_days(today(), 1),
			"end_date": add_days(today(), 90),
			"billing_cycle": "Monthly",
			"services": [
				{
					"catalogue_item": self.cleaning,
					"schedule": "Mondays",
					"staff": self.w.staff,
					"fee_per_cycle": 300,
				}
			],
		}
		for doctype, values, expected in (
			("Errand Purchase", {**errand, "voided_by": DEPARTMENT_HEAD}, "ApprovalError"),
			("Errand Purchase", {**errand, "payment_status": "Paid"}, "PrivateSettlementError"),
			("Service Agreement", {**agreement, "signed_by": DEPARTMENT_HEAD}, "ApprovalError"),
			("Service Agreement", {**agreement, "signed_on": str(now_datetime())}, "ApprovalError"),
			(
				"Service Agreement",
				{**agreement, "terminated_on": str(add_days(today(), 30))},
				"ApprovalError",
			),
		):
			with self.subTest(doctype=doctype, field=[k for k in values if k not in errand | agreement]):
				self.assert_refused(doctype, values, (417, expected))
		# A reply is recorded only with "Customer Replied"; a quality check is Quality's record.
		self.assert_refused(
			"Service Message Slip",
			{"work_order": self.w.order, "message": f"{MARK} posted reply", "reply": "Come on Friday"},
			(417, "ValidationError"),
			"Tick Customer Replied",
		)
		self.assert_refused(
			"Revisit Record",
			{"household": self.w.served, "method": "Quality Check", "status": "Planned"},
			(403, "ServicePermissionError"),
		)


class TestKeptOnFile(EveryPathTestCase):
	"""P1, E2, W5, V3: what the procedures keep is cancelled or voided, never deleted, by anyone."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_every_path_users()

	def refused(self, doc, exc=KeptOnFileError, users=("Administrator", EP_SYSTEM_MANAGER)):
		for user in users:
			with self.subTest(doctype=doc.doctype, user=user), as_user(user):
				self.assertRaises(exc, frappe.delete_doc, doc.doctype, doc.name)
			self.assertTrue(frappe.db.exists(doc.doctype, doc.name))

	def deleted(self, doc):
		frappe.delete_doc(doc.doctype, doc.name)
		self.assertFalse(frappe.db.exists(doc.doctype, doc.name))

	def test_a_work_order_past_registered_stays_on_file(self):
		cancelled = self.edit(
			self.register(), CUSTOMER_SERVICE, cancelled_by_side="Customer", cancellation_reason="Moved out"
		)
		for doc in (self.checked(qty=1), self.dispatched(), act(cancelled, "Cancel", CUSTOMER_SERVICE)):
			self.refused(doc)
		self.deleted(self.register())

	def test_a_message_slip_is_never_deleted(self):
		order = self.dispatched()
		slip = frappe.get_doc("Service Message Slip", message_slip(order.name, "Nobody at home", user=STAFF))
		self.refused(slip)

	def test_a_household_with_documents_on_file_stays(self):
		customer = make_customer("Every path household file Sha")
		self.deleted(frappe.get_doc("Household", make_household(self.project, "EP-empty", customer)))
		with_order = make_household(self.project, "EP-with-order", customer)
		self.register(household=with_order, customer=customer)
		self.refused(frappe.get_doc("Household", with_order))
		# A draft billing notice is filed under its household too.
		with_notice = make_household(self.project, "EP-with-notice", customer)
		item = frappe.db.get_value("Service Catalogue Item", self.cleaning, "item")
		with as_user(FINANCE):
			hand_made_invoice(
				customer, [{"item_code": item, "qty": 1, "rate": 100}], tewei_household=with_notice
			).insert()
		self.refused(frappe.get_doc("Household", with_notice))

	def test_submitted_or_cancelled_errands_agreements_and_confirmations_stay_on_file(self):
		customer = make_customer("Every path submitted Tie")
		household = self.household_of(customer)
		errand = delivered_errand(household, customer)
		agreement = signed_agreement(agreement_for(self, household))
		confirmation = approved_confirmation()
		for doc in (errand, agreement, confirmation):
			self.refused(doc, exc=frappe.ValidationError)  # Frappe's own: cancel it first
		call_as(DEPARTMENT_HEAD, fresh(errand).void, "Customer cancelled the purchase")
		self.assertEqual(fresh(errand).docstatus, 2)
		for doc in (agreement, confirmation):
			# Neither Workflow has a cancelled state; a cancelled record (say, from before) is kept too.
			frappe.db.set_value(doc.doctype, doc.name, "docstatus", 2)
		for doc in (errand, agreement, confirmation):
			self.refused(fresh(doc))
		# Drafts may still go (the errand's number shows on Errand Register Gaps as deleted).
		self.deleted(registered_errand(household, customer))
		self.deleted(draft_confirmation())
		self.deleted(agreement_for(self, household))

	def test_a_done_revisit_stays_on_file(self):
		def revisit(**values):
			with as_user(CUSTOMER_SERVICE):
				return fresh(
					frappe.get_doc(
						{
							"doctype": "Revisit Record",
							"household": self.household,
							"method": "Phone",
							**values,
						}
					).insert()
				)

		self.deleted(revisit(status="Planned"))
		done = revisit(
			status="Done",
			timeliness="5",
			skill="4",
			attitude="4",
			revisited_by=CUSTOMER_SERVICE,
			revisited_on=add_days(now_datetime(), -1),
		)
		self.refused(done)


class TestHostileText(EveryPathTestCase):
	"""W6, E1: a signature is a drawn image; W8, C2: typed markup is text in alerts and notifications."""

	def test_a_signature_that_is_not_a_drawn_image_is_refused_everywhere(self):
		order = act(self.dispatched(), "Start Work", STAFF)
		customer = make_customer("Every path signature Wen")
		household = self.household_of(customer)
		errand = registered_errand(household, customer, receipt_checked=1)
		for value in HOSTILE_SIGNATURES:
			with self.subTest(value=value[:20]):
				self.assertRaises(SignatureLockedError, self.edit, order, STAFF, customer_signature=value)
				self.assertRaises(SignatureLockedError, self.edit_errand, errand, customer_signature=value)
				self.assertRaises(
					SignatureLockedError,
					registered_errand,
					household,
					customer,
					receipt_checked=1,
					customer_signature=value,
				)
				self.assertRaises(
					SignatureLockedError, agreement_for, self, household, customer_signature=value
				)
		# What the pad draws is accepted.
		self.assertEqual(self.edit(order, STAFF, customer_signature=SIGNATURE).customer_signature, SIGNATURE)
		jpeg = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ=="
		self.assertEqual(self.edit_errand(errand, customer_signature=jpeg).customer_signature, jpeg)

	@staticmethod
	def edit_errand(doc, **values):
		with as_user(CUSTOMER_SERVICE):
			current = fresh(doc)
			current.update(values)
			current.save()
			return fresh(current)

	def test_markup_in_an_unsigned_reason_is_text_in_the_evening_alert(self):
		doc = self.dispatched(staff=self.daily_staff, day=today())
		doc = self.edit(doc, DEPARTMENT_HEAD, department=self.department, unsigned_reason=MARKUP)
		self.assertIn("<a href=", fresh(doc).unsigned_reason)  # kept by Frappe's sanitizer
		send_end_of_day_unsigned_lists()
		(content,) = [
			log.email_content
			for log in frappe.get_all(
				"Notification Log",
				{"for_user": DEPARTMENT_HEAD, "subject": ("like", "%not signed off%")},
				["email_content"],
			)
			if doc.name in log.email_content
		]
		self.assertIn(ESCAPED_MARKUP_START, content)
		self.assertNotIn(MARKUP, content)

	def finance_review_notifications(self) -> list[dict]:
		doc = draft_item(f"{MARKUP} cleaning {frappe.generate_hash(length=6)}", 40)
		self.assertIn("<a href=", doc.service_name)  # kept by Frappe's sanitizer
		act(doc, "Submit for Review", BRANCH_MANAGER)
		logs = frappe.get_all(
			"Notification Log",
			{"for_user": FINANCE, "document_type": "Service Catalogue Item", "document_name": doc.name},
			["subject", "email_content"],
		)
		self.assertTrue(logs)
		return logs

	def test_markup_in_a_service_name_is_text_in_the_finance_review_subject(self):
		for log in self.finance_review_notifications():
			self.assertIn(ESCAPED_MARKUP_START, log.subject)
			self.assertNotIn(MARKUP, log.subject)
			self.assertNotIn(MARKUP, log.email_content or "")

	def test_the_finance_review_message_names_the_service_as_text(self):
		# The message of the Notification "Service Fee Awaiting Finance Review" (its JSON, with | e).
		for log in self.finance_review_notifications():
			self.assertIn(ESCAPED_MARKUP_START, log.email_content or "")


class TestDuplicatesOfRecords(EveryPathTestCase):
	"""The desk's Duplicate of a finished record is a fresh draft; a full copy is refused."""

	def test_the_duplicate_of_a_settled_errand_is_a_fresh_registered_draft(self):
		customer = make_customer("Every path errand copy Xia")
		errand = delivered_errand(self.household_of(customer), customer)
		settle(errand)
		errand = fresh(errand)
		self.assertEqual((errand.status, errand.payment_status), ("Delivered", "Paid"))

		copy = insert_as(CUSTOMER_SERVICE, duplicate(errand))
		self.assertNotEqual(copy.name, errand.name)
		self.assertEqual(
			(copy.docstatus, copy.status, copy.customer_signature, copy.delivered_on),
			(0, "Registered", None, None),
		)
		self.assertEqual((copy.sales_invoice, copy.payment_status, copy.voided_by), (None, "Unbilled", None))
		self.assertEqual((copy.item_name, copy.total_amount), (errand.item_name, errand.total_amount))
		# A full copy carries the customer's signature (and the settlement): refused.
		self.assertRaises(SignatureLockedError, insert_as, CUSTOMER_SERVICE, full_copy(errand))

	def test_the_duplicate_of_a_signed_agreement_is_an_unsigned_draft(self):
		active = signed_agreement(agreement_for(self, self.household))
		self.assertEqual((active.workflow_state, active.signed_by), ("Active", DEPARTMENT_HEAD))
		copy = insert_as(CUSTOMER_SERVICE, duplicate(active))
		self.assertEqual(
			(copy.docstatus, copy.workflow_state, copy.signed_by, copy.signed_on),
			(0, "Draft", None, None),
		)
		self.assertRaises(ApprovalError, insert_as, CUSTOMER_SERVICE, full_copy(active))

	def test_the_duplicate_of_a_household_is_refused_until_it_names_another_unit(self):
		household = frappe.get_doc("Household", self.household)
		with self.assertRaisesRegex(frappe.ValidationError, "already registered"):
			insert_as(CUSTOMER_SERVICE, duplicate(household))
		copy = duplicate(household)
		copy.unit = "EP-next-door"
		copy = insert_as(CUSTOMER_SERVICE, copy)
		self.assertEqual([row.customer for row in copy.customers], [self.customer])
