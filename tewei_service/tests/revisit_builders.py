"""Served households for the revisit tests (V1-V4): projects, households, staff, orders set
Checked without the workflow, signed agreements, revisit records, and a Done revisit's values."""

from datetime import datetime, timedelta

import frappe

from tewei_service.tests.agreement_builders import draft_agreement, signed_agreement
from tewei_service.tests.catalogue_builders import approved_item, fresh
from tewei_service.tests.site import (
	TEST_COMPANY,
	as_user,
	make_customer,
	make_household,
	make_property_project,
	make_user,
)
from tewei_service.tests.work_order_builders import SIGNATURE, WorkOrderTestCase, make_employee

REVISIT_CS = "cs-revisits@tewei.example"
QUALITY = "quality-revisits@tewei.example"
PAST = "2025-01-01"  # the revisit tests' catalogue fees are in force from then on


class RevisitTestCase(WorkOrderTestCase):
	"""Cheap, realistic served households: orders inserted, then set Checked where the workflow is
	not the point (the workflow itself is tested in test_work_order)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(REVISIT_CS, "Customer Service")
		make_user(QUALITY, "Quality")
		cls.windows = approved_item("Window cleaning (revisit test)", 80, effective_date=PAST).name
		cls.laundry = approved_item("Laundry (revisit test)", 30, effective_date=PAST).name
		cls.departments = frappe.get_all(
			"Department", {"company": TEST_COMPANY, "is_group": 0}, pluck="name", order_by="name", limit=2
		)
		# Registering an order e-mails a PDF of it to the next approvers, which is most of the cost
		# of the hundreds of orders these tests build and not their point. Rolled back with the class.
		frappe.db.set_value(
			"Workflow Document State",
			{"parent": "Service Work Order", "state": "Registered"},
			"send_email",
			0,
		)

	@staticmethod
	def make_project(name: str, customer_service: str | None = None) -> str:
		project = make_property_project(name)
		frappe.db.set_value("Property Project", project, "customer_service", customer_service)
		return project

	@staticmethod
	def make_households(project: str, count: int, prefix: str) -> list[str]:
		"""`count` households of `project`, each with its own owner."""
		return [
			make_household(
				project,
				f"{prefix}-{index:03}",
				make_customer(f"{prefix} Owner {index:03}"),
				building=str(index // 40 + 1),
			)
			for index in range(count)
		]

	@staticmethod
	def make_staff(user: str, joined: str) -> str:
		make_user(user, "Service Staff")
		employee = make_employee(user)
		frappe.db.set_value("Employee", employee, "date_of_joining", joined)
		return employee

	@classmethod
	def served(
		cls,
		household: str,
		completed_on: datetime,
		items: list[tuple[str, float, float]] | None = None,
		staff: str | None = None,
		department: str | None = None,
		response_status: str = "Met",
		state: str = "Checked",
	) -> str:
		"""An order of the household completed at `completed_on` (items: catalogue item, qty, rate);
		with another `state` (e.g. Cancelled), an order of that day that was never completed."""
		order = frappe.get_doc(
			{
				"doctype": "Service Work Order",
				"household": household,
				"customer": frappe.db.get_value("Household", household, "primary_customer"),
				"order_date": completed_on.date(),
				"channel": "Phone",
				"request_type": "Housekeeping",
				"request_details": "Regular cleaning",
				"items": [
					{"catalogue_item": item, "qty": qty, "rate": rate}
					for item, qty, rate in (items or [(cls.windows, 1, 80)])
				],
				"department": department or cls.departments[0],
				"assigned_staff": staff or cls.staff,
			}
		).insert()
		if state in ("Completed", "Checked"):
			order.db_set(
				{
					"workflow_state": state,
					"settlement_mode": "Month-end",
					"customer_confirmed": 1,
					"confirmed_by_customer": "Owner (phone)",
					"customer_signature": SIGNATURE,
					"arrived_on": completed_on - timedelta(hours=1),
					"resolved_on": completed_on,
					"completed_on": completed_on,
					"response_status": response_status,
				},
				update_modified=False,
			)
		else:
			order.db_set(
				{
					"workflow_state": state,
					"cancelled_by_side": "Customer",
					"cancellation_reason": "No longer needed",
				},
				update_modified=False,
			)
		return order.name

	@classmethod
	def agreement(
		cls,
		household: str,
		start: str,
		end: str,
		staff: str | None = None,
		fee: float = 300,
		department: str | None = None,
	) -> str:
		"""An agreement signed by the department manager (through the real workflow)."""
		return signed_agreement(
			draft_agreement(
				household,
				cls.windows,
				staff or cls.staff,
				start,
				end,
				fee=fee,
				schedule="Every Tuesday 14:00-16:00",
				department=department or cls.departments[0],
			)
		).name

	@staticmethod
	def revisit(user: str = REVISIT_CS, **values):
		with as_user(user):
			return fresh(frappe.get_doc({"doctype": "Revisit Record", "method": "Phone", **values}).insert())

	@staticmethod
	def update(doc, user: str = REVISIT_CS, **values):
		"""Change a revisit (a document or its name) as `user`."""
		with as_user(user):
			doc = frappe.get_doc("Revisit Record", doc if isinstance(doc, str) else doc.name)
			doc.update(values)
			doc.save()
			return fresh(doc)


DONE = {
	"status": "Done",
	"timeliness": "5",
	"skill": "4",
	"attitude": "4",
	"revisited_by": REVISIT_CS,
	"revisited_on": "2026-01-05 10:00:00",
}
