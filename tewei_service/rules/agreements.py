"""Service agreements (SPEC A1, A2, S4): who must sign, and the billing cycles owed.

A cycle runs from its start for one or three months; the last one stops at the agreement's end
or early termination and is charged for the days it ran. A cycle is billed once it has ended, and
every ended cycle not billed yet is due: a run that was missed catches up, cycle by cycle.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from tewei_service.rules import Violation, _

MONTHS_PER_CYCLE = {"Monthly": 1, "Quarterly": 3}


@dataclass(frozen=True)
class Cycle:
	start: date
	end: date
	full_days: int  # days of the whole cycle, for a cycle cut short

	@property
	def days(self) -> int:
		return (self.end - self.start).days + 1


def add_months(day: date, months: int) -> date:
	"""The same day `months` later, or the month's last day when it has no such day."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def needs_signature(start: date, end: date) -> bool:
	"""A1: work of a month or more needs the department manager's signature."""
	return end >= add_months(start, 1) - timedelta(days=1)


def check_agreement(service_type: str, start: date, end: date, fees: list[float]) -> list[Violation]:
	problems = []
	if end < start:
		problems.append(
			Violation(
				_("The agreement ends ({end}) before it starts ({start})."),
				{"end": end.isoformat(), "start": start.isoformat()},
				"end_date",
			)
		)
	elif service_type == "Regular" and not needs_signature(start, end):
		problems.append(
			Violation(
				_("Regular service runs a month or more (A1); record shorter work as hourly service."),
				{},
				"service_type",
			)
		)
	if not fees:
		problems.append(Violation(_("Add the services the agreement covers."), {}, "services"))
	if any(fee <= 0 for fee in fees):
		problems.append(Violation(_("Each service's fee per cycle must be more than zero."), {}, "services"))
	return problems


def cycles(start: date, end: date, billing_cycle: str) -> list[Cycle]:
	"""All cycles of the agreement from `start` to `end`, the last one possibly cut short."""
	months = MONTHS_PER_CYCLE[billing_cycle]
	result, index = [], 0
	while True:
		cycle_start = add_months(start, months * index)
		if cycle_start > end:
			return result
		full_end = add_months(start, months * (index + 1)) - timedelta(days=1)
		result.append(Cycle(cycle_start, min(full_end, end), (full_end - cycle_start).days + 1))
		index += 1


def agreement_cycles(start: date, end: date, billing_cycle: str, terminated_on: date | None = None):
	"""The agreement's cycles; early termination ends the last one."""
	return cycles(start, min(end, terminated_on) if terminated_on else end, billing_cycle)


def due_cycles(all_cycles: list[Cycle], as_of: date, billed_starts: set[date]) -> list[Cycle]:
	"""Ended cycles not billed yet, oldest first."""
	return [cycle for cycle in all_cycles if cycle.end <= as_of and cycle.start not in billed_starts]


def cycle_amount(fee: float, cycle: Cycle) -> Decimal:
	"""The whole fee for a whole cycle; for a cycle cut short, its share by days, half up to the cent."""
	amount = Decimal(str(fee))
	if cycle.days < cycle.full_days:
		amount = amount * cycle.days / cycle.full_days
	return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def check_termination(
	side: str | None, terminated_on: date | None, notice_date: date | None, reason: str | None, start: date
) -> list[Violation]:
	"""A2: the company ends an agreement early only with a written notice on record."""
	problems = []
	if not (side and terminated_on and reason):
		problems.append(Violation(_("Record who ends the agreement, from when and why."), {}))
	elif terminated_on < start:
		problems.append(Violation(_("The agreement cannot end before it starts."), {}, "terminated_on"))
	if side == "Company" and not notice_date:
		problems.append(
			Violation(
				_("The company ends an agreement early only with a written notice: enter its date (A2)."),
				{},
				"termination_notice_date",
			)
		)
	return problems
