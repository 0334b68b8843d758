"""W3: the same staff member's bookings keep the booking slack between them."""

import frappe
from frappe import _
from frappe.utils import get_datetime

from tewei_service.exceptions import BookingConflictError
from tewei_service.rules import work_order as rules
from tewei_service.settings import setting
from tewei_service.states import WorkOrderState
from tewei_service.validation import throw_violations


def validate_booking(order) -> None:
	if not (order.assigned_staff and order.appointment_start and order.appointment_end):
		return
	if order.workflow_state == WorkOrderState.CANCELLED:
		return
	others = frappe.get_all(
		"Service Work Order",
		filters={
			"assigned_staff": order.assigned_staff,
			"name": ("!=", order.name or ""),
			"workflow_state": ("!=", WorkOrderState.CANCELLED),
			"appointment_start": ("is", "set"),
			"appointment_end": ("is", "set"),
		},
		fields=["name", "appointment_start", "appointment_end"],
	)
	throw_violations(
		rules.booking_conflicts(
			rules.Booking(
				order.name, get_datetime(order.appointment_start), get_datetime(order.appointment_end)
			),
			[
				rules.Booking(o.name, get_datetime(o.appointment_start), get_datetime(o.appointment_end))
				for o in others
			],
			setting("booking_slack_minutes", 0),
		),
		order,
		_("Booking Overlaps"),
		BookingConflictError,
	)
