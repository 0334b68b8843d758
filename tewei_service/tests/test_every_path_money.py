"""Money only through finance, on every path round it (SPEC S1-S5, C5, E1), on real ledgers:
temporary jobs on both settlement paths, a month-end run with a customer that cannot be billed,
hand-made and copied invoices, credit notes, split collections and agreement settlement."""

import frappe
from frappe.utils import add_days, add_months, flt, get_first_day, get_last_day, getdate, today

from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

from tewei_service.billing.agreements import bill_agreement
from tewei_service.billing.invoices import make_service_invoice, work_order_lines
from tewei_service.exceptions import CollectionLimitError, PrivateSettlementError
from tewei_service.setup.billing_items import ERRAND_GOODS, TEMPORARY_SERVICE, billing_item
from tewei_service.tests.agreement_builders import draft_agreement, signed_agreement
from tewei_service.tests.billing_builders import bill_recent, settle
from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD, FINANCE, act, approved_item, fresh
from tewei_service.tests.every_path_builders import (
	MARK,
	EveryPathTestCase,
	committed,
	delivered_errand,
	duplicate,
	full_copy,
	hand_made_invoice,
	invoice_values,
	ledger,
	notice_of,
	order_line,
	payment_for,
	refusal,
	rest_insert,
	see_committed,
)
from tewei_service.tests.rest import token_for
from tewei_service.tests.site import TEST_COMPANY, as_user, make_customer, make_household
from tewei_service.tests.work_order_builders import SIGNATURE, STAFF


def submit_as(user: str, doc):
	with as_user(user):
		doc.insert()
		doc.submit()
		return frappe.get_doc(doc.doctype, doc.name)


def receivable(voucher: str, customer: str) -> float:
	return sum(flt(e.debit) - flt(e.credit) for e in ledger(voucher) if e.party == customer)


class TestTemporaryJobs(EveryPathTestCase):
	"""C5, S1, S2: an order priced by its Price Confirmation alone is billed at the confirmed price."""

	def test_settled_at_finance_as_one_temporary_service_line(self):
		customer = make_customer("Every path temporary Lu")
		order = self.temporary_job(customer, settlement_mode="Immediate", check=False)
		total = frappe.db.get_value("Price Confirmation", order.price_confirmation, "grand_total")
		self.assertEqual((order.items, order.total_amount), ([], total))

		made = settle(order)
		invoice = frappe.get_doc("Sales Invoice", made["sales_invoice"])
		(line,) = invoice.items
		self.assertEqual(
			(line.item_code, line.qty, line.rate, line.tewei_work_order),
			(billing_item(TEMPORARY_SERVICE), 1, total, order.name),
		)
		self.assertIn(order.price_confirmation, line.description)
		self.assertEqual((invoice.grand_total, invoice.outstanding_amount), (total, 0))
		self.assertAlmostEqual(receivable(invoice.name, customer), flt(invoice.rounded_total or total), 2)
		self.assertTrue(ledger(made["payment_entry"]))
		self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (invoice.name, "Paid"))
		self.assertEqual(act(order, "Check", DEPARTMENT_HEAD).workflow_state, "Checked")

	def test_billed_at_month_end_as_one_temporary_service_line(self):
		customer = make_customer("Every path temporary Mo")
		job = self.temporary_job(customer)
		catalogue = self.checked(customer, qty=1)
		total = frappe.db.get_value("Price Confirmation", job.price_confirmation, "grand_total")

		invoice = frappe.get_doc("Sales Invoice", notice_of(bill_recent(), customer))
		lines = {row.tewei_work_order: row for row in invoice.items}
		self.assertEqual(set(lines), {job.name, catalogue.name})
		self.assertEqual(
			(lines[job.name].item_code, lines[job.name].qty, lines[job.name].rate),
			(billing_item(TEMPORARY_SERVICE), 1, total),
		)
		self.assertEqual(invoice.grand_total, flt(total + 100, 2))
		self.assertTrue(ledger(invoice.name))
		self.assertEqual({fresh(job).payment_status, fresh(catalogue).payment_status}, {"Billed"})


