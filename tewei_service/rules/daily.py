"""The daily lists as the procedures run them (SPEC W7, W8, R7; procedure 5 §4.2.4, §4.3.4)."""

from datetime import date, timedelta

from tewei_service.rules import Violation, _
from tewei_service.rules.work_order import previous_working_day


def check_window(morning: date, holidays: set[date]) -> tuple[date, date] | None:
	"""The days whose completed orders this morning's check covers: from the last working day up to
	yesterday, the weekend and holidays between included (a Monday covers Friday to Sunday). None
	when this morning is itself a holiday: the next working morning covers it."""
	if morning in holidays:
		return None
	return previous_working_day(morning, holidays), morning - timedelta(days=1)


def check_unsigned_follow_up(
	appointment_day: date | None, today: date, unsigned: bool, reason: str | None, expected_finish
) -> list[Violation]:
	"""§4.3.4: an order left unsigned past its appointment day was on that day's evening list, so
	it carries why it is not signed and when it will be finished; a save that leaves it unsigned
	without both is refused (signing, cancelling or rescheduling it needs neither)."""
	if not unsigned or appointment_day is None or appointment_day >= today:
		return []
	problems = []
	if not (reason or "").strip():
		problems.append(
			Violation(
				_("The order is past its appointment day and not signed: write why in {field}."),
				{},
				"unsigned_reason",
			)
		)
	if not expected_finish:
		problems.append(
			Violation(
				_(
					"The order is past its appointment day and not signed: set when it will be finished in {field}."
				),
				{},
				"expected_finish",
			)
		)
	return problems
