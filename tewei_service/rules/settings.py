"""Which values of Service Settings make sense (foundation of every SPEC number)."""

from collections.abc import Mapping

from tewei_service.rules import Violation, _
from tewei_service.rules.clock import as_time

PERCENT_FIELDS = (
	"price_band_percent",
	"revisit_percent_small",
	"revisit_percent_medium",
	"revisit_percent_large",
	"quality_spot_check_percent",
)

# Amounts and durations that may be zero (no slack, no threshold) but never negative.
NON_NEGATIVE_FIELDS = (
	"staff_collection_limit",
	"errand_registration_threshold",
	"booking_slack_minutes",
)

# Response commitments (W10): a zero commitment could never be met, so they must be positive.
POSITIVE_FIELDS = (
	"urgent_onsite_minutes",
	"ordinary_fix_minutes",
	"explained_fix_hours",
	"external_commit_days",
	"small_repair_hours",
	"large_repair_answer_days",
	"emergency_onsite_minutes",
	"revisit_households_small",
	"revisit_households_large",
	"complaint_reply_hours",
)


def check_service_settings(values: Mapping) -> list[Violation]:
	"""Every problem with the given settings values, in field order; empty when they are sound."""
	problems: list[Violation] = []

	for fieldname in PERCENT_FIELDS:
		value = _number(values, fieldname)
		if value is not None and not 0 <= value <= 100:
			problems.append(
				Violation(_("{field} must be between 0 and 100, not {value}."), {"value": value}, fieldname)
			)

	for fieldname in NON_NEGATIVE_FIELDS:
		value = _number(values, fieldname)
		if value is not None and value < 0:
			problems.append(Violation(_("{field} cannot be negative."), {}, fieldname))

	for fieldname in POSITIVE_FIELDS:
		value = _number(values, fieldname)
		if value is not None and value <= 0:
			problems.append(Violation(_("{field} must be greater than zero."), {}, fieldname))

	small, large = _number(values, "revisit_households_small"), _number(values, "revisit_households_large")
	if small and large and small >= large:
		problems.append(
			Violation(
				_("The household bands are out of order: {small} must be below {large}."),
				{"small": small, "large": large},
				"revisit_households_large",
			)
		)

	start, end = as_time(values.get("emergency_window_start")), as_time(values.get("emergency_window_end"))
	if start is not None and end is not None and start >= end:
		problems.append(
			Violation(
				_("The emergency window must start before it ends ({start} to {end})."),
				{"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")},
				"emergency_window_end",
			)
		)

	return problems


def _number(values: Mapping, fieldname: str) -> float | None:
	value = values.get(fieldname)
	return None if value in (None, "") else float(value)
