from datetime import datetime, timedelta

from tewei_service.rules.work_order import (
	Booking,
	booking_conflicts,
	check_completion,
	check_dispatch,
	check_quote,
	desk_for,
	quote_key,
)

TEN = datetime(2026, 11, 24, 10, 0)


def booking(order, start, minutes=60):
	return Booking(order, start, start + timedelta(minutes=minutes))


def test_desks_by_request_type_and_escalation():
	assert desk_for("Housekeeping") == desk_for("Home Alarm") == "Customer Service Centre"
	assert desk_for("Home Repair") == "Control Centre"
	assert desk_for("Other") == "Branch Manager"


def test_bookings_keep_the_slack_on_both_sides():
	existing = [booking("A", TEN)]  # 10:00-11:00
	assert booking_conflicts(booking("B", TEN + timedelta(minutes=90)), existing, 30) == []  # starts 11:30
	assert booking_conflicts(booking("B", TEN - timedelta(minutes=90)), existing, 30) == []  # ends 09:30
	(problem,) = booking_conflicts(booking("B", TEN + timedelta(minutes=89)), existing, 30)
	assert problem.render() == (
		"The staff member is booked on A from 2026-11-24 10:00 to 11:00; leave at least 30 minutes between bookings."
	)
	assert booking_conflicts(booking("B", TEN - timedelta(minutes=89)), existing, 30)
	assert booking_conflicts(booking("B", TEN + timedelta(minutes=60)), existing, 0) == []


def test_an_order_does_not_conflict_with_itself():
	assert booking_conflicts(booking("A", TEN), [booking("A", TEN)], 30) == []


def test_appointment_must_end_after_it_starts():
	(problem,) = booking_conflicts(Booking("A", TEN, TEN), [], 30)
	assert problem.fieldname == "appointment_end"


def test_quote_key_ignores_row_order_and_sees_every_price_change():
	lines = [("SCI-1", 2, 100), ("SCI-2", 1, 50)]
	assert quote_key(lines, None) == quote_key(list(reversed(lines)), "")
	assert quote_key(lines, None) != quote_key([("SCI-1", 2, 101), ("SCI-2", 1, 50)], None)
	assert quote_key(lines, None) != quote_key(lines, "PC-1")


def test_quote_dispatch_and_completion_checks():
	assert check_quote(False, False)
	assert check_quote(True, False) == check_quote(False, True) == []
	assert "not confirmed the price" in check_dispatch(False)[0].render()
	assert check_dispatch(True) == []
	assert [p.fieldname for p in check_completion(False, None)] == ["customer_signature", "settlement_mode"]
	assert check_completion(True, "Month-end") == []
