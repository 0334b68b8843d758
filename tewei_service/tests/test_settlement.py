"""S2, S3, S5 on real ledgers: immediate settlement, the staff collection limit, no private settlement."""

import frappe
from frappe.utils import add_days, flt, today

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from erpnext.accounts.utils import get_balance_on

from tewei_service.exceptions import (
	CollectionLimitError,
	PrivateSettlementError,
	ServicePermissionError,
)
from tewei_service.tests.billing_builders import bill_recent, credit_note_for, settle
from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD, act, fresh
from tewei_service.tests.site import TEST_COMPANY, make_customer
from tewei_service.tests.work_order_builders import STAFF, WorkOrderTestCase


def service_invoices(customer) -> list[str]:
	return frappe.get_all("Sales Invoice", {"customer": customer, "docstatus": 1}, pluck="name")


class TestImmediateSettlement(WorkOrderTestCase):
	def test_invoice_and_payment_at_once_leave_nothing_outstanding(self):
		order = self.completed(make_customer("Settle Qian"), qty=3, settlement_mode="Immediate")
		made = settle(order)

		invoice = frappe.get_doc("Sales Invoice", made["sales_invoice"])
		self.assertEqual((invoice.grand_total, invoice.outstanding_amount, invoice.status), (300, 0, "Paid"))
		self.assertEqual(invoice.items[0].tewei_work_order, order.name)
		payment = frappe.get_doc("Payment Entry", made["payment_entry"])
		self.assertEqual((payment.docstatus, payment.mode_of_payment, payment.paid_amount), (1, "Cash", 300))
		cash = frappe.get_all(
			"GL Entry",
			{"voucher_no": payment.name, "account": "Cash - TTP", "is_cancelled": 0},
			pluck="debit",
		)
		self.assertEqual(sum(map(flt, cash)), 300)
		self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (invoice.name, "Paid"))

		receipt = frappe.get_print("Payment Entry", payment.name, "Cash Receipt")
		for expected in ("收款收據", "現金收訖", order.name, invoice.name):
			self.assertIn(expected, receipt)

		# A second click finds the order invoiced; the department head can now close it.
		self.assertRaisesRegex(frappe.ValidationError, "already invoiced", settle, order)
		self.assertEqual(len(service_invoices(order.customer)), 1)
		self.assertEqual(act(order, "Check", DEPARTMENT_HEAD).workflow_state, "Checked")

	def test_only_completed_immediate_orders_are_settled_and_only_by_finance(self):
		month_end = self.completed(make_customer("Settle Sun"), settlement_mode="Month-end")
		self.assertRaisesRegex(frappe.ValidationError, "immediate settlement", settle, month_end)
		not_done = act(
			self.dispatched(customer=month_end.customer, settlement_mode="Immediate"),
			"Start Work",
			STAFF,
		)
		self.assertRaisesRegex(frappe.ValidationError, "completed order", settle, not_done)
		immediate = self.completed(month_end.customer, settlement_mode="Immediate")
		self.assertRaises(ServicePermissionError, settle, immediate, user=STAFF)
		self.assertEqual(service_invoices(month_end.customer), [])

	def test_an_immediate_order_is_closed_only_once_paid(self):
		order = self.completed(make_customer("Settle Li"), settlement_mode="Immediate")
		self.assertRaisesRegex(
			frappe.ValidationError, "record the payment at finance", act, order, "Check", DEPARTMENT_HEAD
		)
		self.assertEqual(fresh(order).workflow_state, "Completed")

	def test_payment_status_cannot_be_set_by_hand(self):
		order = self.completed(make_customer("Settle Zhou"), settlement_mode="Immediate")
		for values in ({"payment_status": "Paid"}, {"sales_invoice": None, "payment_status": "Billed"}):
			self.assertRaises(PrivateSettlementError, self.edit, order, DEPARTMENT_HEAD, **values)
		self.assertEqual(fresh(order).payment_status, "Unbilled")


