"""Documents behind the paper forms of R8 and the household file of R9: a served order with its
revisit, errand and message slip, as the desk makes them."""

from datetime import timedelta

import frappe
from frappe.utils import now_datetime

from tewei_service.tests.revisit_builders import DONE, REVISIT_CS, RevisitTestCase
from tewei_service.tests.site import as_user


def errand(household: str, staff: str, **values) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Errand Purchase",
				"household": household,
				"customer": frappe.db.get_value("Household", household, "primary_customer"),
				"item_name": "Rice",
				"nature": "Food",
				"quantity": 1,
				"price": 50,
				"deadline": now_datetime() + timedelta(hours=4),
				"purchased_by": staff,
				**values,
			}
		)
		.insert()
		.name
	)


def message_slip(order: str, staff: str, **values) -> str:
	household = frappe.db.get_value("Service Work Order", order, "household")
	return (
		frappe.get_doc(
			{
				"doctype": "Service Message Slip",
				"work_order": order,
				"household": household,
				"customer": frappe.db.get_value("Household", household, "primary_customer"),
				"staff": staff,
				"visited_on": now_datetime(),
				"message": "We called at ten.",
				**values,
			}
		)
		.insert()
		.name
	)


def done_revisit(order: str, **values) -> str:
	"""A Done phone revisit of the order, made by customer service."""
	household = frappe.db.get_value("Service Work Order", order, "household")
	planned = RevisitTestCase.revisit(household=household, orders=[{"work_order": order}])
	return RevisitTestCase.update(planned, **{**DONE, **values}).name


def monthly_analysis(month: str, project: str, user: str = REVISIT_CS, **values):
	with as_user(user):
		return frappe.get_doc(
			{"doctype": "Monthly Service Analysis", "month": month, "property_project": project, **values}
		).insert()
