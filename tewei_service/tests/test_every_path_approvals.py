"""What approvals, signatures and workflow steps write, on every path round them (SPEC C2, C4, C5,
W4-W10): inserted with the values pre-filled (in Python and over REST), the desk's Duplicate and
a full copy of a finished record, a second order for one confirmation, and hand edits of stamps."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, now_datetime, today

from tewei_service.catalogue.fees import fee_in_force, validate_charged_price
from tewei_service.exceptions import (
	ApprovalError,
	NotOrderableError,
	PriceBandError,
	ServicePermissionError,
)
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	FINANCE,
	LEADER,
	CatalogueTestCase,
	act,
	approved_item,
	fresh,
)
from tewei_service.tests.every_path_builders import (
	MARK,
	committed,
	duplicate,
	full_copy,
	insert_as,
	refusal,
	rest_insert,
	see_committed,
)
from tewei_service.tests.price_confirmation_builders import (
	approved_confirmation,
	draft_confirmation,
	sign,
)
from tewei_service.tests.rest import token_for
from tewei_service.tests.site import as_user, make_user
from tewei_service.tests.work_order_builders import STAFF, WorkOrderTestCase, free_slot

SECOND_HEAD = "head2-everypath@tewei.example"


def proposal(**values) -> dict:
	return {
		"doctype": "Service Catalogue Item",
		"service_name": f"Every path service {frappe.generate_hash(length=6)}",
		"category": "Cleaning",
		"unit_of_charge": "Hour",
		"proposed_fee": 50,
		"effective_date": today(),
		**values,
	}


def approval_values(item: str) -> list[dict]:
	"""Each of the values only a fee approval writes (C2)."""
	return [
		{"standard_fee": 80},
		{"item": item},
		{"proposed_by": BRANCH_MANAGER},
		{"fee_history": [{"fee": 80, "effective_date": today(), "approved_by": LEADER}]},
	]


class TestCatalogueApprovalFields(CatalogueTestCase):
	def test_a_new_item_carries_nothing_an_approval_writes(self):
		approved = approved_item("Every path approved cleaning", 80)
		for values in approval_values(approved.item):
			with self.subTest(field=next(iter(values))), as_user(BRANCH_MANAGER):
				self.assertRaises(ApprovalError, frappe.get_doc(proposal(**values)).insert)
		self.assertFalse(
			frappe.db.exists("Service Catalogue Item", {"service_name": ("like", "Every path service%")})
		)

	def test_the_duplicate_of_an_approved_item_is_a_proposal_not_orderable_until_approved(self):
		approved = approved_item("Every path window cleaning", 90)
		copy = duplicate(approved)
		copy.service_name = "Every path window cleaning, high floors"
		copy = insert_as(BRANCH_MANAGER, copy)
		self.assertEqual(
			(copy.workflow_state, copy.item, copy.proposed_by, copy.fee_history, copy.proposed_fee),
			("Draft", None, None, [], 90),
		)
		self.assertFalse(copy.standard_fee)
		self.assertRaises(NotOrderableError, fee_in_force, copy.name)
		self.assertRaises(NotOrderableError, validate_charged_price, copy.name, 90)

		copy = act(act(act(copy, "Submit for Review", BRANCH_MANAGER), "Approve", FINANCE), "Approve", LEADER)
		self.assertEqual(fee_in_force(copy.name), 90)
		self.assertNotEqual(copy.item, approved.item)
		self.assertEqual(len(fresh(approved).fee_history), 1)

	def test_a_full_copy_of_an_approved_item_is_refused(self):
		# frappe.copy_doc keeps the no_copy fields: the approval's own values, typed in.
		approved = approved_item("Every path plant care", 40)
		copy = full_copy(approved)
		copy.service_name = "Every path plant care, balcony"
		self.assertRaises(ApprovalError, insert_as, BRANCH_MANAGER, copy)


class TestCatalogueApprovalFieldsOverREST(CatalogueTestCase):
	"""Committed: the request runs on a connection of its own."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.item = (
			frappe.db.get_value("Item", {"item_group": "Special Services"})
			or approved_item("Every path REST service", 60).item
		)
		cls.token = token_for(BRANCH_MANAGER)

	def test_a_branch_manager_cannot_post_an_item_with_approval_values(self):
		for values in approval_values(self.item):
			with self.subTest(field=next(iter(values))):
				payload = proposal(**values)
				response = rest_insert(self.token, "Service Catalogue Item", payload)
				self.assertEqual(refusal(response), (417, "ApprovalError"), response.text)
				see_committed()
				self.assertFalse(
					frappe.db.exists("Service Catalogue Item", {"service_name": payload["service_name"]})
				)
		# The same proposal without them is accepted (what the refusal is measured against).
		payload = proposal(service_name=f"{MARK} plain proposal {frappe.generate_hash(length=6)}")
		response = rest_insert(self.token, "Service Catalogue Item", payload)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json["data"]["workflow_state"], "Draft")
		see_committed()
		frappe.delete_doc("Service Catalogue Item", response.json["data"]["name"])
		frappe.db.commit()