class TestCollectionLimit(WorkOrderTestCase):
	def test_staff_may_not_collect_the_limit_but_below_it_and_heads_may(self):
		self.assertEqual(frappe.db.get_single_value("Service Settings", "staff_collection_limit"), 100)
		at_limit = self.completed(make_customer("Collect Wang"), qty=1, settlement_mode="Immediate")
		self.assertRaises(CollectionLimitError, settle, at_limit, collected_by=STAFF)
		self.assertEqual(service_invoices(at_limit.customer), [])
		self.assertEqual(fresh(at_limit).payment_status, "Unbilled")

		made = settle(at_limit, collected_by=DEPARTMENT_HEAD)
		payment = frappe.get_doc("Payment Entry", made["payment_entry"])
		self.assertEqual(
			(payment.tewei_collected_by, str(payment.tewei_collected_on)), (DEPARTMENT_HEAD, today())
		)

		below = self.completed(make_customer("Collect Zhang"), qty=1, settlement_mode="Immediate", rate=99.99)
		payment = frappe.get_doc("Payment Entry", settle(below, collected_by=STAFF)["payment_entry"])
		self.assertEqual((payment.paid_amount, fresh(below).payment_status), (99.99, "Paid"))

	def test_a_payment_entry_made_by_hand_keeps_the_limit_and_refuses_tips(self):
		self.checked(make_customer("Collect Huang"), qty=2)
		invoice = bill_recent()["invoices"][0]

		by_staff = get_payment_entry("Sales Invoice", invoice)
		by_staff.update(
			{
				"reference_no": "C1",
				"reference_date": today(),
				"tewei_collected_by": STAFF,
				"tewei_collected_on": today(),
			}
		)
		self.assertRaises(CollectionLimitError, by_staff.insert)

		with_tip = get_payment_entry("Sales Invoice", invoice)
		with_tip.update(
			{"reference_no": "C2", "reference_date": today(), "paid_amount": 220, "received_amount": 220}
		)
		self.assertRaises(PrivateSettlementError, with_tip.insert)

		negative = get_payment_entry("Sales Invoice", invoice)
		negative.update(
			{
				"reference_no": "C3",
				"reference_date": today(),
				"paid_amount": -50,
				"received_amount": -50,
				"tewei_collected_by": DEPARTMENT_HEAD,
				"tewei_collected_on": today(),
			}
		)
		self.assertRaises(frappe.ValidationError, negative.insert)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"), 200)

	def test_hand_over_report_shows_same_day_late_and_not_received(self):
		from tewei_service.tewei_service.report.cash_hand_over.cash_hand_over import execute

		same_day = self.completed(make_customer("Hand Over Xu"), qty=1, settlement_mode="Immediate", rate=80)
		handed_over = settle(same_day, collected_by=STAFF)["payment_entry"]
		late = self.completed(make_customer("Hand Over He"), qty=1, settlement_mode="Immediate", rate=70)
		handed_late = settle(late, collected_by=STAFF, collected_on=add_days(today(), -1))["payment_entry"]
		not_received = self.completed(make_customer("Hand Over Ma"), qty=1, settlement_mode="Immediate")

		_columns, rows, _message, _chart, summary = execute({"date": today(), "collected_by": STAFF})
		by_document = {row.document: row for row in rows}
		self.assertEqual(
			(by_document[handed_over].hand_over, by_document[handed_over].amount), ("Same day", 80)
		)
		self.assertEqual(
			(by_document[not_received.name].hand_over, by_document[not_received.name].amount),
			("Not received", 100),
		)
		self.assertNotIn(handed_late, by_document)
		self.assertEqual(summary[0]["value"], 80)
		_columns, rows, *_rest = execute({"date": add_days(today(), -1), "collected_by": STAFF})
		self.assertEqual([(row.document, row.hand_over) for row in rows], [(handed_late, "Late")])


class TestCreditAndCancelledInvoices(WorkOrderTestCase):
	def test_a_credit_note_marks_its_order_credited_and_cancelling_it_reverts(self):
		customer = make_customer("Credit Feng")
		kept, returned = self.checked(customer, qty=1), self.checked(customer, qty=2)
		invoice = bill_recent()["invoices"][0]

		credit_note = credit_note_for(invoice, returned.name)
		credit_note.insert().submit()
		self.assertEqual(fresh(returned).payment_status, "Credited")
		self.assertEqual(fresh(kept).payment_status, "Billed")
		self.assertEqual(get_balance_on(party_type="Customer", party=customer, company=TEST_COMPANY), 100)

		credit_note.cancel()
		self.assertEqual({fresh(kept).payment_status, fresh(returned).payment_status}, {"Billed"})

	def test_paying_a_cancelled_invoice_is_refused_and_changes_nothing(self):
		order = self.checked(make_customer("Credit Tang"), qty=1)
		invoice = frappe.get_doc("Sales Invoice", bill_recent()["invoices"][0])
		payment = get_payment_entry("Sales Invoice", invoice.name)
		invoice.cancel()
		payment.update({"reference_no": "X1", "reference_date": today()})
		self.assertRaises(frappe.ValidationError, payment.insert)
		self.assertEqual((fresh(order).sales_invoice, fresh(order).payment_status), (None, "Unbilled"))
