from datetime import date

from conftest import load_doctypes

from tewei_service.rules.revisits import (
	COMPLAINT_LAST_TIME,
	NEW_AGREEMENT,
	NEW_SERVICE_ITEM,
	NEW_STAFF,
	REASON_FIELDS,
	SAMPLE,
	HouseholdService,
	add_months,
	analyse,
	average_rating,
	check_revisit,
	complaint_window,
	draw,
	mandatory_reasons,
	new_in_period,
	new_staff,
	percent_of,
	plan_households,
	quarter_start,
	required_revisits,
	revisit_percent,
	spot_check_count,
)

SETTINGS = {
	field["fieldname"]: field.get("default")
	for field in load_doctypes()["Service Settings"]["fields"]
	if "default" in field
}


def test_bands_follow_spec_v1_at_their_boundaries():
	assert [revisit_percent(n, SETTINGS) for n in (1, 99, 100, 300, 301)] == [30, 30, 20, 20, 10]


def test_required_count_is_rounded_up_and_exact():
	assert required_revisits(0, SETTINGS) == 0
	assert required_revisits(1, SETTINGS) == 1  # 0.3 household still needs a revisit
	assert required_revisits(10, SETTINGS) == 3
	assert required_revisits(97, SETTINGS) == 30  # 29.1
	assert required_revisits(99, SETTINGS) == 30  # 29.7
	assert required_revisits(100, SETTINGS) == 20
	assert required_revisits(101, SETTINGS) == 21  # 20.2
	assert required_revisits(300, SETTINGS) == 60
	assert required_revisits(301, SETTINGS) == 31  # 30.1
	assert required_revisits(350, SETTINGS) == 35


def test_other_settings_change_the_bands():
	settings = {**SETTINGS, "revisit_households_small": 10, "revisit_households_large": 20}
	settings.update(revisit_percent_small=50, revisit_percent_medium=25, revisit_percent_large=15)
	assert [required_revisits(n, settings) for n in (9, 10, 20, 21)] == [5, 3, 5, 4]


def test_percent_of_never_exceeds_the_households_and_has_no_float_error():
	assert percent_of(3, 100) == 3
	assert percent_of(3, 0) == 0
	assert percent_of(100, 7) == 7  # 7.000000000000001 with floats would give 8
	assert percent_of(1000, 0.1) == 1


def test_quality_spot_check_is_five_percent_rounded_up():
	assert [spot_check_count(n, SETTINGS) for n in (0, 1, 20, 21, 60, 400)] == [0, 1, 1, 2, 3, 20]


def test_periods():
	assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
	assert add_months(date(2026, 12, 5), 1) == date(2027, 1, 1)
	assert [quarter_start(date(2026, m, 15)).month for m in (1, 3, 4, 6, 7, 12)] == [1, 1, 4, 4, 7, 10]


def test_new_means_first_seen_in_the_period():
	first = {"cleaning": date(2026, 3, 4), "laundry": date(2025, 1, 1), "alarm": date(2026, 4, 1)}
	assert new_in_period(first, date(2026, 3, 1), date(2026, 4, 1)) == {"cleaning"}


def test_new_staff_joined_in_their_first_three_months():
	joined = {
		"EMP-A": date(2026, 1, 1),
		"EMP-B": date(2025, 12, 31),
		"EMP-C": date(2026, 3, 31),
		"EMP-D": date(2026, 4, 1),
		"EMP-E": None,
	}
	assert new_staff(joined, date(2026, 3, 1)) == {"EMP-A", "EMP-C"}


def test_complaints_count_from_the_month_and_the_month_before():
	assert complaint_window(date(2026, 1, 1)) == (date(2025, 12, 1), date(2026, 2, 1))


def test_mandatory_reasons_collect_every_rule_per_household():
	served = {
		"HH-1": HouseholdService({"cleaning"}, {"EMP-NEW"}),
		"HH-2": HouseholdService({"laundry"}, {"EMP-OLD"}),
		"HH-3": HouseholdService({"new item", "laundry"}, {"EMP-COMPLAINED"}),
		"HH-4": HouseholdService({"laundry"}, {"EMP-OLD"}),
	}
	reasons = mandatory_reasons(
		served,
		new_agreements={"HH-1": ["SA-1"], "HH-9": ["SA-2", "SA-3"]},
		new_items={"new item"},
		new_staff={"EMP-NEW"},
		complained_staff={"EMP-COMPLAINED"},
	)
	assert reasons == {
		"HH-1": {NEW_AGREEMENT: ["SA-1"], NEW_STAFF: ["EMP-NEW"]},
		"HH-3": {NEW_SERVICE_ITEM: ["new item"], COMPLAINT_LAST_TIME: ["EMP-COMPLAINED"]},
		"HH-9": {NEW_AGREEMENT: ["SA-2", "SA-3"]},  # served under its agreement only
	}
	assert list(reasons["HH-3"]) == [NEW_SERVICE_ITEM, COMPLAINT_LAST_TIME]


