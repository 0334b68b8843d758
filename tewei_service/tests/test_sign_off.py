"""R3 sign-off and rework (procedure 5 §5.2.9, §5.3.7, 《居家服務情況記錄表》): the customer signs with a
comment, a "not satisfied" sends the order to Rework, completing again needs a new signature, and
every earlier signature stays on the order, unchanged, whatever path tries to change it."""

import json
from urllib.parse import quote

import frappe
from frappe.model.workflow import WorkflowTransitionError

from tewei_service.exceptions import ApprovalError, SignatureLockedError, SignOffError
from tewei_service.states import WorkOrderState as State
from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD, act, fresh
from tewei_service.tests.every_path_builders import (
	HOSTILE_SIGNATURES,
	committed,
	dispatched_order,
	refusal,
	rest,
	see_committed,
)
from tewei_service.tests.rest import token_for
from tewei_service.tests.site import as_user, make_household
from tewei_service.tests.work_order_builders import OTHER_STAFF, SIGNATURE, STAFF, WorkOrderTestCase
from tewei_service.work_orders.sign_off import sign_off

SECOND_SIGNATURE = SIGNATURE.replace("AAAAA", "AAAAB", 1)


class SignOffTestCase(WorkOrderTestCase):
	def started(self, **values):
		return act(self.dispatched(**values), "Start Work", STAFF)

	def sign(self, doc, satisfied=True, comment=None, signature=SIGNATURE, user=STAFF):
		with as_user(user):
			return fresh(sign_off(doc.name, signature, comment, satisfied))

	def complete(self, doc, user=STAFF):
		return act(self.edit(doc, user, settlement_mode="Month-end"), "Complete", user)


class TestSignOff(SignOffTestCase):
	def test_the_customer_signs_with_a_comment_and_the_order_completes(self):
		doc = self.sign(self.started(), comment="Tidy work, thank you")
		self.assertEqual(doc.customer_signature, SIGNATURE)
		row = doc.sign_offs[0]
		self.assertEqual(
			(row.satisfied, row.comment, row.signed_by, row.recorded_by, row.signature),
			(1, "Tidy work, thank you", self.customer, STAFF, SIGNATURE),
		)
		self.assertEqual(self.complete(doc).workflow_state, State.COMPLETED)

	def test_not_satisfied_goes_to_rework_and_completing_needs_the_second_signature(self):
		doc = self.sign(self.started(), satisfied=False, comment="The tap still drips")
		self.assertEqual((doc.workflow_state, doc.customer_signature), (State.REWORK, None))
		with self.assertRaisesRegex(frappe.ValidationError, "The customer must sign"):
			self.complete(doc)
		self.assertEqual(fresh(doc).workflow_state, State.REWORK)
		doc = self.sign(doc, comment="Fixed now", signature=SECOND_SIGNATURE)
		doc = self.complete(doc)
		self.assertEqual((doc.workflow_state, doc.customer_signature), (State.COMPLETED, SECOND_SIGNATURE))
		self.assertEqual(
			[(row.satisfied, row.comment, row.signature) for row in doc.sign_offs],
			[(0, "The tap still drips", SIGNATURE), (1, "Fixed now", SECOND_SIGNATURE)],
		)

	def test_a_completed_order_goes_back_to_rework_when_the_customer_objects(self):
		doc = self.complete(self.sign(self.started()))
		doc = self.sign(doc, satisfied=False, comment="Stains left on the floor", user=DEPARTMENT_HEAD)
		self.assertEqual((doc.workflow_state, doc.customer_signature), (State.REWORK, None))
		with self.assertRaisesRegex(frappe.ValidationError, "The customer must sign"):
			act(doc, "Complete", STAFF)
		doc = self.complete(self.sign(doc, signature=SECOND_SIGNATURE))
		self.assertEqual([row.satisfied for row in doc.sign_offs], [1, 0, 1])

	def test_rework_is_never_chosen_by_hand(self):
		doc = self.started()
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Rework", STAFF)
		with self.assertRaises(WorkflowTransitionError):
			act(self.complete(self.sign(doc)), "Rework", DEPARTMENT_HEAD)

	def test_refused_sign_offs(self):
		doc = self.dispatched()
		with self.assertRaisesRegex(SignOffError, "once it is in progress"):
			self.sign(doc)
		doc = act(doc, "Start Work", STAFF)
		with self.assertRaisesRegex(SignOffError, "not satisfied with"):
			self.sign(doc, satisfied=False, comment="  ")
		with self.assertRaisesRegex(SignOffError, "signature pad"):
			self.sign(doc, signature="")
		for value in HOSTILE_SIGNATURES:
			with self.subTest(value=value[:20]), self.assertRaises(SignatureLockedError):
				self.sign(doc, signature=value)
		# Staff see and sign only their own assignments (P2).
		with self.assertRaises(frappe.PermissionError):
			self.sign(doc, user=OTHER_STAFF)
		doc = self.sign(doc)
		with self.assertRaisesRegex(SignOffError, "already signed off"):
			self.sign(doc, signature=SECOND_SIGNATURE)
		self.assertEqual(len(fresh(doc).sign_offs), 1)

	def test_the_signature_pad_on_the_order_is_a_satisfied_sign_off_in_the_history(self):
		doc = self.edit(self.started(), STAFF, customer_signature=SIGNATURE)
		self.assertEqual(
			[(row.satisfied, row.signature, row.recorded_by) for row in doc.sign_offs],
			[(1, SIGNATURE, STAFF)],
		)
		doc = self.sign(doc, satisfied=False, comment="Not what I asked for")
		# After the rework the pad gives the second signature the same way.
		doc = self.complete(self.edit(doc, STAFF, customer_signature=SECOND_SIGNATURE))
		self.assertEqual([row.satisfied for row in doc.sign_offs], [1, 0, 1])

	def test_an_earlier_sign_off_is_neither_edited_nor_removed_at_the_desk(self):
		doc = self.sign(self.started(), satisfied=False, comment="The tap still drips")
		for user in (STAFF, DEPARTMENT_HEAD, "Administrator"):
			with self.subTest(user=user), as_user(user):
				edited = fresh(doc)
				edited.sign_offs[0].comment = "All fine"
				self.assertRaises(ApprovalError, edited.save)
				removed = fresh(doc)
				removed.set("sign_offs", [])
				self.assertRaises(ApprovalError, removed.save)
				added = fresh(doc)
				added.append("sign_offs", {"satisfied": 1, "signature": SIGNATURE, "comment": "forged"})
				self.assertRaises(ApprovalError, added.save)
		self.assertEqual(
			[(row.satisfied, row.comment) for row in fresh(doc).sign_offs], [(0, "The tap still drips")]
		)

	def test_the_duplicate_of_a_signed_order_comes_unsigned(self):
		doc = self.complete(self.sign(self.started(), comment="Good"))
		with as_user(DEPARTMENT_HEAD):
			copy = frappe.copy_doc(fresh(doc), ignore_no_copy=False)
			copy.appointment_start = copy.appointment_end = None  # a new visit gets its own time
			copy.insert()
		self.assertEqual((fresh(copy).customer_signature, fresh(copy).sign_offs), (None, []))


