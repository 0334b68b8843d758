"""The customer's side on a phone (issue 15) as a portal customer and as the staff member: the walk
request → quote accepted → dispatched → signed with comments → billed → paid, re-quotes, new times
and cancellations, ratings, and every page and action refused for another household's records."""

from datetime import timedelta
from urllib.parse import quote

import frappe
from frappe.utils import add_days, add_months, now_datetime, today

from tewei_service.billing.agreements import bill_agreement
from tewei_service.portal import bills, complaints, quotes, ratings, requests, schedule, sign_off
from tewei_service.tests.agreement_builders import draft_agreement, signed_agreement
from tewei_service.tests.billing_builders import bill_recent
from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, DEPARTMENT_HEAD, FINANCE, act, fresh
from tewei_service.tests.every_path_builders import (
	ESCAPED_MARKUP_START,
	MARKUP,
	committed,
	hand_made_invoice,
	notice_of,
	payment_for,
)
from tewei_service.tests.portal_builders import OTHER_PORTAL, PORTAL, make_portal_customer, page
from tewei_service.tests.rest import call, token_for
from tewei_service.tests.site import as_user, call_as
from tewei_service.tests.work_order_builders import (
	SIGNATURE,
	STAFF,
	WorkOrderTestCase,
	free_slot,
)