def test_plan_contains_every_mandatory_household_and_fills_up_to_the_ratio():
	served = [f"HH-{i:03}" for i in range(150)]
	mandatory = {"HH-007": [NEW_STAFF], "HH-099": [NEW_SERVICE_ITEM, COMPLAINT_LAST_TIME]}
	plan = plan_households(served, mandatory, required_revisits(150, SETTINGS), seed="P:2026-03")
	assert len(plan) == 30
	assert plan["HH-007"] == [NEW_STAFF]
	assert plan["HH-099"] == [NEW_SERVICE_ITEM, COMPLAINT_LAST_TIME]
	assert sum(reasons == [SAMPLE] for reasons in plan.values()) == 28
	assert set(plan) <= set(served)
	# Deterministic for the same seed, different for another month.
	assert plan == plan_households(served, mandatory, 30, seed="P:2026-03")
	assert plan != plan_households(served, mandatory, 30, seed="P:2026-04")


def test_mandatory_households_beyond_the_ratio_are_all_planned():
	served = [f"HH-{i}" for i in range(10)]
	mandatory = {household: [NEW_STAFF] for household in served[:6]}
	plan = plan_households(served, mandatory, required_revisits(10, SETTINGS))
	assert sorted(plan) == served[:6]
	assert SAMPLE not in {reason for reasons in plan.values() for reason in reasons}


def test_planning_again_adds_nothing_and_tops_up_a_partial_plan():
	served = [f"HH-{i}" for i in range(20)]
	plan = plan_households(served, {"HH-3": [NEW_STAFF]}, 6, seed="s")
	assert plan_households(served, {"HH-3": [NEW_STAFF]}, 6, plan, seed="s") == {}
	partial = ["HH-1", "HH-2"]
	top_up = plan_households(served, {"HH-3": [NEW_STAFF]}, 6, partial, seed="s")
	assert len(top_up) == 4 and "HH-3" in top_up and not set(top_up) & set(partial)


def test_draw_is_a_subset_and_never_too_many():
	assert draw(["a", "b"], 5, "x") == ["a", "b"]
	assert draw(["a", "b"], -1, "x") == []
	assert len(set(draw(map(str, range(100)), 10, "x"))) == 10


def test_done_needs_ratings_who_and_when():
	problems = check_revisit({"status": "Done", "timeliness": "5", "skill": "", "attitude": None})
	assert [p.fieldname for p in problems] == ["skill", "attitude", "revisited_by", "revisited_on"]
	assert problems[0].render(field_label="Skill") == "Rate Skill (1 to 5) before marking the revisit Done."
	done = {
		"status": "Done",
		"timeliness": "5",
		"skill": "4",
		"attitude": "3",
		"revisited_by": "cs@example.com",
		"revisited_on": "2026-03-02 10:00",
	}
	assert check_revisit(done) == []
	assert check_revisit({"status": "Planned"}) == []
	assert [p.fieldname for p in check_revisit({**done, "skill": "7"})] == ["skill"]


def test_a_complaint_needs_its_details():
	(problem,) = check_revisit({"status": "Planned", "complaint": 1, "complaint_details": "  "})
	assert problem.fieldname == "complaint_details"


def test_average_rating_needs_all_three():
	assert average_rating({"timeliness": "5", "skill": "4", "attitude": "4"}) == 4.33
	assert average_rating({"timeliness": "5", "skill": "4", "attitude": ""}) is None


def test_reason_fields_exist_on_the_revisit_record():
	fieldnames = {field["fieldname"] for field in load_doctypes()["Revisit Record"]["fields"]}
	assert set(REASON_FIELDS.values()) <= fieldnames
	assert {"timeliness", "skill", "attitude", "complaint_staff", "plan_month"} <= fieldnames


def test_analysis_sums_by_group():
	figures = analyse(
		orders=[({"cleaning"}, "Met"), ({"cleaning", "laundry"}, "Breached"), ({"laundry"}, None)],
		revenue=[("cleaning", 100.0), ("cleaning", 50.5), ("laundry", 80.0), ("laundry", -30.0)],
		revisits=[
			({"cleaning"}, 5.0, False),
			({"cleaning", "laundry"}, 3.0, True),
			({"laundry"}, None, False),
		],
	)
	cleaning, laundry = figures["cleaning"], figures["laundry"]
	assert (cleaning.orders, cleaning.revenue, cleaning.compliance) == (2, 150.5, 50.0)
	assert (cleaning.satisfaction, cleaning.complaints) == (4.0, 1)
	assert (laundry.orders, laundry.revenue, laundry.compliance) == (2, 50.0, 0.0)
	assert (laundry.satisfaction, laundry.complaints) == (3.0, 1)
	assert analyse([({"x"}, None)], [], [])["x"].compliance is None
