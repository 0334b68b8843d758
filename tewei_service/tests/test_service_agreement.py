"""A1, A2, S4 on real ledgers: who signs an agreement, cycle billing exactly once, early termination."""

import frappe
from frappe.utils import add_days, add_months, get_first_day, getdate, today

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from erpnext.accounts.utils import get_balance_on

from tewei_service.billing.agreements import bill_agreement, bill_agreements
from tewei_service.tests.agreement_builders import draft_agreement, signed_agreement
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	act,
	fresh,
)
from tewei_service.tests.site import TEST_COMPANY, as_user, make_customer
from tewei_service.tests.work_order_builders import WorkOrderTestCase
from tewei_service.tewei_service.report.agreement_billing.agreement_billing import execute as billing_report

FIVE_MONTHS_AGO = getdate(add_months(get_first_day(today()), -5))


class TestServiceAgreement(WorkOrderTestCase):
	def draft(
		self, start=FIVE_MONTHS_AGO, months=12, service_type="Regular", fee=300, customer=None, **values
	):
		end = add_days(add_months(start, months), -1) if months else add_days(start, 20)
		customer = customer or self.customer
		return draft_agreement(
			self.household_of(customer),
			self.cleaning,
			self.staff,
			start,
			end,
			customer=customer,
			service_type=service_type,
			fee=fee,
			**values,
		)

	def signed(self, **values):
		return signed_agreement(self.draft(**values))

	def test_a_month_or_more_is_signed_by_the_department_manager(self):
		agreement = self.draft()
		self.assertEqual((agreement.needs_signature, agreement.fee_per_cycle), (1, 300))
		self.assertRaises(frappe.ValidationError, act, agreement, "Activate", CUSTOMER_SERVICE)
		pending = act(agreement, "Submit for Signature", CUSTOMER_SERVICE)
		self.assertRaises(frappe.ValidationError, act, pending, "Sign", CUSTOMER_SERVICE)
		active = act(pending, "Sign", DEPARTMENT_HEAD)
		self.assertEqual(
			(active.workflow_state, active.docstatus, active.signed_by), ("Active", 1, DEPARTMENT_HEAD)
		)
		html = frappe.get_print("Service Agreement", active.name, "Service Agreement")
		for expected in (
			"居家服務協議書",
			"Every Monday 09:00-11:00",
			"300.00",
			DEPARTMENT_HEAD.split("@")[0],
		):
			self.assertIn(expected, html)

	def test_hourly_work_under_a_month_starts_without_a_signature(self):
		agreement = self.draft(months=0, service_type="Hourly", fee=80)
		self.assertEqual(agreement.needs_signature, 0)
		self.assertRaises(frappe.ValidationError, act, agreement, "Submit for Signature", CUSTOMER_SERVICE)
		active = act(agreement, "Activate", CUSTOMER_SERVICE)
		self.assertEqual((active.workflow_state, active.docstatus, active.signed_by), ("Active", 1, None))

	def test_bad_agreements_are_refused_and_nothing_is_saved(self):
		before = frappe.db.count("Service Agreement")
		ends_first = {"end_date": add_days(FIVE_MONTHS_AGO, -1)}
		with self.assertRaisesRegex(frappe.ValidationError, "before it starts"):
			self.draft(**ends_first)
		with self.assertRaisesRegex(frappe.ValidationError, "more than zero"):
			self.draft(fee=-300)
		with self.assertRaisesRegex(frappe.ValidationError, "record shorter work as hourly"):
			self.draft(months=0, service_type="Regular")
		self.assertEqual(frappe.db.count("Service Agreement"), before)

	def test_each_cycle_is_billed_exactly_once_across_a_missed_run(self):
		customer = make_customer("Agreement Gao")
		agreement = self.signed(customer=customer)
		first_run = add_days(add_months(FIVE_MONTHS_AGO, 1), 4)
		self.assertEqual(len(bill_agreement(agreement.name, as_of=first_run)), 1)

		# The job did not run for months: today's run bills every ended cycle since, each once.
		caught_up = bill_agreements(as_of=today(), company=TEST_COMPANY)
		mine = [
			name for name in caught_up if frappe.db.get_value("Sales Invoice", name, "customer") == customer
		]
		self.assertEqual(len(mine), 4)
		starts = frappe.get_all(
			"Sales Invoice",
			{"tewei_service_agreement": agreement.name, "docstatus": 1},
			pluck="tewei_cycle_start",
			order_by="tewei_cycle_start",
		)
		self.assertEqual(starts, [getdate(add_months(FIVE_MONTHS_AGO, n)) for n in range(5)])
		self.assertEqual({frappe.db.get_value("Sales Invoice", name, "grand_total") for name in mine}, {300})
		self.assertEqual(get_balance_on(party_type="Customer", party=customer, company=TEST_COMPANY), 1500)
		self.assertEqual(bill_agreement(agreement.name, as_of=today()), [])  # and again: nothing

		# S4: customer service collects an agreement's fee, over the staff limit.
		payment = get_payment_entry("Sales Invoice", mine[0])
		payment.update(
			{"reference_no": "A1", "reference_date": today(), "tewei_collected_by": CUSTOMER_SERVICE}
		)
		payment.update({"tewei_collected_on": today()})
		payment.insert().submit()
		self.assertEqual(frappe.db.get_value("Sales Invoice", mine[0], "outstanding_amount"), 0)

		# Cancelling one cycle's invoice makes that cycle (and only it) due again.
		frappe.get_doc("Sales Invoice", mine[1]).cancel()
		rebilled = bill_agreement(agreement.name, as_of=today())
		self.assertEqual(len(rebilled), 1)
		self.assertEqual(
			frappe.db.get_value("Sales Invoice", rebilled[0], "tewei_cycle_start"),
			getdate(add_months(FIVE_MONTHS_AGO, 2)),
		)

		_columns, rows = billing_report({"as_of": today(), "service_agreement": agreement.name})
		self.assertEqual(
			[row["status"] for row in rows], ["Billed", "Paid"] + ["Billed"] * 3 + ["In progress"]
		)
		self.assertEqual(sum(row["amount"] for row in rows[:5]), 1500)

	def test_the_company_ends_early_only_with_a_written_notice(self):
		agreement = self.signed(customer=make_customer("Agreement Luo"))
		last_day = str(add_days(add_months(FIVE_MONTHS_AGO, 1), 9))  # ten days into the second month

		def end_early(user, **values):
			with as_user(user):
				return fresh(agreement).end_early(
					**{"side": "Company", "last_day": last_day, "reason": "Staff shortage", **values}
				)

		self.assertRaises(frappe.ValidationError, end_early, CUSTOMER_SERVICE, notice_date=today())
		self.assertRaisesRegex(frappe.ValidationError, "written notice", end_early, BRANCH_MANAGER)
		self.assertEqual(fresh(agreement).workflow_state, "Active")
		end_early(BRANCH_MANAGER, notice_date=str(add_days(last_day, -30)))
		ended = fresh(agreement)
		self.assertEqual((ended.workflow_state, ended.terminated_by_side), ("Terminated", "Company"))

		notice = frappe.get_print("Service Agreement", ended.name, "Termination Notice")
		for expected in ("終止服務通知書", "Staff shortage", ended.name):
			self.assertIn(expected, notice)

		invoices = bill_agreement(ended.name, as_of=today())
		totals = [frappe.db.get_value("Sales Invoice", name, "grand_total") for name in invoices]
		days_in_second_month = (
			getdate(add_months(FIVE_MONTHS_AGO, 2)) - getdate(add_months(FIVE_MONTHS_AGO, 1))
		).days
		self.assertEqual(totals, [300, round(300 * 10 / days_in_second_month, 2)])
