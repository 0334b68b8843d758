"""People, a household and builders for the work-order integration tests, and free booking slots."""

from datetime import datetime, time, timedelta

import frappe
from frappe.utils import add_days, cint, get_datetime, getdate, today

from tewei_service.states import WorkOrderState
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	CatalogueTestCase,
	act,
	approved_item,
	fresh,
)
from tewei_service.tests.site import (
	TEST_COMPANY,
	as_user,
	make_customer,
	make_household,
	make_property_project,
	make_user,
)

STAFF = "staff-orders@tewei.example"
OTHER_STAFF = "staff2-orders@tewei.example"
THIRD_STAFF = "staff3-orders@tewei.example"
DAILY_STAFF = "staff4-orders@tewei.example"
SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def free_slot(*staff: str, hours: float = 1, day=None) -> tuple[datetime, datetime]:
	"""The first (start, end) of `hours` that keeps the booking slack (W3) from every booking of
	each of `staff`: their Service Work Orders not cancelled, made by this test or committed before.
	From tomorrow 10:00 on; with `day`, on that day from 08:00 (or an error if it is full)."""
	slack = timedelta(minutes=cint(frappe.db.get_single_value("Service Settings", "booking_slack_minutes")))
	length = timedelta(hours=hours)
	start = datetime.combine(getdate(day or add_days(today(), 1)), time(8 if day else 10))
	bookings = [
		(get_datetime(order.appointment_start), get_datetime(order.appointment_end))
		for order in frappe.get_all(
			"Service Work Order",
			filters=[
				["assigned_staff", "in", list(staff)],
				["workflow_state", "!=", WorkOrderState.CANCELLED],
				["appointment_start", "is", "set"],
				["appointment_end", ">", start - slack],
			],
			fields=["appointment_start", "appointment_end"],
		)
	]
	while clashes := [
		end for begin, end in bookings if start < end + slack and begin < start + length + slack
	]:
		start = max(clashes) + slack
	if day and start + length > datetime.combine(getdate(day), time.max):
		raise AssertionError(f"No free slot of {hours} hours on {day} for {', '.join(staff)}")
	return start, start + length


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
		cls.household = make_household(cls.project, "8-1", cls.customer)
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

	def household_of(self, customer: str) -> str:
		"""The test project's household of `customer`: an order or agreement is for one of its
		household's own customers (W1), so each customer of the billing tests has a unit."""
		if customer == self.customer:
			return self.household
		return make_household(self.project, f"C-{customer}", customer)

	def register(self, request_type="Housekeeping", items=None, customer=None, household=None, **values):
		customer = customer or self.customer
		household = household or self.household_of(customer)
		with as_user(CUSTOMER_SERVICE):
			return fresh(
				frappe.get_doc(
					{
						"doctype": "Service Work Order",
						"household": household,
						"customer": customer,
						"request_type": request_type,
						"request_details": "Clean the kitchen",
						"items": [{"catalogue_item": self.cleaning, "qty": 2, "rate": 100}]
						if items is None
						else items,
						**values,
					}
				).insert()
			)

	def edit(self, doc, user, **values):
		with as_user(user):
			doc = fresh(doc)
			doc.update(values)
			doc.save()
			return fresh(doc)

	def confirmed(self, **values):
		doc = act(self.register(**values), "Quote", CUSTOMER_SERVICE)
		doc = self.edit(doc, CUSTOMER_SERVICE, confirmed_by_customer="Mr Sun (phone)")
		return act(doc, "Record Customer Confirmation", CUSTOMER_SERVICE)

	def dispatched(self, staff=None, start=None, hours=1, day=None, **values):
		"""Dispatched to `staff` at `start`, or at their first free slot (on `day`, if given)."""
		staff = staff or self.staff
		start = start or free_slot(staff, hours=hours, day=day)[0]
		doc = self.edit(
			self.confirmed(**values),
			DEPARTMENT_HEAD,
			assigned_staff=staff,
			appointment_start=start,
			appointment_end=start + timedelta(hours=hours),
		)
		return act(doc, "Dispatch", DEPARTMENT_HEAD)

	def completed(self, customer=None, *, qty=2, settlement_mode="Month-end", rate=100, staff=None):
		"""An order of `qty` cleanings at `rate`, done by `staff` (STAFF's Employee unless given) at
		their next free slot."""
		staff = staff or self.staff
		user = frappe.db.get_value("Employee", staff, "user_id")
		doc = self.dispatched(
			staff=staff,
			customer=customer or self.customer,
			items=[{"catalogue_item": self.cleaning, "qty": qty, "rate": rate}],
		)
		doc = act(doc, "Start Work", user)
		doc = self.edit(doc, user, customer_signature=SIGNATURE, settlement_mode=settlement_mode)
		return act(doc, "Complete", user)

	def checked(self, customer=None, *, qty=2, settlement_mode="Month-end", staff=None):
		return act(
			self.completed(customer, qty=qty, settlement_mode=settlement_mode, staff=staff),
			"Check",
			DEPARTMENT_HEAD,
		)
