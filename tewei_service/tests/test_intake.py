"""R5 declined and misrouted requests (procedure 5 §4.1.3, §4.2.1-4.2.2): each desk takes only its
request types, customer service passes an emergency home repair on with the hand-over recorded, and
a request the company cannot serve is declined with the reason told, kept and counted."""

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import getdate, today

from tewei_service.exceptions import ApprovalError, KeptOnFileError, MisroutedRequestError
from tewei_service.revisits.analysis import ITEM, month_figures
from tewei_service.rules.revisits import month_start
from tewei_service.rules.work_order import CONTROL_CENTRE, CUSTOMER_SERVICE_CENTRE
from tewei_service.states import WorkOrderState as State
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	act,
	fresh,
)
from tewei_service.tests.every_path_builders import MARKUP, refusal, rest_insert, see_committed
from tewei_service.tests.rest import token_for
from tewei_service.tests.site import TEST_COMPANY, as_user
from tewei_service.tests.work_order_builders import STAFF, WorkOrderTestCase

REPAIR = {"request_type": "Home Repair", "request_details": "The kitchen tap leaks"}


class TestDesks(WorkOrderTestCase):
	def test_the_control_centre_takes_no_housekeeping_or_alarm_request(self):
		for request_type in ("Housekeeping", "Home Alarm"):
			with self.subTest(request_type=request_type):
				with self.assertRaisesRegex(MisroutedRequestError, "Control Centre does not take"):
					self.register(request_type=request_type, received_at=CONTROL_CENTRE)
		repair = self.register(received_at=CONTROL_CENTRE, **REPAIR)
		self.assertEqual((repair.desk, repair.handed_over_to), (CONTROL_CENTRE, None))
		# Nor later, by changing the request's type.
		with self.assertRaises(MisroutedRequestError):
			self.edit(repair, CUSTOMER_SERVICE, request_type="Housekeeping")

	def test_customer_service_passes_only_an_emergency_repair_on_and_the_hand_over_is_recorded(self):
		with self.assertRaisesRegex(MisroutedRequestError, "guide the customer to the Control Centre"):
			self.register(received_at=CUSTOMER_SERVICE_CENTRE, commitment="Ordinary Problem", **REPAIR)
		emergency = self.register(received_at=CUSTOMER_SERVICE_CENTRE, commitment="Emergency", **REPAIR)
		self.assertEqual(
			(emergency.desk, emergency.handed_over_to, emergency.handed_over_by),
			(CONTROL_CENTRE, CONTROL_CENTRE, CUSTOMER_SERVICE),
		)
		self.assertTrue(emergency.handed_over_on)
		# The hand-over is the app's record: neither rewritten by hand nor copied to a duplicate.
		for values in ({"handed_over_by": DEPARTMENT_HEAD}, {"handed_over_to": "Branch Manager"}):
			with self.subTest(values=values), self.assertRaises(ApprovalError):
				self.edit(emergency, DEPARTMENT_HEAD, **values)
		with as_user(CUSTOMER_SERVICE):
			copy = frappe.copy_doc(fresh(emergency), ignore_no_copy=False).insert()
		self.assertEqual(copy.handed_over_by, CUSTOMER_SERVICE)  # passed on again, by whoever copied it
		housekeeping = self.register(received_at=CUSTOMER_SERVICE_CENTRE)
		self.assertEqual((housekeeping.desk, housekeeping.handed_over_to), (CUSTOMER_SERVICE_CENTRE, None))

	def test_an_emergency_passed_on_reaches_the_department_head_at_once_and_once(self):
		def alerts(order):
			return frappe.get_all(
				"Notification Log",
				{"document_name": order.name, "subject": ("like", "Emergency passed on%")},
				pluck="for_user",
			)

		emergency = self.register(
			received_at=CUSTOMER_SERVICE_CENTRE,
			commitment="Emergency",
			request_type="Home Repair",
			request_details=MARKUP,
		)
		self.assertIn(DEPARTMENT_HEAD, alerts(emergency))
		content = frappe.db.get_value(
			"Notification Log",
			{"document_name": emergency.name, "for_user": DEPARTMENT_HEAD},
			"email_content",
		)
		self.assertNotIn('evil.example/pay">', content)  # what the caller said is shown as text
		told = len(alerts(emergency))
		self.edit(emergency, CUSTOMER_SERVICE, request_details="The kitchen tap leaks badly")
		self.assertEqual(len(alerts(emergency)), told, "the hand-over is told once, not on every save")
		# Taken at its own desk, nothing is passed on and nobody is alerted.
		self.assertEqual(alerts(self.register(received_at=CONTROL_CENTRE, **REPAIR)), [])
		# With no department yet every department head was told; with one, its own heads only.
		everyone = alerts(emergency)
		emergency = self.register(
			received_at=CUSTOMER_SERVICE_CENTRE, commitment="Urgent", department=self.department, **REPAIR
		)
		told = alerts(emergency)
		self.assertIn(DEPARTMENT_HEAD, told)
		self.assertLess(len(told), len(everyone))

	def test_a_hand_over_posted_over_rest_is_refused(self):
		token = token_for(CUSTOMER_SERVICE)
		values = {
			"doctype": "Service Work Order",
			"household": self.household,
			"customer": self.customer,
			"received_at": CUSTOMER_SERVICE_CENTRE,
			"commitment": "Emergency",
			"handed_over_by": DEPARTMENT_HEAD,
			**REPAIR,
		}
		see_committed()
		before = frappe.db.count("Service Work Order")
		response = rest_insert(token, "Service Work Order", values)
		self.assertEqual(refusal(response), (417, "ApprovalError"), response.text)
		response = rest_insert(
			token,
			"Service Work Order",
			{**values, "handed_over_by": None, "received_at": CONTROL_CENTRE, "request_type": "Housekeeping"},
		)
		self.assertEqual(refusal(response), (417, "MisroutedRequestError"), response.text)
		see_committed()
		self.assertEqual(frappe.db.count("Service Work Order"), before)


