from datetime import date
from decimal import Decimal

from tewei_service.rules.agreements import (
	add_months,
	agreement_cycles,
	check_agreement,
	check_termination,
	cycle_amount,
	cycles,
	due_cycles,
	needs_signature,
)


def test_add_months_keeps_the_day_or_takes_the_months_last():
	assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
	assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
	assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_a_month_or_more_needs_a_signature():
	assert not needs_signature(date(2026, 3, 1), date(2026, 3, 30))
	assert needs_signature(date(2026, 3, 1), date(2026, 3, 31))
	assert needs_signature(date(2026, 3, 1), date(2027, 2, 28))


def test_bad_agreements_are_refused():
	assert check_agreement("Regular", date(2026, 3, 1), date(2026, 12, 31), [300]) == []
	ends_first = check_agreement("Regular", date(2026, 3, 1), date(2026, 2, 1), [300])
	assert ends_first[0].params == {"end": "2026-02-01", "start": "2026-03-01"}
	assert (
		check_agreement("Regular", date(2026, 3, 1), date(2026, 3, 20), [300])[0].fieldname == "service_type"
	)
	assert check_agreement("Hourly", date(2026, 3, 1), date(2026, 3, 20), [80]) == []
	assert check_agreement("Hourly", date(2026, 3, 1), date(2026, 3, 20), [-80])[0].fieldname == "services"
	assert check_agreement("Hourly", date(2026, 3, 1), date(2026, 3, 20), [])


def test_cycles_are_whole_months_or_quarters_with_a_short_last_one():
	monthly = cycles(date(2026, 1, 15), date(2026, 4, 30), "Monthly")
	assert [(c.start, c.end) for c in monthly] == [
		(date(2026, 1, 15), date(2026, 2, 14)),
		(date(2026, 2, 15), date(2026, 3, 14)),
		(date(2026, 3, 15), date(2026, 4, 14)),
		(date(2026, 4, 15), date(2026, 4, 30)),
	]
	quarterly = cycles(date(2026, 1, 1), date(2026, 12, 31), "Quarterly")
	assert [c.end for c in quarterly] == [
		date(2026, 3, 31),
		date(2026, 6, 30),
		date(2026, 9, 30),
		date(2026, 12, 31),
	]


def test_every_ended_cycle_not_billed_is_due_once():
	year = agreement_cycles(date(2026, 1, 1), date(2026, 12, 31), "Monthly")
	# The job missed February to April: on May 5 three cycles are due, the oldest first.
	due = due_cycles(year, date(2026, 5, 5), {date(2026, 1, 1)})
	assert [c.start for c in due] == [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
	billed = {date(2026, 1, 1)} | {c.start for c in due}
	assert due_cycles(year, date(2026, 5, 5), billed) == []
	assert due_cycles(year, date(2026, 5, 31), billed)[0].start == date(2026, 5, 1)
	# Terminated on June 10: June is billed for ten days, nothing after.
	ended = agreement_cycles(date(2026, 1, 1), date(2026, 12, 31), "Monthly", terminated_on=date(2026, 6, 10))
	assert [(c.start, c.end) for c in due_cycles(ended, date(2026, 12, 31), billed)] == [
		(date(2026, 5, 1), date(2026, 5, 31)),
		(date(2026, 6, 1), date(2026, 6, 10)),
	]


def test_a_cycle_cut_short_is_charged_by_its_days():
	whole, short = cycles(date(2026, 6, 1), date(2026, 7, 10), "Monthly")
	assert cycle_amount(300, whole) == Decimal("300.00")
	assert cycle_amount(310, short) == Decimal("100.00")
	assert cycle_amount(100, short) == Decimal("32.26")


def test_the_company_ends_early_only_with_a_notice():
	start = date(2026, 1, 1)
	assert check_termination("Customer", date(2026, 6, 10), None, "moving out", start) == []
	assert check_termination("Company", date(2026, 6, 10), date(2026, 5, 10), "staff shortage", start) == []
	assert check_termination("Company", date(2026, 6, 10), None, "staff shortage", start)[0].fieldname == (
		"termination_notice_date"
	)
	assert check_termination(None, None, None, None, start)
	assert check_termination("Customer", date(2025, 12, 1), None, "x", start)[0].fieldname == "terminated_on"
