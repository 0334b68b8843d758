"""S1 under concurrency: two month-end runs started at once bill each order once.

A class of its own: the runs use their own database connections, so this test commits what it
made, and nothing of the other billing tests may be committed with it.
"""

import threading

import frappe

from tewei_service.tests.billing_builders import bill_recent
from tewei_service.tests.site import make_customer
from tewei_service.tests.work_order_builders import WorkOrderTestCase


class TestConcurrentMonthEndRuns(WorkOrderTestCase):
	def test_two_runs_at_once_bill_each_order_once(self):
		# Committed, so a customer of its own each run: the test site keeps ledgers between runs.
		customer = make_customer(f"Billing Concurrent {frappe.generate_hash(length=6)}")
		# Done by a staff member whose households no committed test counts (test_permissions lists STAFF's).
		orders = {
			self.checked(customer, qty=1, staff=self.third_staff).name,
			self.checked(customer, qty=2, staff=self.third_staff).name,
		}
		# Each run has its own database connection, so the orders must be committed to be seen.
		frappe.db.commit()
		site, sites_path = frappe.local.site, frappe.local.sites_path
		start_together, summaries, errors = threading.Barrier(2), [], []

		def run():
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			try:
				frappe.set_user("Administrator")
				start_together.wait()
				summaries.append(bill_recent())
				frappe.db.commit()
			except Exception as error:
				errors.append(error)
			finally:
				frappe.destroy()

		runs = [threading.Thread(target=run) for _ in range(2)]
		for thread in runs:
			thread.start()
		for thread in runs:
			thread.join(timeout=120)
		self.assertEqual(errors, [])

		invoices = frappe.get_all("Sales Invoice", {"customer": customer, "docstatus": 1}, pluck="name")
		self.assertEqual(len(invoices), 1)
		billed = frappe.get_all("Sales Invoice Item", {"parent": invoices[0]}, pluck="tewei_work_order")
		self.assertEqual(sorted(billed), sorted(orders))
		skipped = [name for summary in summaries for name, _reason in summary["skipped"] if name in orders]
		self.assertEqual(sorted(skipped), sorted(orders))  # the later run found them billed
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoices[0], "grand_total"), 300)