class TestDeclined(WorkOrderTestCase):
	def test_a_request_the_company_cannot_serve_is_declined_with_the_reason_and_kept(self):
		doc = self.register(**REPAIR, items=[])
		with self.assertRaisesRegex(MisroutedRequestError, "reason given to the customer"):
			act(doc, "Decline", CUSTOMER_SERVICE)
		self.assertEqual(fresh(doc).workflow_state, State.REGISTERED)
		doc = self.edit(doc, CUSTOMER_SERVICE, decline_reason="Gas appliances are for the gas company")
		doc = act(doc, "Decline", CUSTOMER_SERVICE)
		self.assertEqual(doc.workflow_state, State.DECLINED)
		self.assertTrue(doc.declined_on)
		with self.assertRaises(ApprovalError):
			self.edit(doc, CUSTOMER_SERVICE, declined_on="2026-01-01 09:00:00")
		# Nothing goes on from a declined request, and it stays on file.
		for action, user in (("Quote", CUSTOMER_SERVICE), ("Cancel", CUSTOMER_SERVICE)):
			with self.subTest(action=action), self.assertRaises(WorkflowTransitionError):
				act(doc, action, user)
		with self.assertRaises(KeptOnFileError):
			frappe.delete_doc("Service Work Order", doc.name)

	def test_who_declines_and_when(self):
		quoted = act(self.register(), "Quote", CUSTOMER_SERVICE)
		quoted = self.edit(quoted, CUSTOMER_SERVICE, decline_reason="No cleaner free this month")
		self.assertEqual(act(quoted, "Decline", BRANCH_MANAGER).workflow_state, State.DECLINED)
		dispatched = self.edit(self.dispatched(), DEPARTMENT_HEAD, decline_reason="Too late")
		with self.assertRaises(WorkflowTransitionError):
			act(dispatched, "Decline", DEPARTMENT_HEAD)
		# Staff do not decline: a request not yet given to them is not theirs to see (P2).
		with self.assertRaises(frappe.PermissionError):
			act(self.edit(self.register(), CUSTOMER_SERVICE, decline_reason="No"), "Decline", STAFF)

	def test_declined_requests_are_counted_in_the_monthly_analysis(self):
		month = month_start(getdate(today()))

		def declined():
			figures = month_figures(month, TEST_COMPANY, ITEM)
			return figures.total.declined, getattr(figures.groups.get(self.cleaning), "declined", 0)

		before = declined()
		doc = self.edit(self.register(), CUSTOMER_SERVICE, decline_reason="Outside the estate")
		act(doc, "Decline", CUSTOMER_SERVICE)
		self.assertEqual([after - was for after, was in zip(declined(), before, strict=True)], [1, 1])
