"""W3: the same staff member's bookings keep the booking slack between them.

Only the bookings that could clash are read: those starting within the slack and a bound on a
booking's length before the new appointment, up to the slack after it (index (assigned_staff,
appointment_start)), and any longer booking still running then (index (assigned_staff,
appointment_end), which holds few rows past a day that is not long gone). A save costs the same
however many bookings the staff member ever had.
"""

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import get_datetime

from tewei_service.exceptions import BookingConflictError
from tewei_service.rules import work_order as rules
from tewei_service.settings import setting
from tewei_service.states import WorkOrderState
from tewei_service.validation import throw_violations

# Bookings up to this long are found by their start; longer ones by their end.
LONGEST_USUAL_BOOKING = timedelta(days=1)


def nearby_bookings(staff: str, name: str, start, end, slack: timedelta) -> list[dict]:
	"""The staff member's other bookings (not cancelled or declined) that overlap [start - slack, end + slack)."""
	window_start, window_end = start - slack, end + slack
	args = {
		"staff": staff,
		"name": name,
		"not_served": WorkOrderState.NOT_SERVED,
		"earliest": window_start - LONGEST_USUAL_BOOKING,
		"window_start": window_start,
		"window_end": window_end,
	}
	return frappe.db.sql(
		"""
		select name, appointment_start, appointment_end from `tabService Work Order`
		where assigned_staff = %(staff)s
			and appointment_start >= %(earliest)s and appointment_start < %(window_end)s
			and appointment_end > %(window_start)s
			and name != %(name)s and coalesce(workflow_state, '') not in %(not_served)s
		union
		select name, appointment_start, appointment_end from `tabService Work Order`
		where assigned_staff = %(staff)s
			and appointment_end > %(window_start)s
			and appointment_start < %(earliest)s
			and name != %(name)s and coalesce(workflow_state, '') not in %(not_served)s
		""",
		args,
		as_dict=True,
	)


def validate_booking(order) -> None:
	if not (order.assigned_staff and order.appointment_start and order.appointment_end):
		return
	if order.workflow_state in WorkOrderState.NOT_SERVED:
		return
	slack_minutes = setting("booking_slack_minutes", 0)
	start, end = get_datetime(order.appointment_start), get_datetime(order.appointment_end)
	others = (
		nearby_bookings(
			order.assigned_staff, order.name or "", start, end, timedelta(minutes=slack_minutes or 0)
		)
		if end > start
		else []
	)
	throw_violations(
		rules.booking_conflicts(
			rules.Booking(order.name, start, end),
			[
				rules.Booking(o.name, get_datetime(o.appointment_start), get_datetime(o.appointment_end))
				for o in others
			],
			slack_minutes,
		),
		order,
		_("Booking Overlaps"),
		BookingConflictError,
	)
