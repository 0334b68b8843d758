"""Telling people about a work order (SPEC W2, W5): the other side of a change, the staff member's
to-do list, and the branch manager for requests outside the desks."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import escape_html, get_datetime

from tewei_service.alerts import alert


def staff_user(order) -> str | None:
	return order.assigned_staff and frappe.db.get_value("Employee", order.assigned_staff, "user_id")


def tell_other_side(order, requested_by: str, change: str, reason: str) -> None:
	"""W5: the staff member hears of the customer's change; the customer of the company's."""
	if requested_by == "Customer":
		if user := staff_user(order):
			alert(
				user,
				_("{0}: {1} (asked by the customer)").format(order.name, change),
				escape_html(reason),
				order.doctype,
				order.name,
			)
		return
	message = _("Your service appointment {0}: {1}. Reason: {2}").format(
		order.name, change, escape_html(reason)
	)
	email = frappe.db.get_value("Customer", order.customer, "email_id")
	if email:
		frappe.sendmail(
			recipients=[email],
			subject=_("Your service appointment"),
			message=message,
			reference_doctype=order.doctype,
			reference_name=order.name,
		)
	# The customer service call is on record either way.
	order.add_comment("Info", message)


def assign_to_staff(order) -> None:
	"""Dispatch puts the order on the staff member's to-do list for the appointment's day."""
	if user := staff_user(order):
		assign_to(
			{
				"assign_to": [user],
				"doctype": order.doctype,
				"name": order.name,
				"description": escape_html(order.request_details),
				"date": get_datetime(order.appointment_start).date(),
			},
			ignore_permissions=True,
		)


def escalate_to_branch_manager(order) -> None:
	"""W2: never dropped: the project's branch manager gets it in their to-do list."""
	manager = frappe.db.get_value("Property Project", order.property_project, "branch_manager")
	if not manager:
		frappe.throw(
			_("Set the Branch Manager of {0} to receive requests outside the desks.").format(
				order.property_project
			)
		)
	assign_to(
		{
			"assign_to": [manager],
			"doctype": order.doctype,
			"name": order.name,
			"description": _("Request outside the special-service desks: {0}").format(
				escape_html(order.request_details)
			),
		},
		ignore_permissions=True,
	)