class TestMonthEndRunGoesOn(EveryPathTestCase):
	"""S1: one customer that cannot be billed is skipped with its reason; the run bills the rest."""

	def test_an_unbillable_customer_is_skipped_and_every_other_customer_billed(self):
		billable = [make_customer("Every path billable Jin"), make_customer("Every path billable Kong")]
		unbillable = make_customer("Every path unbillable Ou")
		billed = [self.checked(customer, qty=1) for customer in billable]
		refused = [self.checked(unbillable, qty=1), self.temporary_job(unbillable)]
		# After the orders were checked the customer is disabled: ERPNext refuses its invoices.
		customer = frappe.get_doc("Customer", unbillable)
		customer.disabled = 1
		customer.save()
		try:
			summary = bill_recent()
		finally:
			frappe.clear_document_cache("Customer", unbillable)

		reasons = dict(summary["skipped"])
		for order in refused:
			self.assertIn(order.name, reasons)
			self.assertIn(f"Customer {unbillable} is disabled", reasons[order.name])
			self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (None, "Unbilled"))
		self.assertEqual(frappe.get_all("Sales Invoice", {"customer": unbillable}), [])
		for order in billed:
			invoice = notice_of(summary, order.customer)
			self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (invoice, "Billed"))
			self.assertEqual(receivable(invoice, order.customer), 100)


class TestBilledOnce(EveryPathTestCase):
	"""S1, E1, S4: one submitted invoice per order, errand and agreement cycle, whatever made it."""

	def test_the_duplicate_of_a_billing_notice_bills_no_order_again(self):
		customer = make_customer("Every path duplicate Rao")
		order = self.checked(customer, qty=2)
		notice = frappe.get_doc("Sales Invoice", notice_of(bill_recent(), customer))

		copy = duplicate(notice)
		self.assertEqual([row.tewei_work_order for row in copy.items], [None])
		copy = submit_as(FINANCE, copy)
		self.assertEqual([row.tewei_work_order for row in copy.items], [None])
		self.assertTrue(ledger(copy.name))
		self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (notice.name, "Billed"))
		# A full copy names the order: refused.
		with self.assertRaisesRegex(PrivateSettlementError, f"already billed on {notice.name}"):
			submit_as(FINANCE, full_copy(notice))

	def test_a_hand_made_invoice_bills_an_order_once_for_its_customer_at_its_amount(self):
		customer, other = make_customer("Every path hand Shi"), make_customer("Every path hand Tao")
		billed = self.checked(customer, qty=1)
		notice = notice_of(bill_recent(), customer)
		with self.assertRaisesRegex(PrivateSettlementError, f"already billed on {notice}"):
			submit_as(FINANCE, hand_made_invoice(customer, [order_line(fresh(billed))]))

		order = fresh(self.checked(customer, qty=2))
		with self.assertRaisesRegex(PrivateSettlementError, f"is for {customer}, not {other}"):
			submit_as(FINANCE, hand_made_invoice(other, [order_line(order)]))
		with self.assertRaisesRegex(PrivateSettlementError, "come to"):
			submit_as(FINANCE, hand_made_invoice(customer, [order_line(order, 150)]))

		# A draft typed before the run, submitted after the run billed the order: refused.
		with as_user(FINANCE):
			draft = hand_made_invoice(customer, [order_line(order)]).insert()
		rerun = notice_of(bill_recent(), customer)
		self.assertEqual(fresh(order).sales_invoice, rerun)
		with as_user(FINANCE):
			draft = frappe.get_doc("Sales Invoice", draft.name)
			self.assertRaisesRegex(PrivateSettlementError, f"already billed on {rerun}", draft.submit)
		self.assertEqual(frappe.db.get_value("Sales Invoice", draft.name, "docstatus"), 0)

		# The one allowed way: an order not billed yet, for its customer, at its amount.
		allowed = fresh(self.checked(customer, qty=1))
		invoice = submit_as(FINANCE, hand_made_invoice(customer, [order_line(allowed)]))
		self.assertEqual(receivable(invoice.name, customer), 100)
		self.assertEqual(
			(fresh(allowed).sales_invoice, fresh(allowed).payment_status), (invoice.name, "Billed")
		)
		self.assertNotIn(allowed.name, [name for name, _reason in bill_recent()["skipped"]])
		self.assertEqual(fresh(allowed).sales_invoice, invoice.name)

	def test_an_errand_is_invoiced_once(self):
		customer = make_customer("Every path errand Wei")
		errand = delivered_errand(self.household_of(customer), customer)
		made = settle(errand)
		line = {
			"item_code": billing_item(ERRAND_GOODS),
			"qty": 1,
			"rate": errand.total_amount,
			"tewei_errand_purchase": errand.name,
		}
		with self.assertRaisesRegex(PrivateSettlementError, f"already billed on {made['sales_invoice']}"):
			submit_as(FINANCE, hand_made_invoice(customer, [line]))
		invoice = frappe.get_doc("Sales Invoice", made["sales_invoice"])
		self.assertRaises(PrivateSettlementError, submit_as, FINANCE, full_copy(invoice))
		self.assertEqual(
			frappe.get_all(
				"Sales Invoice Item", {"tewei_errand_purchase": errand.name, "docstatus": 1}, pluck="parent"
			),
			[invoice.name],
		)

	def test_an_agreement_cycle_is_billed_once(self):
		customer = make_customer("Every path agreement Xu")
		start = get_first_day(add_months(today(), -2))
		agreement = signed_agreement(
			draft_agreement(
				self.household_of(customer),
				self.cleaning,
				self.staff,
				start,
				add_days(add_months(start, 12), -1),
			)
		)
		invoices = bill_agreement(agreement.name, as_of=today())
		self.assertEqual(len(invoices), 2)
		first = frappe.get_doc("Sales Invoice", invoices[0])
		self.assertEqual((first.tewei_cycle_start, first.tewei_cycle_end), (start, get_last_day(start)))
		self.assertTrue(ledger(first.name))

		again = hand_made_invoice(
			customer,
			[
				{
					"item_code": frappe.db.get_value("Service Catalogue Item", self.cleaning, "item"),
					"qty": 1,
					"rate": 300,
				}
			],
			tewei_service_agreement=agreement.name,
			tewei_cycle_start=start,
			tewei_cycle_end=get_last_day(start),
		)
		with self.assertRaisesRegex(PrivateSettlementError, f"already billed on {first.name}"):
			submit_as(FINANCE, again)
		self.assertRaises(PrivateSettlementError, submit_as, FINANCE, full_copy(first))
		# The desk's Duplicate bills no cycle.
		copy = duplicate(first)
		self.assertEqual((copy.tewei_service_agreement, copy.tewei_cycle_start), (None, None))
		self.assertEqual(bill_agreement(agreement.name, as_of=today()), [])

	def test_a_credit_note_gives_its_orders_back_and_marks_them_credited(self):
		customer = make_customer("Every path credit Yan")
		orders = [self.checked(customer, qty=1), self.temporary_job(customer)]
		notice = notice_of(bill_recent(), customer)

		credit_note = make_sales_return(notice)
		with as_user(FINANCE):
			credit_note.insert()
		self.assertEqual(
			sorted(row.tewei_work_order for row in credit_note.items), sorted(o.name for o in orders)
		)
		self.assertEqual({row.tewei_household for row in credit_note.items}, {self.household_of(customer)})
		with as_user(FINANCE):
			frappe.get_doc("Sales Invoice", credit_note.name).submit()
		self.assertEqual({fresh(o).payment_status for o in orders}, {"Credited"})
		self.assertTrue(ledger(credit_note.name))
		self.assertAlmostEqual(receivable(notice, customer) + receivable(credit_note.name, customer), 0, 2)