class PortalTestCase(WorkOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.mine_customer, cls.mine = make_portal_customer(PORTAL, "Portal Customer Lin", cls.project, "PW-1")
		cls.their_customer, cls.theirs = make_portal_customer(
			OTHER_PORTAL, "Portal Customer Chen", cls.project, "PW-2"
		)

	def request(self, user=PORTAL, household=None, **values):
		args = {
			"household": household or self.mine,
			"request_type": "Housekeeping",
			"description": "Please clean the kitchen",
			"items": [{"catalogue_item": self.cleaning, "qty": 2}],
			**values,
		}
		return call_as(user, requests.request_service, **args)

	def quoted(self, **values):
		return act(frappe.get_doc("Service Work Order", self.request(**values)), "Quote", CUSTOMER_SERVICE)

	def accepted(self, user=PORTAL, **values):
		order = self.quoted(user=user, **values)
		call_as(user, quotes.accept_quote, order.name, 1)
		return fresh(order)

	def dispatch(self, doc, staff=None, day=None):
		start, end = free_slot(staff or self.staff, day=day)
		doc = self.edit(
			doc,
			DEPARTMENT_HEAD,
			assigned_staff=staff or self.staff,
			appointment_start=start,
			appointment_end=end,
		)
		return act(doc, "Dispatch", DEPARTMENT_HEAD)


class TestTheWalk(PortalTestCase):
	def test_request_accept_dispatch_sign_bill_and_paid_on_the_phone(self):
		prices = call_as(PORTAL, requests.services, self.mine)
		self.assertIn((self.cleaning, 100), [(row["catalogue_item"], row["fee"]) for row in prices])

		name = self.request()
		order = frappe.get_doc("Service Work Order", name)
		self.assertEqual(
			(order.workflow_state, order.channel, order.customer, order.household, order.total_amount),
			("Registered", "App", self.mine_customer, self.mine, 200),
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": CUSTOMER_SERVICE, "document_name": name}),
			"customer service is told of the new request",
		)
		status, html = page("/service_order", PORTAL, name=name)
		self.assertEqual(status, 200)
		self.assertTrue("Registered" in html, "the customer sees where the order stands")

		act(order, "Quote", CUSTOMER_SERVICE)
		status, html = page("/service_order", PORTAL, name=name)
		self.assertTrue("tw-accept" in html, "the quote asks for an answer")
		self.assertFalse(CUSTOMER_SERVICE in html, "who quoted it is the company's business")
		self.assertEqual(call_as(PORTAL, quotes.accept_quote, name, 1), "Confirmed")
		order = fresh(order)
		self.assertTrue(order.customer_confirmed)
		self.assertIn(PORTAL, order.confirmed_by_customer)
		self.assertIn("App", order.confirmed_by_customer)
		self.assertEqual(order.price_versions[-1].confirmed_by, order.confirmed_by_customer)
		self.assertTrue(order.price_versions[-1].confirmed_on)

		order = self.dispatch(order, day=today())
		self.assertIn(name, [row.name for row in call_as(STAFF, sign_off.todays_orders)])
		status, html = page("/my_work", STAFF, order=name)
		self.assertEqual(status, 200)
		self.assertTrue("tw-start" in html, "the staff member can start the work")
		self.assertEqual(call_as(STAFF, sign_off.start, name), "In Progress")
		status, html = page("/my_work", STAFF, order=name)
		self.assertTrue("tw-signature" in html, "the customer signs on the staff member's screen")
		self.assertEqual(
			call_as(
				STAFF, sign_off.sign_and_complete, name, SIGNATURE, "Spotless, thank you", 1, "Month-end"
			),
			"Completed",
		)
		order = fresh(order)
		self.assertEqual(order.customer_signature, SIGNATURE)
		with self.assertRaises(frappe.ValidationError):
			self.edit(order, STAFF, customer_signature=SIGNATURE.replace("iVBOR", "iVBOQ"))

		act(order, "Check", DEPARTMENT_HEAD)
		notice = notice_of(bill_recent(), self.mine_customer)
		self.assertEqual(self.shown_notice(notice), ("Unpaid", 200))
		with as_user(FINANCE):
			payment_for(notice).submit()
		self.assertEqual(self.shown_notice(notice), ("Paid", 0))
		status, html = page("/service_bills", PORTAL)
		self.assertEqual(status, 200)
		self.assertTrue(notice in html, "the notice is on the bills page")
		self.assertTrue("Paid" in html, "the notice shows as paid")

		with as_user(PORTAL):
			bills.notice_pdf(notice)
			self.assertTrue(frappe.local.response.filecontent.startswith(b"%PDF"))
			receipts = bills.receipts()
		self.assertEqual([row["invoice"] for row in receipts], [notice])

		call_as(PORTAL, ratings.rate, name, 5, 4, "5", "Quick and tidy")
		self.assertEqual(
			frappe.db.get_value(
				"Service Work Order", name, ["rating_timeliness", "rating_skill", "rating_attitude"]
			),
			("5", "4", "5"),
		)
		with self.assertRaises(frappe.ValidationError):
			call_as(PORTAL, ratings.rate, name, 1, 1, 1)

	def shown_notice(self, name):
		(row,) = [row for row in call_as(PORTAL, bills.notices) if row.name == name]
		return row.status, row.outstanding_amount

	def test_a_re_quote_asks_again_and_the_old_version_stays_visible(self):
		order = self.quoted()
		call_as(PORTAL, quotes.accept_quote, order.name, 1)
		order = act(fresh(order), "Re-quote", CUSTOMER_SERVICE)
		order = self.edit(
			order, CUSTOMER_SERVICE, items=[{"catalogue_item": self.cleaning, "qty": 3, "rate": 100}]
		)
		self.assertEqual([row.version for row in order.price_versions], [1, 2])
		with self.assertRaises(frappe.ValidationError):
			call_as(PORTAL, quotes.accept_quote, order.name, 1)  # the price changed since
		html = page("/service_order", PORTAL, name=order.name)[1]
		self.assertTrue("tw-accept" in html, "the new quote asks again")
		self.assertTrue("300.00" in html, "the new price shows")
		self.assertTrue("200.00" in html, "the first version stays visible")
		self.assertEqual(call_as(PORTAL, quotes.accept_quote, order.name, 2), "Confirmed")
		self.assertTrue(all(row.confirmed_by for row in fresh(order).price_versions))

	def test_decline_reschedule_and_cancel_record_the_reason_and_tell_the_other_side(self):
		declined = self.quoted()
		self.assertEqual(call_as(PORTAL, quotes.decline_quote, declined.name, "Too dear"), "Cancelled")
		declined = fresh(declined)
		self.assertEqual(declined.cancelled_by_side, "Customer")
		self.assertIn("Too dear", declined.cancellation_reason)

		order = self.dispatch(self.accepted())
		start = order.appointment_start + timedelta(days=3)
		call_as(PORTAL, schedule.reschedule, order.name, start, start + timedelta(hours=1), "Working late")
		order = fresh(order)
		self.assertEqual(
			(order.schedule_changes[-1].requested_by, order.schedule_changes[-1].changed_by),
			("Customer", PORTAL),
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": STAFF, "document_name": order.name})
		)
		with self.assertRaises(frappe.ValidationError):
			call_as(PORTAL, schedule.cancel, order.name, " ")
		self.assertEqual(call_as(PORTAL, schedule.cancel, order.name, "Moving out"), "Cancelled")
		self.assertEqual(fresh(order).cancellation_reason, "Moving out")

		started = act(self.dispatch(self.accepted()), "Start Work", STAFF)
		with self.assertRaises(frappe.ValidationError):
			call_as(PORTAL, schedule.cancel, started.name, "Too late")

	def test_not_satisfied_on_the_phone_sends_the_work_back_and_it_is_signed_again(self):
		order = act(self.dispatch(self.accepted(), day=today()), "Start Work", STAFF)
		with self.assertRaises(frappe.ValidationError):
			call_as(STAFF, sign_off.sign_and_complete, order.name, SIGNATURE, "", 0)  # say why
		self.assertEqual(
			call_as(STAFF, sign_off.sign_and_complete, order.name, SIGNATURE, "Oven still greasy", 0),
			"Rework",
		)
		self.assertTrue("tw-signature" in page("/my_work", STAFF, order=order.name)[1])
		self.assertEqual(
			call_as(STAFF, sign_off.sign_and_complete, order.name, SIGNATURE, "Now fine", 1, "Immediate"),
			"Completed",
		)
		self.assertEqual([row.satisfied for row in fresh(order).sign_offs], [0, 1])

	def test_a_complaint_goes_into_the_register_and_its_reply_shows(self):
		order = self.request()
		name = call_as(PORTAL, complaints.complain, self.mine, "Nobody came", order, "Timeliness")
		complaint = frappe.get_doc("Service Complaint", name)
		self.assertEqual(
			(
				complaint.household,
				complaint.customer,
				complaint.work_order,
				complaint.channel,
				complaint.status,
			),
			(self.mine, self.mine_customer, order, "Portal", "Open"),
		)
		theirs = call_as(OTHER_PORTAL, complaints.complain, self.theirs, "Their own complaint")
		status, html = page("/service_complaints", PORTAL)
		self.assertEqual(status, 200)
		self.assertTrue(name in html and "Nobody came" in html, "the complaint is on the page")
		self.assertFalse(
			theirs in html or "Their own complaint" in html, "another household's complaint shows"
		)
		their_order = frappe.db.get_value("Service Work Order", {"household": self.theirs})
		self.assertEqual(page("/service_complaints", PORTAL, order=their_order or "none")[0], 403)

	def test_the_request_is_checked_and_its_text_escaped(self):
		with self.assertRaises(frappe.ValidationError):
			self.request(items=[{"catalogue_item": "not-on-the-list", "qty": 1}])
		with self.assertRaises(frappe.ValidationError):
			self.request(request_type="Anything")
		yesterday = add_days(now_datetime(), -1)
		with self.assertRaises(frappe.ValidationError):
			self.request(preferred_start=yesterday, preferred_end=now_datetime())
		name = self.request(description=MARKUP, items=[])
		for route, user, query in (
			("/service_order", PORTAL, {"name": name}),
			("/my_household", PORTAL, {}),
		):
			status, html = page(route, user, **query)
			self.assertEqual(status, 200, route)
			self.assertFalse('evil.example/pay">' in html, route)
			self.assertTrue(ESCAPED_MARKUP_START in html, route)

	def test_the_staff_members_pages_show_the_customers_text_as_text(self):
		order = act(self.dispatch(self.accepted(description=MARKUP), day=today()), "Start Work", STAFF)
		for query in ({}, {"order": order.name}):
			status, html = page("/my_work", STAFF, **query)
			self.assertEqual(status, 200, query)
			self.assertFalse('evil.example/pay">' in html, query)
			self.assertTrue(ESCAPED_MARKUP_START in html, query)
		call_as(STAFF, sign_off.sign_and_complete, order.name, SIGNATURE, MARKUP, 1, "Month-end")
		html = page("/my_work", STAFF, order=order.name)[1]
		self.assertTrue(ESCAPED_MARKUP_START in html, "the customer's comment is on the page, as text")
		self.assertFalse('evil.example/pay">' in html)


class TestAgreementsOnThePhone(PortalTestCase):
	def test_an_agreement_shows_each_billed_cycle_and_only_the_households_own(self):
		start = add_months(today(), -3)
		mine, theirs = (
			signed_agreement(
				draft_agreement(
					household, self.cleaning, self.staff, start, add_days(add_months(start, 12), -1)
				)
			).name
			for household in (self.mine, self.theirs)
		)
		billed = bill_agreement(mine)
		self.assertEqual(len(billed), 3)
		shown = {row.name: row for row in call_as(PORTAL, bills.agreements)}
		self.assertNotIn(theirs, shown)
		self.assertEqual(sorted(cycle.name for cycle in shown[mine].cycles), sorted(billed))
		html = page("/service_bills", PORTAL)[1]
		self.assertTrue(mine in html and all(name in html for name in billed), "the cycles are on the page")
		self.assertFalse(theirs in html, "another household's agreement is on the page")


class TestOnlyTheirOwn(PortalTestCase):
	"""Every page and action refuses another household's order, notice and (not) any order at all."""

	def test_another_households_order_is_refused_on_every_page_and_action(self):
		theirs = self.accepted(user=OTHER_PORTAL, household=self.theirs).name
		mine = self.request()
		refused = frappe.PermissionError
		for action, args in (
			(requests.order_status, (theirs,)),
			(quotes.accept_quote, (theirs, 1)),
			(complaints.complain, (self.theirs, "x")),
			(complaints.complain, (self.mine, "x", theirs)),
			(quotes.decline_quote, (theirs, "no")),
			(schedule.reschedule, (theirs, add_days(now_datetime(), 2), add_days(now_datetime(), 3), "x")),
			(schedule.cancel, (theirs, "x")),
			(ratings.rate, (theirs, 5, 5, 5)),
			(requests.services, (self.theirs,)),
			(requests.order_status, ("SWO-DOES-NOT-EXIST",)),
		):
			with self.subTest(action=action.__name__), self.assertRaises(refused):
				call_as(PORTAL, action, *args)
		with self.assertRaises(refused):
			self.request(household=self.theirs)
		self.assertEqual(frappe.db.get_value("Service Work Order", theirs, "workflow_state"), "Confirmed")

		status, html = page("/service_order", PORTAL, name=theirs)
		self.assertEqual(status, 403)
		self.assertFalse("Please clean the kitchen" in html, "another household's request shows")
		status, html = page("/my_household", PORTAL)
		self.assertTrue(mine in html, "the customer's own order is listed")
		self.assertFalse(theirs in html, "another household's order is listed")
		status, html = page("/service_request", PORTAL, household=self.theirs)
		self.assertFalse(self.theirs in html, "another household cannot be chosen")
		# Not a customer's page, nor a staff member's for someone else's order.
		self.assertEqual(page("/my_work", PORTAL)[0], 403)
		self.assertEqual(page("/service_order", "Guest", name=mine)[0], 403)
		other_staffs = self.dispatch(frappe.get_doc("Service Work Order", theirs), staff=self.other_staff)
		self.assertEqual(page("/my_work", STAFF, order=other_staffs.name)[0], 403)
		with self.assertRaises(refused):
			call_as(STAFF, sign_off.start, other_staffs.name)

	def test_another_customers_notice_is_refused(self):
		order = self.dispatch(self.accepted(user=OTHER_PORTAL, household=self.theirs), day=today())
		order = act(order, "Start Work", STAFF)
		order = self.edit(order, STAFF, customer_signature=SIGNATURE, settlement_mode="Month-end")
		act(act(order, "Complete", STAFF), "Check", DEPARTMENT_HEAD)
		notice = notice_of(bill_recent(), self.their_customer)
		self.assertNotIn(notice, [row.name for row in call_as(PORTAL, bills.notices)])
		for action, args in ((bills.notice_pdf, (notice,)), (bills.receipt_pdf, (notice,))):
			with self.subTest(action=action.__name__), self.assertRaises(frappe.PermissionError):
				call_as(PORTAL, action, *args)
		self.assertFalse(notice in page("/service_bills", PORTAL)[1])
		self.assertTrue(notice in page("/service_bills", OTHER_PORTAL)[1])


class TestThroughREST(PortalTestCase):
	"""The same refusals over HTTP (the REST API's own connection: what it reads is committed)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.token = token_for(PORTAL)
		frappe.db.commit()

	def test_another_households_order_is_refused_through_rest(self):
		theirs = committed(
			"Service Work Order",
			{"household": self.theirs, "request_details": "REST: theirs"},
			lambda: self.request(
				user=OTHER_PORTAL, household=self.theirs, description="REST: theirs", items=[]
			),
		)
		for path, body in (
			("tewei_service.portal.quotes.accept_quote", {"order": theirs, "version": 1}),
			("tewei_service.portal.schedule.cancel", {"order": theirs, "reason": "x"}),
			(
				"tewei_service.portal.ratings.rate",
				{"order": theirs, "timeliness": 5, "skill": 5, "attitude": 5},
			),
			("tewei_service.portal.requests.order_status", {"order": theirs}),
			("tewei_service.portal.complaints.complain", {"household": self.theirs, "description": "x"}),
			("tewei_service.portal.bills.notice_pdf", {"invoice": "ACC-SINV-NOT-MINE"}),
			(
				"tewei_service.portal.requests.request_service",
				{"household": self.theirs, "request_type": "Housekeeping", "description": "x"},
			),
		):
			with self.subTest(path=path):
				response = call("POST", f"/api/method/{path}", self.token, body)
				self.assertEqual(response.status_code, 403, response.text)
		for path in (
			f"/service_order?name={quote(theirs)}",
			f"/api/resource/Service%20Work%20Order/{quote(theirs)}",
		):
			with self.subTest(path=path):
				self.assertEqual(call("GET", path, self.token).status_code, 403)
		self.assertEqual(frappe.db.get_value("Service Work Order", theirs, "workflow_state"), "Registered")

	def test_another_customers_invoice_is_refused_through_rest(self):
		def invoice_of(customer, household):
			def make():
				item = frappe.db.get_value("Service Catalogue Item", self.cleaning, "item")
				line = {"item_code": item, "qty": 1, "rate": 100}
				with as_user(FINANCE):
					doc = hand_made_invoice(
						customer, [line], remarks="REST: a notice", tewei_household=household
					).insert()
					doc.submit()
				return doc.name

			filters = {"customer": customer, "tewei_household": household, "remarks": "REST: a notice"}
			return committed("Sales Invoice", filters, make)

		notice_pdf = "/api/method/tewei_service.portal.bills.notice_pdf"
		mine = call("POST", notice_pdf, self.token, {"invoice": invoice_of(self.mine_customer, self.mine)})
		self.assertEqual(mine.status_code, 200)
		self.assertTrue(mine.get_data().startswith(b"%PDF"), "the customer's own notice comes as a PDF")
		theirs = invoice_of(self.their_customer, self.theirs)
		name = quote(theirs)
		for method, path, body in (
			("POST", notice_pdf, {"invoice": theirs}),
			("POST", "/api/method/tewei_service.portal.bills.receipt_pdf", {"payment": theirs}),
			(
				"GET",
				f"/api/method/frappe.utils.print_format.download_pdf?doctype=Sales%20Invoice&name={name}",
				None,
			),
			("GET", f"/api/resource/Sales%20Invoice/{name}", None),
			("GET", f"/printview?doctype=Sales%20Invoice&name={name}", None),
		):
			with self.subTest(path=path):
				response = call(method, path, self.token, body)
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
				self.assertNotIn(b"%PDF", response.get_data())

	def test_new_requests_are_rate_limited(self):
		body = {"household": self.mine, "request_type": "Housekeeping", "description": "REST: rate limit"}
		statuses = [
			call(
				"POST", "/api/method/tewei_service.portal.requests.request_service", self.token, body
			).status_code
			for _attempt in range(11)
		]
		self.assertIn(429, statuses)
		self.assertLessEqual(statuses.count(200), 10)

	def test_actions_take_only_posts(self):
		mine = committed(
			"Service Work Order",
			{"household": self.mine, "request_details": "REST: mine"},
			lambda: self.request(description="REST: mine", items=[]),
		)
		response = call(
			"GET", f"/api/method/tewei_service.portal.schedule.cancel?order={mine}&reason=x", self.token
		)
		self.assertNotEqual(response.status_code, 200)
		self.assertEqual(frappe.db.get_value("Service Work Order", mine, "workflow_state"), "Registered")
