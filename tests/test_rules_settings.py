from datetime import time, timedelta

from conftest import load_doctypes

from tewei_service.rules.settings import (
	NON_NEGATIVE_FIELDS,
	PERCENT_FIELDS,
	POSITIVE_FIELDS,
	check_service_settings,
)

SETTINGS = load_doctypes()["Service Settings"]
DEFAULTS = {field["fieldname"]: field["default"] for field in SETTINGS["fields"] if "default" in field}


def fields_of(problems):
	return [problem.fieldname for problem in problems]


def test_shipped_defaults_are_sound():
	assert check_service_settings(DEFAULTS) == []


def test_every_checked_field_exists_in_the_doctype():
	fieldnames = {field["fieldname"] for field in SETTINGS["fields"]}
	assert set(PERCENT_FIELDS + NON_NEGATIVE_FIELDS + POSITIVE_FIELDS) <= fieldnames


def test_spec_numbers_are_the_defaults():
	expected = {
		"price_band_percent": "30",
		"staff_collection_limit": "100",
		"errand_registration_threshold": "10",
		"revisit_percent_large": "10",
		"revisit_percent_medium": "20",
		"revisit_percent_small": "30",
		"revisit_households_small": "100",
		"revisit_households_large": "300",
		"quality_spot_check_percent": "5",
		"urgent_onsite_minutes": "5",
		"ordinary_fix_minutes": "30",
		"explained_fix_hours": "4",
		"external_commit_days": "1",
		"small_repair_hours": "24",
		"large_repair_answer_days": "3",
		"emergency_onsite_minutes": "10",
		"emergency_window_start": "09:00:00",
		"emergency_window_end": "22:00:00",
		"booking_slack_minutes": "30",
	}
	assert {key: DEFAULTS[key] for key in expected} == expected


def test_percentages_outside_0_to_100_are_refused():
	for value in (-0.01, 100.5):
		problems = check_service_settings({**DEFAULTS, "price_band_percent": value})
		assert fields_of(problems) == ["price_band_percent"]
		assert "between 0 and 100" in problems[0].render()
	assert check_service_settings({**DEFAULTS, "price_band_percent": 0}) == []
	assert check_service_settings({**DEFAULTS, "price_band_percent": 100}) == []


def test_negative_amounts_are_refused_but_zero_is_allowed():
	assert fields_of(check_service_settings({**DEFAULTS, "staff_collection_limit": -1})) == [
		"staff_collection_limit"
	]
	assert check_service_settings({**DEFAULTS, "booking_slack_minutes": 0}) == []


def test_commitments_must_be_positive():
	assert fields_of(check_service_settings({**DEFAULTS, "urgent_onsite_minutes": 0})) == [
		"urgent_onsite_minutes"
	]


def test_household_bands_out_of_order():
	problems = check_service_settings(
		{**DEFAULTS, "revisit_households_small": 300, "revisit_households_large": 300}
	)
	assert fields_of(problems) == ["revisit_households_large"]
	assert "300" in problems[0].render()


def test_emergency_window_in_every_form_frappe_hands_over():
	for start, end in (("22:00", "09:00:00"), (timedelta(hours=22), timedelta(hours=9)), (time(22), time(9))):
		problems = check_service_settings(
			{**DEFAULTS, "emergency_window_start": start, "emergency_window_end": end}
		)
		assert fields_of(problems) == ["emergency_window_end"]
		assert problems[0].render() == "The emergency window must start before it ends (22:00 to 09:00)."


def test_empty_values_are_not_checked():
	assert check_service_settings({}) == []


def test_render_uses_the_field_label_and_translation():
	(problem,) = check_service_settings({**DEFAULTS, "staff_collection_limit": -5})
	assert (
		problem.render(field_label="Staff Collection Limit") == "Staff Collection Limit cannot be negative."
	)
	assert (
		problem.render(lambda message: message.replace("cannot", "must not"), "X")
		== "X must not be negative."
	)