class TestPriceConfirmationSignatures(CatalogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(SECOND_HEAD, "Service Department Head")

	def test_a_new_confirmation_is_neither_signed_nor_approved(self):
		for values in (
			{"signatures": [{"head": DEPARTMENT_HEAD, "signed_on": now_datetime()}]},
			{"approved_by": BRANCH_MANAGER},
		):
			with self.subTest(field=next(iter(values))):
				self.assertRaises(ApprovalError, draft_confirmation, **values)

	def test_the_duplicate_of_a_signed_or_approved_confirmation_starts_unsigned(self):
		signed = sign(draft_confirmation())
		copy = insert_as(CUSTOMER_SERVICE, duplicate(signed))
		self.assertEqual((copy.signatures, copy.workflow_state, copy.grand_total), ([], "Draft", 626.14))
		self.assertRaises(ApprovalError, act, copy, "Submit for Approval", CUSTOMER_SERVICE)

		approved = approved_confirmation()
		copy = insert_as(CUSTOMER_SERVICE, duplicate(approved))
		self.assertEqual(
			(copy.docstatus, copy.workflow_state, copy.signatures, copy.approved_by, copy.work_order),
			(0, "Draft", [], None, None),
		)
		# A full copy carries the signatures and approver: typed in, refused.
		self.assertRaises(ApprovalError, insert_as, CUSTOMER_SERVICE, full_copy(approved))

	def test_a_head_signs_once_and_nobody_rewrites_the_signatures(self):
		doc = sign(draft_confirmation())
		with self.assertRaisesRegex(frappe.ValidationError, "already signed"):
			sign(doc)
		self.assertEqual([row.head for row in fresh(doc).signatures], [DEPARTMENT_HEAD])

		def rename(d):
			d.signatures[0].head = SECOND_HEAD

		def backdate(d):
			d.signatures[0].signed_on = add_days(now_datetime(), -3)

		def remove(d):
			d.set("signatures", [])

		def add(d):
			d.append("signatures", {"head": SECOND_HEAD, "signed_on": now_datetime()})

		for user in (CUSTOMER_SERVICE, DEPARTMENT_HEAD):
			for change in (rename, backdate, remove, add):
				with self.subTest(user=user, change=change.__name__), as_user(user):
					current = fresh(doc)
					change(current)
					self.assertRaises(ApprovalError, current.save)
		self.assertEqual([row.head for row in fresh(doc).signatures], [DEPARTMENT_HEAD])
		# A second head signs with the button, beside the first.
		self.assertEqual(
			[row.head for row in sign(doc, SECOND_HEAD).signatures], [DEPARTMENT_HEAD, SECOND_HEAD]
		)


WORK_ORDER_STEP_VALUES = (
	{"customer_confirmed": 1},
	{
		"price_versions": [
			{"version": 1, "total": 200, "quoted_by": CUSTOMER_SERVICE, "confirmed_by": "Mr Sun"}
		]
	},
	{"checked_by": DEPARTMENT_HEAD},
	{"completed_on": "2026-01-05 10:00:00"},
)
MILESTONE_VALUES = (
	{"arrived_on": "2026-01-05 10:00:00"},
	{"resolved_on": "2026-01-05 11:00:00"},
	{"answered_on": "2026-01-05 09:00:00"},
)


class TestWorkOrderStepFields(WorkOrderTestCase):
	def test_a_new_order_carries_nothing_the_workflow_steps_write(self):
		for values in WORK_ORDER_STEP_VALUES + MILESTONE_VALUES:
			with self.subTest(field=next(iter(values))):
				self.assertRaises(ApprovalError, self.register, **values)

	def test_the_duplicate_of_a_checked_order_is_a_clean_registered_order(self):
		checked = self.checked(qty=1)
		self.assertEqual(checked.workflow_state, "Checked")
		copy = duplicate(checked)
		copy.appointment_start, copy.appointment_end = free_slot(self.staff)
		copy = insert_as(CUSTOMER_SERVICE, copy)
		self.assertEqual(
			(copy.workflow_state, copy.customer_confirmed, copy.confirmed_by_customer, copy.price_versions),
			("Registered", 0, None, []),
		)
		self.assertEqual(
			(copy.checked_by, copy.checked_on, copy.completed_on, copy.customer_signature),
			(None, None, None, None),
		)
		self.assertEqual(
			(copy.arrived_on, copy.resolved_on, copy.answered_on, copy.time_corrections),
			(None, None, None, []),
		)
		self.assertEqual((copy.sales_invoice, copy.payment_status), (None, "Unbilled"))
		self.assertEqual([(row.catalogue_item, row.rate) for row in copy.items], [(self.cleaning, 100)])

	def test_a_full_copy_of_a_checked_order_is_refused(self):
		copy = full_copy(self.checked(qty=1))
		copy.appointment_start, copy.appointment_end = free_slot(self.staff)
		self.assertRaises(ApprovalError, insert_as, CUSTOMER_SERVICE, copy)


class TestOneConfirmationOneOrder(WorkOrderTestCase):
	"""C4: a confirmation lifts the band for its own order, once, at its confirmed price."""

	def test_the_duplicate_of_an_order_priced_by_a_confirmation_is_refused(self):
		confirmation = approved_confirmation(customer=self.customer)
		line = [{"catalogue_item": self.cleaning, "qty": 1, "rate": confirmation.grand_total}]
		order = self.register(items=line, price_confirmation=confirmation.name)
		self.assertEqual(fresh(confirmation).work_order, order.name)
		with self.assertRaisesRegex(PriceBandError, f"was made for {order.name}"):
			insert_as(CUSTOMER_SERVICE, duplicate(order))

		temporary = approved_confirmation(customer=self.customer)
		job = self.register(request_type="Home Repair", items=[], price_confirmation=temporary.name)
		self.assertEqual(job.total_amount, temporary.grand_total)
		self.assertRaises(PriceBandError, insert_as, CUSTOMER_SERVICE, duplicate(job))

	def test_the_confirmation_of_another_customer_is_refused(self):
		confirmation = approved_confirmation()  # for "PC Customer Wang"
		with self.assertRaisesRegex(frappe.ValidationError, "is for PC Customer Wang"):
			self.register(
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": confirmation.grand_total}],
				price_confirmation=confirmation.name,
			)


class TestOneConfirmationOneOrderOverREST(WorkOrderTestCase):
	"""Committed: an approved confirmation bound to its order, and another one not used yet."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.bound = committed(
			"Price Confirmation",
			{"work_description": f"{MARK} bound confirmation", "docstatus": 1, "work_order": ("is", "set")},
			lambda: cls.bound_confirmation(),
		)
		cls.free = committed(
			"Price Confirmation",
			{
				"work_description": f"{MARK} free confirmation",
				"docstatus": 1,
				"work_order": ("is", "not set"),
			},
			lambda: (
				approved_confirmation(
					customer=cls.customer, work_description=f"{MARK} free confirmation"
				).name
			),
		)
		cls.token = token_for(CUSTOMER_SERVICE)

	@classmethod
	def bound_confirmation(cls) -> str:
		confirmation = approved_confirmation(
			customer=cls.customer, work_description=f"{MARK} bound confirmation"
		)
		with as_user(CUSTOMER_SERVICE):
			frappe.get_doc(cls.order_values(confirmation.name, confirmation.grand_total)).insert()
		return confirmation.name

	@classmethod
	def order_values(cls, confirmation: str, rate: float) -> dict:
		return {
			"doctype": "Service Work Order",
			"household": cls.household,
			"customer": cls.customer,
			"request_type": "Home Repair",
			"request_details": f"{MARK} priced by a confirmation",
			"items": [{"catalogue_item": cls.cleaning, "qty": 1, "rate": rate}],
			"price_confirmation": confirmation,
		}

	def orders_of(self, confirmation: str) -> int:
		see_committed()
		return frappe.db.count("Service Work Order", {"price_confirmation": confirmation})

	def test_a_second_order_for_a_used_confirmation_is_refused(self):
		total = frappe.db.get_value("Price Confirmation", self.bound, "grand_total")
		response = rest_insert(self.token, "Service Work Order", self.order_values(self.bound, total))
		self.assertEqual(refusal(response), (417, "PriceBandError"), response.text)
		self.assertIn("each order needs its own", response.text)
		self.assertEqual(self.orders_of(self.bound), 1)

	def test_a_confirmation_confirms_only_its_own_price(self):
		total = frappe.db.get_value("Price Confirmation", self.free, "grand_total")
		for lines in (
			[{"catalogue_item": self.cleaning, "qty": 1, "rate": 300}],
			[{"catalogue_item": self.cleaning, "qty": 1, "rate": total}] * 2,
		):
			with self.subTest(lines=len(lines)):
				values = {**self.order_values(self.free, total), "items": lines}
				response = rest_insert(self.token, "Service Work Order", values)
				self.assertEqual(refusal(response), (417, "PriceBandError"), response.text)
		self.assertEqual(self.orders_of(self.free), 0)
		self.assertFalse(frappe.db.get_value("Price Confirmation", self.free, "work_order"))


class TestWorkOrderStepFieldsOverREST(WorkOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.token = token_for(CUSTOMER_SERVICE)

	def test_customer_service_cannot_post_an_order_with_step_values(self):
		for values in WORK_ORDER_STEP_VALUES + MILESTONE_VALUES:
			with self.subTest(field=next(iter(values))):
				details = f"{MARK} step values {next(iter(values))}"
				payload = {
					"household": self.household,
					"customer": self.customer,
					"request_type": "Housekeeping",
					"request_details": details,
					"items": [{"catalogue_item": self.cleaning, "qty": 1, "rate": 100}],
					**values,
				}
				response = rest_insert(self.token, "Service Work Order", payload)
				self.assertEqual(refusal(response), (417, "ApprovalError"), response.text)
				see_committed()
				self.assertFalse(frappe.db.exists("Service Work Order", {"request_details": details}))


class TestCommitmentTimes(WorkOrderTestCase):
	"""W10: the milestones are stamped by the steps and corrected only with Correct Time."""

	def started(self, **values):
		doc = self.edit(self.dispatched(), DEPARTMENT_HEAD, **values)
		return act(doc, "Start Work", STAFF)

	def test_a_stamped_time_is_not_typed_over(self):
		doc = self.started(commitment="Urgent", reported_on=now_datetime())
		self.assertTrue(doc.arrived_on)
		earlier = get_datetime(doc.arrived_on) - timedelta(minutes=30)
		for user in (STAFF, DEPARTMENT_HEAD, CUSTOMER_SERVICE):
			with self.subTest(user=user):
				self.assertRaises(ApprovalError, self.edit, doc, user, arrived_on=earlier)
				self.assertRaises(ApprovalError, self.edit, doc, user, resolved_on=earlier)
		self.assertEqual(get_datetime(fresh(doc).arrived_on), get_datetime(doc.arrived_on))

	def test_a_department_head_corrects_a_time_with_the_reason_on_record(self):
		doc = self.started(commitment="Urgent", reported_on=now_datetime())
		stamped = get_datetime(doc.arrived_on)
		corrected = stamped - timedelta(minutes=2)

		def correct(user, reason="Arrived before the app was opened", value=corrected):
			with as_user(user):
				fresh(doc).correct_commitment_time("arrived_on", value, reason)

		self.assertRaises(ServicePermissionError, correct, CUSTOMER_SERVICE)
		self.assertRaises(ServicePermissionError, correct, STAFF)
		with self.assertRaisesRegex(frappe.ValidationError, "Write why the time is corrected"):
			correct(DEPARTMENT_HEAD, reason="  ")
		self.assertEqual(fresh(doc).time_corrections, [])

		correct(DEPARTMENT_HEAD)
		doc = fresh(doc)
		self.assertEqual(get_datetime(doc.arrived_on), corrected)
		(row,) = doc.time_corrections
		self.assertEqual(
			(row.milestone, get_datetime(row.old_value), get_datetime(row.new_value), row.corrected_by),
			("Arrived On Site", stamped, corrected, DEPARTMENT_HEAD),
		)
		self.assertEqual(row.reason, "Arrived before the app was opened")
		# The log is the server's too.
		self.assertRaises(ApprovalError, self.edit, doc, DEPARTMENT_HEAD, time_corrections=[])

	def test_a_breach_on_record_stays_breached(self):
		reported = now_datetime() - timedelta(hours=1)
		doc = self.started(commitment="Urgent", reported_on=reported)
		self.assertEqual(doc.response_status, "Breached")
		with as_user(DEPARTMENT_HEAD):
			fresh(doc).correct_commitment_time(
				"arrived_on", reported + timedelta(minutes=1), "The staff member says he was early"
			)
		doc = fresh(doc)
		self.assertEqual(
			(get_datetime(doc.arrived_on), doc.response_status), (reported + timedelta(minutes=1), "Breached")
		)
		for values in (
			{"commitment": "External Parties"},
			{"commitment": ""},
			{"reported_on": now_datetime()},
		):
			with self.subTest(values=values):
				self.assertRaises(ApprovalError, self.edit, doc, DEPARTMENT_HEAD, **values)
		self.assertEqual(fresh(doc).response_status, "Breached")

	def test_the_settings_give_a_request_type_its_commitment(self):
		settings = frappe.get_doc("Service Settings")
		self.assertFalse([r for r in settings.commitment_rules if r.request_type == "Home Repair"])
		frappe.db.savepoint("every_path_commitment_rules")
		try:
			settings.append("commitment_rules", {"request_type": "Home Repair", "commitment": "Small Repair"})
			settings.save()
			repair = self.register(request_type="Home Repair")
			self.assertEqual((repair.commitment, repair.response_status), ("Small Repair", "Pending"))
			hours = frappe.db.get_single_value("Service Settings", "small_repair_hours")
			self.assertEqual(
				get_datetime(repair.response_due), get_datetime(repair.reported_on) + timedelta(hours=hours)
			)
			# A commitment chosen on the order is kept; other request types get none.
			chosen = self.register(request_type="Home Repair", commitment="Large Repair")
			self.assertEqual(chosen.commitment, "Large Repair")
			self.assertFalse(self.register(request_type="Housekeeping").commitment)
		finally:
			frappe.db.rollback(save_point="every_path_commitment_rules")
			frappe.clear_document_cache("Service Settings", "Service Settings")
		self.assertFalse(self.register(request_type="Home Repair").commitment)
