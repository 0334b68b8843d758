"""S1 on real ledgers: month-end billing notices, billed once, freed by cancelling, paid by Payment Entry."""

import frappe
from frappe.utils import add_days, flt, today

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from erpnext.accounts.utils import get_balance_on

from tewei_service.billing.month_end import bill_month
from tewei_service.tests.billing_builders import bill_recent
from tewei_service.tests.catalogue_builders import act, fresh
from tewei_service.tests.print_builders import printed_text
from tewei_service.tests.site import TEST_COMPANY, make_customer
from tewei_service.tests.work_order_builders import STAFF, WorkOrderTestCase


class TestMonthEndBilling(WorkOrderTestCase):
	def test_month_end_run_bills_each_customer_once_on_real_ledgers(self):
		chen, lin = make_customer("Billing Chen"), make_customer("Billing Lin")
		# The test site keeps ledgers between runs: compare with what Chen owed before.
		owed_before = get_balance_on(party_type="Customer", party=chen, company=TEST_COMPANY)
		chen_orders = [self.checked(chen, qty=2), self.checked(chen, qty=1)]
		lin_order = self.checked(lin, qty=3)
		immediate = self.completed(lin, qty=1, settlement_mode="Immediate")
		unchecked = act(self.dispatched(customer=lin), "Start Work", STAFF)

		# Another company's run leaves this company's orders alone.
		other_company = (
			frappe.db.exists("Company", "Tewei Other Property")
			or frappe.get_doc(
				{
					"doctype": "Company",
					"company_name": "Tewei Other Property",
					"abbr": "TOP",
					"default_currency": "CNY",
					"country": "China",
				}
			)
			.insert()
			.name
		)
		self.assertEqual(bill_month(other_company, add_days(today(), -1), today())["invoices"], [])

		summary = bill_recent()
		self.assertEqual((len(summary["invoices"]), summary["orders_billed"]), (2, 3))
		invoices = {
			frappe.db.get_value("Sales Invoice", name, "customer"): name for name in summary["invoices"]
		}
		chen_invoice = frappe.get_doc("Sales Invoice", invoices[chen])
		self.assertEqual(chen_invoice.grand_total, 300)
		self.assertEqual(
			sorted(row.tewei_work_order for row in chen_invoice.items), sorted(o.name for o in chen_orders)
		)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoices[lin], "grand_total"), 300)

		# The ledger and Accounts Receivable agree with the billing notice.
		gl = frappe.get_all(
			"GL Entry", {"voucher_no": chen_invoice.name, "is_cancelled": 0}, ["debit", "credit", "party"]
		)
		self.assertEqual(sum(flt(e.debit) for e in gl), sum(flt(e.credit) for e in gl))
		self.assertEqual(sum(flt(e.debit) for e in gl if e.party == chen), 300)
		owed = get_balance_on(party_type="Customer", party=chen, company=TEST_COMPANY)
		self.assertEqual(owed - owed_before, 300)

		for order in (*chen_orders, lin_order):
			self.assertEqual(fresh(order).payment_status, "Billed")
		for order in (immediate, unchecked):
			self.assertFalse(fresh(order).sales_invoice)

		self.assertEqual(bill_recent()["invoices"], [])  # a second run bills nothing

		chen_invoice.cancel()
		self.assertEqual({fresh(o).payment_status for o in chen_orders}, {"Unbilled"})
		rerun = bill_recent()
		self.assertEqual(rerun["orders_billed"], 2)
		self.assertEqual(fresh(chen_orders[0]).sales_invoice, rerun["invoices"][0])

	def test_payment_entry_marks_orders_paid_and_cancelling_reverts(self):
		customer = make_customer("Billing Wu")
		order = self.checked(customer, qty=2)
		invoice = bill_recent()["invoices"][0]

		partial = get_payment_entry("Sales Invoice", invoice)
		partial.update(
			{"paid_amount": 50, "received_amount": 50, "reference_no": "P1", "reference_date": today()}
		)
		partial.references[0].allocated_amount = 50
		partial.insert().submit()
		self.assertEqual(fresh(order).payment_status, "Partly Paid")

		rest = get_payment_entry("Sales Invoice", invoice)
		rest.update({"reference_no": "P2", "reference_date": today()})
		rest.insert().submit()
		self.assertEqual(fresh(order).payment_status, "Paid")
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"), 0)

		rest.cancel()
		self.assertEqual(fresh(order).payment_status, "Partly Paid")

	def test_billing_notice_prints_with_orders_and_paid_stamp(self):
		order = self.checked(make_customer("Billing Zhao"), qty=2)
		invoice = bill_recent()["invoices"][0]
		html = frappe.get_print("Sales Invoice", invoice, "Billing Notice")
		for expected in ("收費通知單", order.name, "Kitchen cleaning (order test)", "200.00"):
			self.assertIn(expected, html)
		self.assertNotIn("已交費", html)
		payment = get_payment_entry("Sales Invoice", invoice)
		payment.update({"reference_no": "P3", "reference_date": today()})
		payment.insert().submit()
		self.assertIn("已交費", frappe.get_print("Sales Invoice", invoice, "Billing Notice"))
		text = printed_text("Sales Invoice", invoice, "Billing Notice")
		self.assertIn("收費通知單", text)
		self.assertIn("Kitchen cleaning (order test)", text)

	def test_an_order_not_checked_yet_is_skipped_with_its_reason(self):
		order = self.completed(make_customer("Billing Fang"), qty=1)
		summary = bill_recent()
		self.assertIn((order.name, "not checked by the department head yet"), summary["skipped"])
		self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (None, "Unbilled"))
		self.assertEqual(frappe.get_all("Sales Invoice", {"customer": order.customer}), [])
