"""People, a household and builders for the work-order integration tests."""

from datetime import datetime, timedelta

import frappe
from frappe.utils import add_days, today

from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	CatalogueTestCase,
	act,
	approved_item,
	fresh,
)
from tewei_service.tests.site import TEST_COMPANY, make_customer, make_property_project, make_user

STAFF = "staff-orders@tewei.example"
OTHER_STAFF = "staff2-orders@tewei.example"
THIRD_STAFF = "staff3-orders@tewei.example"
DAILY_STAFF = "staff4-orders@tewei.example"
SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
TOMORROW_10 = datetime.combine(
	datetime.strptime(add_days(today(), 1), "%Y-%m-%d").date(), datetime.min.time()
) + timedelta(hours=10)


def make_employee(user: str, restrict_to_own_record: bool = True) -> str:
	"""ERPNext restricts a user to their own Employee record by default: right for staff (they
	see only their own assignments), wrong for department heads."""
	if name := frappe.db.get_value("Employee", {"user_id": user}):
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": user.split("@")[0],
				"gender": frappe.db.get_value("Gender", {}, "name"),
				"date_of_birth": "1990-01-01",
				"date_of_joining": "2020-01-01",
				"company": TEST_COMPANY,
				"user_id": user,
				"create_user_permission": int(restrict_to_own_record),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class WorkOrderTestCase(CatalogueTestCase):
	"""A project with a branch manager, a household, staff with Employee records and an approved service."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(STAFF, "Service Staff")
		make_user(OTHER_STAFF, "Service Staff")
		make_user(THIRD_STAFF, "Service Staff")
		cls.staff, cls.other_staff = make_employee(STAFF), make_employee(OTHER_STAFF)
		cls.third_staff = make_employee(THIRD_STAFF)
		make_user(DAILY_STAFF, "Service Staff")
		cls.daily_staff = make_employee(DAILY_STAFF)
		cls.project = make_property_project("Order Garden")
		frappe.db.set_value("Property Project", cls.project, "branch_manager", BRANCH_MANAGER)
		cls.customer = make_customer("Order Customer Sun")
		# Get or make: tests of concurrency and of the REST API commit what they made.
		cls.household = frappe.db.get_value(
			"Household", {"property_project": cls.project, "unit": "8-1"}
		) or (
			frappe.get_doc(
				{
					"doctype": "Household",
					"property_project": cls.project,
					"unit": "8-1",
					"customers": [{"customer": cls.customer, "relation": "Owner"}],
				}
			)
			.insert()
			.name
		)
		cls.cleaning = (
			frappe.db.get_value("Service Catalogue Item", {"service_name": "Kitchen cleaning (order test)"})
			or approved_item("Kitchen cleaning (order test)", 100).name
		)
		# The department head belongs to a department (and, unlike staff, is not limited to their
		# own Employee record), so department-wide alerts reach them.
		cls.department = frappe.db.get_value("Department", {"company": TEST_COMPANY, "is_group": 0}, "name")
		frappe.db.set_value(
			"Employee",
			make_employee(DEPARTMENT_HEAD, restrict_to_own_record=False),
			"department",
			cls.department,
		)

	def register(self, request_type="Housekeeping", items=None, **values):
		frappe.set_user(CUSTOMER_SERVICE)
		try:
			return fresh(
				frappe.get_doc(
					{
						"doctype": "Service Work Order",
						"household": self.household,
						"customer": self.customer,
						"request_type": request_type,
						"request_details": "Clean the kitchen",
						"items": [{"catalogue_item": self.cleaning, "qty": 2, "rate": 100}]
						if items is None
						else items,
						**values,
					}
				).insert()
			)
		finally:
			frappe.set_user("Administrator")

	def edit(self, doc, user, **values):
		frappe.set_user(user)
		try:
			doc = fresh(doc)
			doc.update(values)
			doc.save()
			return fresh(doc)
		finally:
			frappe.set_user("Administrator")

	def confirmed(self, **values):
		doc = act(self.register(**values), "Quote", CUSTOMER_SERVICE)
		doc = self.edit(doc, CUSTOMER_SERVICE, confirmed_by_customer="Mr Sun (phone)")
		return act(doc, "Record Customer Confirmation", CUSTOMER_SERVICE)

	def dispatched(self, staff=None, start=TOMORROW_10, hours=1, **values):
		doc = self.edit(
			self.confirmed(**values),
			DEPARTMENT_HEAD,
			assigned_staff=staff or self.staff,
			appointment_start=start,
			appointment_end=start + timedelta(hours=hours),
		)
		return act(doc, "Dispatch", DEPARTMENT_HEAD)

	def completed(self, customer=None, day=0, qty=2, settlement_mode="Month-end", rate=100):
		"""An order of `qty` cleanings done `day` days ahead (distinct days keep bookings apart)."""
		doc = self.dispatched(
			start=TOMORROW_10 + timedelta(days=day),
			customer=customer or self.customer,
			items=[{"catalogue_item": self.cleaning, "qty": qty, "rate": rate}],
		)
		doc = act(doc, "Start Work", STAFF)
		doc = self.edit(doc, STAFF, customer_signature=SIGNATURE, settlement_mode=settlement_mode)
		return act(doc, "Complete", STAFF)

	def checked(self, customer=None, day=0, qty=2, settlement_mode="Month-end"):
		return act(self.completed(customer, day, qty, settlement_mode), "Check", DEPARTMENT_HEAD)
