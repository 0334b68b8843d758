from datetime import date, datetime

from tewei_service.rules.daily import check_unsigned_follow_up, check_window

FRIDAY, SATURDAY, SUNDAY, MONDAY, TUESDAY = (date(2026, 12, day) for day in (4, 5, 6, 7, 8))
WEEKEND = {SATURDAY, SUNDAY}


def test_a_monday_check_covers_friday_to_sunday():
	assert check_window(MONDAY, WEEKEND) == (FRIDAY, SUNDAY)


def test_a_holiday_after_the_weekend_stretches_the_next_check():
	assert check_window(TUESDAY, WEEKEND | {MONDAY}) == (FRIDAY, MONDAY)


def test_an_ordinary_morning_covers_yesterday_and_a_holiday_morning_nothing():
	assert check_window(TUESDAY, WEEKEND) == (MONDAY, MONDAY)
	assert check_window(SATURDAY, WEEKEND) is None


def test_an_order_unsigned_past_its_day_needs_reason_and_expected_finish():
	problems = check_unsigned_follow_up(FRIDAY, MONDAY, True, " ", None)
	assert [problem.fieldname for problem in problems] == ["unsigned_reason", "expected_finish"]
	assert check_unsigned_follow_up(FRIDAY, MONDAY, True, "Part on order", datetime(2026, 12, 8, 10)) == []


def test_todays_signed_or_unbooked_orders_need_nothing():
	assert check_unsigned_follow_up(MONDAY, MONDAY, True, None, None) == []
	assert check_unsigned_follow_up(FRIDAY, MONDAY, False, None, None) == []
	assert check_unsigned_follow_up(None, MONDAY, True, None, None) == []
