"""Revisits (SPEC V1-V4): how many served households to revisit, which ones, and the monthly figures.

Counts are per household. "At least N%" is rounded up to a whole household, computed exactly (no
floating point): 30% of 97 households is 29.1, so 30 revisits.

The bands, from Service Settings (defaults in brackets): fewer than the lower band (100) served
households → revisit_percent_small (30%); from the lower band up to and including the upper band
(100-300) → revisit_percent_medium (20%); more than the upper band (over 300) →
revisit_percent_large (10%).
"""

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from tewei_service.rules import Violation, _

SAMPLE = "Sample"
NEW_AGREEMENT = "New Agreement"
NEW_SERVICE_ITEM = "New Service Item"
NEW_STAFF = "New Staff"
COMPLAINT_LAST_TIME = "Complaint Last Time"
# V2: always revisited, whatever the sample size.
MANDATORY_REASONS = (NEW_AGREEMENT, NEW_SERVICE_ITEM, NEW_STAFF, COMPLAINT_LAST_TIME)
REASONS = (SAMPLE, *MANDATORY_REASONS)
SPOT_CHECK = "Quality Spot Check"  # V3: drawn for Quality's quarterly spot check
# The Revisit Record check box that records each reason.
REASON_FIELDS = {
	SAMPLE: "reason_sample",
	NEW_AGREEMENT: "reason_new_agreement",
	NEW_SERVICE_ITEM: "reason_new_service_item",
	NEW_STAFF: "reason_new_staff",
	COMPLAINT_LAST_TIME: "reason_complaint_last_time",
	SPOT_CHECK: "reason_spot_check",
}

RATING_FIELDS = ("timeliness", "skill", "attitude")
PLANNED, DONE = "Planned", "Done"
PHONE, VISIT, QUALITY_CHECK = "Phone", "Visit", "Quality Check"


# Periods
# -------


def month_start(day: date) -> date:
	return day.replace(day=1)