class TestSignOffOverREST(SignOffTestCase):
	"""An earlier sign-off stays as given through the REST API too (committed, made once)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		household = make_household(cls.project, "SO-REST", cls.customer)
		cls.order = committed(
			"Service Work Order",
			{"household": household},
			lambda: cls.reworked(
				dispatched_order(household, cls.customer, cls.staff, 60, "sign-off", cls.cleaning)
			),
		)
		cls.row = frappe.db.get_value("Service Work Order Sign-off", {"parent": cls.order}, "name")
		cls.token = token_for(DEPARTMENT_HEAD)

	@staticmethod
	def reworked(order: str) -> str:
		frappe.db.set_value("Service Work Order", order, "workflow_state", State.IN_PROGRESS)
		with as_user(STAFF):
			sign_off(order, SIGNATURE, "The tap still drips", 0)
		return order

	def assert_unchanged(self, response):
		self.assertIn(response.status_code, (403, 417), response.text)
		see_committed()
		self.assertEqual(
			frappe.get_all(
				"Service Work Order Sign-off", {"parent": self.order}, ["name", "comment", "satisfied"]
			),
			[{"name": self.row, "comment": "The tap still drips", "satisfied": 0}],
		)

	def test_rest_cannot_edit_remove_or_delete_a_sign_off(self):
		path = f"/api/resource/Service%20Work%20Order/{quote(self.order)}"
		rows = json.loads(frappe.as_json(frappe.get_doc("Service Work Order", self.order).as_dict()))[
			"sign_offs"
		]
		edited = [{**row, "comment": "All fine", "satisfied": 1} for row in rows]
		for body in ({"sign_offs": edited}, {"sign_offs": []}):
			with self.subTest(body=str(body)[:40]):
				response = rest("PUT", path, self.token, body)
				self.assertEqual(refusal(response), (417, "ApprovalError"), response.text)
				self.assert_unchanged(response)
		row_path = f"/api/resource/{quote('Service Work Order Sign-off')}/{quote(self.row)}"
		self.assert_unchanged(rest("PUT", row_path, self.token, {"comment": "All fine"}))
		self.assert_unchanged(rest("DELETE", row_path, self.token))
		self.assert_unchanged(
			rest(
				"POST",
				"/api/method/frappe.client.set_value",
				self.token,
				{
					"doctype": "Service Work Order Sign-off",
					"name": self.row,
					"fieldname": "comment",
					"value": "All fine",
				},
			)
		)