class TestBilledOnceOverREST(EveryPathTestCase):
	"""Committed: one billed order of one customer, an unbilled order of another (never checked)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.payer = make_customer("Every path REST payer")
		cls.stranger = make_customer("Every path REST stranger")
		cls.billed = committed(
			"Service Work Order",
			{"customer": cls.payer, "sales_invoice": ("is", "set"), "docstatus": 0},
			cls.billed_order,
		)
		cls.unbilled = committed(
			"Service Work Order",
			{"customer": cls.stranger, "request_details": f"{MARK} registered, never billed"},
			lambda: cls.register_as(cls.stranger, f"{MARK} registered, never billed").name,
		)
		cls.token = token_for(FINANCE)

	@classmethod
	def register_as(cls, customer, details):
		with as_user("Administrator"):
			return frappe.get_doc(
				{
					"doctype": "Service Work Order",
					"household": make_household(cls.project, f"C-{customer}", customer),
					"customer": customer,
					"request_type": "Housekeeping",
					"request_details": details,
					"items": [{"catalogue_item": cls.cleaning, "qty": 1, "rate": 100}],
				}
			).insert()

	@classmethod
	def billed_order(cls) -> str:
		# Done by a staff member whose households no committed test counts.
		order = cls.register_as(cls.payer, f"{MARK} billed")
		order.db_set(
			{"workflow_state": "Checked", "settlement_mode": "Month-end", "customer_signature": SIGNATURE}
		)
		make_service_invoice(TEST_COMPANY, cls.payer, work_order_lines([order.name])[0])
		return order.name

	def post(self, customer: str, order: str, amount: float):
		line = order_line(frappe.get_doc("Service Work Order", order), amount)
		return rest_insert(self.token, "Sales Invoice", invoice_values(customer, [line]))

	def test_finance_cannot_post_an_invoice_billing_an_order_again_or_for_another(self):
		invoice = frappe.db.get_value("Service Work Order", self.billed, "sales_invoice")
		for customer, order, amount, message in (
			(self.payer, self.billed, 100, f"already billed on {invoice}"),
			(self.payer, self.unbilled, 100, f"is for {self.stranger}, not {self.payer}"),
			(self.stranger, self.unbilled, 80, "come to"),
		):
			with self.subTest(message=message):
				see_committed()
				before = frappe.db.count("Sales Invoice")
				response = self.post(customer, order, amount)
				self.assertEqual(refusal(response), (417, "PrivateSettlementError"), response.text)
				self.assertIn(message, response.text)
				see_committed()
				self.assertEqual(frappe.db.count("Sales Invoice"), before)


class TestCollectionLimitEveryPath(EveryPathTestCase):
	"""S3: what one staff collector takes for one invoice is added up over their payments."""

	def test_a_collection_split_under_the_limit_is_still_one_collection(self):
		customer = make_customer("Every path split Zeng")
		self.checked(customer, qty=2)
		invoice = notice_of(bill_recent(), customer)
		collected = {"tewei_collected_by": STAFF, "tewei_collected_on": today()}
		first = submit_as(FINANCE, payment_for(invoice, 60, "Split 1", **collected))
		self.assertEqual(first.tewei_collected_by, STAFF)
		with self.assertRaises(CollectionLimitError):
			submit_as(FINANCE, payment_for(invoice, 60, "Split 2", **collected))
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"), 140)
		# A department head collects the rest.
		submit_as(FINANCE, payment_for(invoice, 140, "Split 3", tewei_collected_by=DEPARTMENT_HEAD))
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"), 0)

	def test_a_payment_without_a_collector_names_the_user_who_entered_it(self):
		customer = make_customer("Every path collector Zhu")
		self.checked(customer, qty=1)
		invoice = notice_of(bill_recent(), customer)
		payment = submit_as(FINANCE, payment_for(invoice, reference="No collector"))
		self.assertEqual(
			(payment.tewei_collected_by, payment.tewei_collected_on), (FINANCE, payment.posting_date)
		)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"), 0)
		self.assertTrue(ledger(payment.name))


class TestAgreementSettlement(EveryPathTestCase):
	"""S4: "Agreement" settlement only for a service a signed agreement of the household covers."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.laundry = approved_item("Every path laundry", 30).name

	def signed_off(self):
		doc = act(self.dispatched(), "Start Work", STAFF)
		return self.edit(doc, STAFF, customer_signature=SIGNATURE, settlement_mode="Agreement")

	def agreement(self, household, service, start, end):
		return signed_agreement(draft_agreement(household, service, self.staff, start, end))

	def assert_refused(self, doc):
		with self.assertRaises(frappe.ValidationError) as caught:
			act(doc, "Complete", STAFF)
		message = str(caught.exception)
		self.assertIn(f"No signed agreement of household {self.household} covers", message)
		self.assertIn("Kitchen cleaning (order test)", message)
		self.assertEqual(fresh(doc).workflow_state, "In Progress")

	def test_completed_under_an_agreement_only_when_one_covers_the_service(self):
		doc = self.signed_off()
		self.assert_refused(doc)
		day = getdate(doc.appointment_start)
		# Agreements that do not cover it: another household's, another service, ended, a draft.
		other = make_customer("Every path agreement neighbour")
		self.agreement(self.household_of(other), self.cleaning, add_days(day, -40), add_days(day, 60))
		self.agreement(self.household, self.laundry, add_days(day, -40), add_days(day, 60))
		self.agreement(self.household, self.cleaning, add_days(day, -100), add_days(day, -1))
		draft_agreement(self.household, self.cleaning, self.staff, add_days(day, -40), add_days(day, 60))
		self.assert_refused(doc)

		self.agreement(self.household, self.cleaning, add_days(day, -40), add_days(day, 60))
		doc = act(doc, "Complete", STAFF)
		self.assertEqual((doc.workflow_state, doc.settlement_mode), ("Completed", "Agreement"))