def add_months(day: date, months: int) -> date:
	"""The first day of the month `months` after (or before) `day`'s month."""
	index = day.year * 12 + day.month - 1 + months
	return date(index // 12, index % 12 + 1, 1)


def quarter_start(day: date) -> date:
	return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def in_period(day: date | None, start: date, end: date) -> bool:
	"""Whether `day` falls in [start, end) (end is the first day after the period)."""
	return day is not None and start <= day < end


# V1 and V3: how many
# -------------------


def percent_of(count: int, percent) -> int:
	"""At least `percent`% of `count` households, rounded up, never more than `count`."""
	if count <= 0 or not percent:
		return 0
	exact = Fraction(Decimal(str(percent))) * count / 100
	return min(count, math.ceil(exact))


def revisit_percent(served: int, settings: Mapping) -> float:
	"""V1: the ratio for the month's number of served households."""
	if served < int(settings["revisit_households_small"]):
		return float(settings["revisit_percent_small"])
	if served <= int(settings["revisit_households_large"]):
		return float(settings["revisit_percent_medium"])
	return float(settings["revisit_percent_large"])


def required_revisits(served: int, settings: Mapping) -> int:
	"""V1: the least number of households the month's sample must reach."""
	return percent_of(served, revisit_percent(served, settings))


def spot_check_count(served: int, settings: Mapping) -> int:
	"""V3: Quality's quarterly spot check, a share of the quarter's served households."""
	return percent_of(served, settings["quality_spot_check_percent"])


# V2: who must be in the plan
# ---------------------------


def new_in_period(first_seen: Mapping[str, date], start: date, end: date) -> set[str]:
	"""The keys seen for the very first time in [start, end).

	A "new service item" for a month is one whose first order ever was completed in that month."""
	return {key for key, day in first_seen.items() if in_period(day, start, end)}


# A "new staff member" for a month joined the company (Employee.date_of_joining) in that month or in
# the months before it, up to NEW_STAFF_MONTHS calendar months in all: their first three months,
# the usual probation.
NEW_STAFF_MONTHS = 3


def new_staff(date_of_joining: Mapping[str, date | None], month: date) -> set[str]:
	"""The staff members who count as new for the month starting on `month`."""
	start, end = add_months(month, 1 - NEW_STAFF_MONTHS), add_months(month, 1)
	return {staff for staff, joined in date_of_joining.items() if in_period(joined, start, end)}


def complaint_window(month: date) -> tuple[date, date]:
	"""Whose work had a complaint "last time": the staff named in a complaint recorded in the month
	or the month before. The revisits of one month's work are made during the next, so this window
	holds the latest round of revisits whatever day they were made."""
	return add_months(month, -1), add_months(month, 1)


@dataclass
class HouseholdService:
	"""What a household received in the period: the service items and the staff who did them."""

	items: set = field(default_factory=set)
	staff: set = field(default_factory=set)


def mandatory_reasons(
	households: Mapping[str, HouseholdService],
	new_agreements: Mapping[str, Iterable[str]],
	new_items: Iterable[str],
	new_staff: Iterable[str],
	complained_staff: Iterable[str],
) -> dict[str, dict[str, list[str]]]:
	"""Each household that V2 puts in the plan: every rule that does (in MANDATORY_REASONS order),
	each with what triggered it (the agreements, service items or staff members)."""
	new_items, new_staff, complained_staff = set(new_items), set(new_staff), set(complained_staff)
	found: dict[str, dict[str, list[str]]] = {}
	for household in sorted(set(households) | set(new_agreements)):
		service = households.get(household) or HouseholdService()
		triggers = {
			NEW_AGREEMENT: set(new_agreements.get(household) or ()),
			NEW_SERVICE_ITEM: service.items & new_items,
			NEW_STAFF: service.staff & new_staff,
			COMPLAINT_LAST_TIME: service.staff & complained_staff,
		}
		reasons = {reason: sorted(keys) for reason, keys in triggers.items() if keys}
		if reasons:
			found[household] = reasons
	return found


def draw(population: Iterable[str], count: int, seed: str) -> list[str]:
	"""`count` of `population` at random, the same every time for the same seed and population."""
	pool = sorted(set(population))
	return sorted(random.Random(seed).sample(pool, min(max(count, 0), len(pool))))


def plan_households(
	served: Iterable[str],
	mandatory: Mapping[str, Iterable[str]],
	required: int,
	already_planned: Iterable[str] = (),
	seed: str = "",
) -> dict[str, list[str]]:
	"""The households to add to a month's plan, each with the rules that put it there.

	Every mandatory household not yet planned is added; then a random sample of the other served
	households fills the plan up to `required`. Households already planned count towards it and
	are never planned twice, so making the plan again adds nothing.
	"""
	planned = set(already_planned)
	adding = {household: list(reasons) for household, reasons in sorted(mandatory.items())}
	adding = {household: reasons for household, reasons in adding.items() if household not in planned}
	short = required - len(planned | set(mandatory))
	pool = set(served) - planned - set(mandatory)
	for household in draw(pool, short, seed):
		adding[household] = [SAMPLE]
	return dict(sorted(adding.items()))


# V3: one revisit
# ---------------


def rating(value) -> int | None:
	"""A 1-5 rating from the form (stored as text), None when not given."""
	if value in (None, "", 0, "0"):
		return None
	return int(value)


def average_rating(values: Mapping) -> float | None:
	"""The mean of the three ratings, or None until all three are given."""
	ratings = [rating(values.get(fieldname)) for fieldname in RATING_FIELDS]
	if None in ratings:
		return None
	return round(sum(ratings) / len(ratings), 2)


def check_revisit(values: Mapping) -> list[Violation]:
	"""What a revisit still lacks. Done needs the three ratings and who made it and when; a complaint
	needs its details."""
	problems = []
	for fieldname in RATING_FIELDS:
		value = values.get(fieldname)
		if value not in (None, "", 0, "0") and str(value) not in {"1", "2", "3", "4", "5"}:
			problems.append(Violation(_("{field} must be a rating from 1 to 5."), {}, fieldname))
	if values.get("complaint") and not (values.get("complaint_details") or "").strip():
		problems.append(Violation(_("Describe the complaint in {field}."), {}, "complaint_details"))
	if values.get("status") == DONE:
		for fieldname in RATING_FIELDS:
			if rating(values.get(fieldname)) is None:
				problems.append(
					Violation(_("Rate {field} (1 to 5) before marking the revisit Done."), {}, fieldname)
				)
		for fieldname in ("revisited_by", "revisited_on"):
			if not values.get(fieldname):
				problems.append(
					Violation(_("Fill in {field} before marking the revisit Done."), {}, fieldname)
				)
	return problems


# V4: the monthly figures
# -----------------------


@dataclass
class Figures:
	"""One group's figures for a month (an item, a department or a staff member)."""

	orders: int = 0
	revenue: float = 0.0
	met: int = 0
	breached: int = 0
	ratings: list = field(default_factory=list)
	complaints: int = 0
	warranty: int = 0  # R4: warranty repairs among the orders
	declined: int = 0  # R5: requests declined in the month

	@property
	def compliance(self) -> float | None:
		"""Response commitments kept, in % of the decided ones (met or breached)."""
		decided = self.met + self.breached
		return round(100 * self.met / decided, 1) if decided else None

	@property
	def satisfaction(self) -> float | None:
		"""The average rating of the revisits (1 to 5)."""
		return round(sum(self.ratings) / len(self.ratings), 2) if self.ratings else None


def analyse(
	orders: Iterable[tuple[Iterable[str], str | None]],
	revenue: Iterable[tuple[str, float]],
	revisits: Iterable[tuple[Iterable[str], float | None, bool]],
) -> dict[str, Figures]:
	"""Sum up a month by group.

	orders: (the groups the order belongs to, its response status); an order with two services counts
	once for each service. revenue: (group, amount). revisits: (the groups the revisit concerns, its
	average rating or None, whether it recorded a complaint); a revisit counts once in each group.
	"""
	figures: dict[str, Figures] = {}
	for keys, status in orders:
		for key in set(keys):
			group = figures.setdefault(key, Figures())
			group.orders += 1
			if status == "Met":
				group.met += 1
			elif status == "Breached":
				group.breached += 1
	for key, amount in revenue:
		figures.setdefault(key, Figures()).revenue += amount or 0
	for keys, average, complaint in revisits:
		for key in set(keys):
			group = figures.setdefault(key, Figures())
			if average is not None:
				group.ratings.append(average)
			if complaint:
				group.complaints += 1
	for group in figures.values():
		group.revenue = round(group.revenue, 2)
	return figures
