"""W10 on a real site: due times from the settings, milestones, breach alerts and the report."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, now_datetime, today

from tewei_service.tests.catalogue_builders import DEPARTMENT_HEAD, act
from tewei_service.tests.work_order_builders import WorkOrderTestCase
from tewei_service.tewei_service.report.response_commitment_compliance.response_commitment_compliance import (
	execute as compliance,
)
from tewei_service.work_orders.commitments import flag_breaches


class TestWorkOrderCommitments(WorkOrderTestCase):
	def urgent_order_past_due(self, **stored):
		"""A dispatched urgent call whose due time passed a minute ago, still Pending."""
		pending = self.edit(
			self.dispatched(),
			DEPARTMENT_HEAD,
			department=self.department,
			commitment="Urgent",
			reported_on=now_datetime(),
		)
		frappe.db.set_value(
			"Service Work Order",
			pending.name,
			{"response_due": now_datetime() - timedelta(minutes=1), **stored},
		)
		return pending

	def test_urgent_call_met_when_work_starts_in_time(self):
		doc = self.dispatched()
		doc = self.edit(doc, DEPARTMENT_HEAD, commitment="Urgent", reported_on=now_datetime())
		self.assertEqual(doc.response_status, "Pending")
		self.assertEqual(get_datetime(doc.response_due), get_datetime(doc.reported_on) + timedelta(minutes=5))
		doc = act(doc, "Start Work", DEPARTMENT_HEAD)
		self.assertTrue(doc.arrived_on)
		self.assertEqual(doc.response_status, "Met")

	def test_overdue_commitment_is_flagged_and_the_head_told_once(self):
		doc = self.dispatched()
		doc = self.edit(
			doc,
			DEPARTMENT_HEAD,
			department=self.department,
			commitment="Ordinary Problem",
			reported_on=now_datetime() - timedelta(hours=1),
		)
		self.assertEqual(doc.response_status, "Breached")  # already past due when recorded
		flag_breaches()
		flag_breaches()
		alerts = frappe.get_all(
			"Notification Log",
			{"for_user": DEPARTMENT_HEAD, "subject": ("like", "%breached%")},
			pluck="email_content",
		)
		self.assertEqual(sum(doc.name in alert for alert in alerts), 1)

		pending = self.urgent_order_past_due()
		flag_breaches()
		self.assertEqual(
			frappe.db.get_value("Service Work Order", pending.name, "response_status"), "Breached"
		)

	def test_an_order_ended_unserved_breaches_nothing(self):
		pending = self.urgent_order_past_due(workflow_state="Cancelled")
		flag_breaches()
		self.assertEqual(
			frappe.db.get_value("Service Work Order", pending.name, "response_status"), "Pending"
		)

	def test_compliance_report_counts_by_commitment(self):
		met = act(
			self.edit(
				self.dispatched(),
				DEPARTMENT_HEAD,
				commitment="Small Repair",
			),
			"Start Work",
			DEPARTMENT_HEAD,
		)
		self.edit(
			self.dispatched(),
			DEPARTMENT_HEAD,
			commitment="Small Repair",
			reported_on=now_datetime() - timedelta(days=2),
		)
		self.assertEqual(met.response_status, "Pending")  # fixed is the milestone, not arrival
		_, rows = compliance({"from_date": add_days(today(), -3), "to_date": today()})
		(small,) = [row for row in rows if row["commitment"] == "Small Repair"]
		self.assertEqual((small["orders"], small["met"], small["breached"], small["pending"]), (2, 0, 1, 1))
		self.assertEqual(small["compliance"], 0)
