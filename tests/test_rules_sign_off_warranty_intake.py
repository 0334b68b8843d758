"""R3 sign-off, R4 warranty repairs, R5 desks and declined requests: the pure rules."""

from datetime import date

from tewei_service.rules.work_order import (
	CONTROL_CENTRE,
	CUSTOMER_SERVICE_CENTRE,
	WarrantyOriginal,
	check_completion,
	check_decline,
	check_received,
	check_sign_off,
	check_warranty,
	passed_on_to,
)
from tewei_service.states import WORK_ORDER_TRANSITIONS, WorkOrderState

State = WorkOrderState


def fields(problems):
	return [problem.fieldname for problem in problems]


def test_a_satisfied_sign_off_is_given_once_per_round_of_work():
	assert check_sign_off(State.IN_PROGRESS, signed=False, satisfied=True, comment="", billed=False) == []
	assert fields(check_sign_off(State.IN_PROGRESS, True, True, "", False)) == ["customer_signature"]
	assert check_sign_off(State.REWORK, signed=False, satisfied=True, comment=None, billed=False) == []


def test_a_dissatisfied_sign_off_says_why_and_never_reopens_billed_work():
	assert fields(check_sign_off(State.IN_PROGRESS, False, False, "  ", False)) == ["comment"]
	assert check_sign_off(State.COMPLETED, True, False, "Still leaks", False) == []
	assert len(check_sign_off(State.COMPLETED, True, False, "Still leaks", True)) == 1


def test_no_sign_off_before_the_work_or_after_the_check():
	for state in (State.REGISTERED, State.DISPATCHED, State.CHECKED, State.CANCELLED, State.DECLINED):
		assert len(check_sign_off(state, False, True, "", False)) == 1, state


def test_rework_only_after_a_dissatisfied_sign_off_and_completed_again():
	rework = [t for t in WORK_ORDER_TRANSITIONS if t[2] == State.REWORK]
	assert {t[0] for t in rework} == {State.IN_PROGRESS, State.COMPLETED}
	assert all(t[5] == "doc.sign_offs and not doc.sign_offs[-1].satisfied" for t in rework)
	assert {t[2] for t in WORK_ORDER_TRANSITIONS if t[0] == State.REWORK} == {State.COMPLETED}
	assert State.REWORK in State.UNDER_WAY and State.REWORK not in State.SERVED


def test_a_warranty_repair_needs_no_settlement_but_a_signature():
	assert check_completion(True, None, free_of_charge=True) == []
	assert fields(check_completion(False, None, free_of_charge=True)) == ["customer_signature"]
	assert fields(check_completion(True, None)) == ["settlement_mode"]


ORIGINAL = WarrantyOriginal("SWO-1", "H-1", State.CHECKED, date(2026, 11, 1), False, frozenset({"tap"}))


def warranty(original=ORIGINAL, household="H-1", reported=date(2026, 11, 20), lines=(("tap", 0),), **values):
	return check_warranty(
		original,
		household,
		reported,
		lines,
		values.get("days", {"tap": 30}),
		values.get("confirmation", False),
		values.get("settlement_mode"),
	)


def test_a_warranty_repair_within_the_period_is_free():
	assert warranty() == []
	assert warranty(reported=date(2026, 12, 1)) == []  # the 30th day still counts


def test_a_warranty_claim_is_refused_out_of_period_for_others_or_charged():
	assert fields(warranty(reported=date(2026, 12, 2))) == ["warranty_of"]
	assert fields(warranty(days={"tap": 0})) == ["warranty_of"]
	assert fields(warranty(household="H-2")) == ["warranty_of"]
	assert fields(warranty(lines=(("sink", 0),))) == ["items"]
	assert fields(warranty(lines=())) == ["items"]
	assert fields(warranty(lines=(("tap", 80),))) == ["items"]
	assert fields(warranty(confirmation=True)) == ["price_confirmation"]
	assert fields(warranty(settlement_mode="Month-end")) == ["settlement_mode"]
	open_order = WarrantyOriginal("SWO-2", "H-1", State.IN_PROGRESS, None, False, frozenset({"tap"}))
	assert fields(warranty(open_order)) == ["warranty_of"]
	repair = WarrantyOriginal("SWO-3", "H-1", State.CHECKED, date(2026, 11, 1), True, frozenset({"tap"}))
	assert fields(warranty(repair)) == ["warranty_of"]


def test_each_desk_takes_only_its_requests_and_passes_emergencies_on():
	assert fields(check_received(CONTROL_CENTRE, "Housekeeping", None)) == ["received_at"]
	assert fields(check_received(CONTROL_CENTRE, "Home Alarm", "Urgent")) == ["received_at"]
	assert check_received(CONTROL_CENTRE, "Home Repair", None) == []
	assert fields(check_received(CUSTOMER_SERVICE_CENTRE, "Home Repair", "Ordinary Problem")) == [
		"received_at"
	]
	for emergency in ("Urgent", "Emergency"):
		assert check_received(CUSTOMER_SERVICE_CENTRE, "Home Repair", emergency) == []
	assert check_received(None, "Home Repair", None) == []  # taken at its own desk
	assert passed_on_to(CUSTOMER_SERVICE_CENTRE, "Home Repair") == CONTROL_CENTRE
	assert passed_on_to(CONTROL_CENTRE, "Home Repair") is None
	assert passed_on_to(None, "Home Repair") is None
	assert passed_on_to(CONTROL_CENTRE, "Other") is None  # escalated, not handed over


def test_a_decline_gives_the_reason():
	assert fields(check_decline(" ")) == ["decline_reason"]
	assert check_decline("Outside the estate's services") == []
	declines = [t for t in WORK_ORDER_TRANSITIONS if t[2] == State.DECLINED]
	assert {t[0] for t in declines} == set(State.DECLINABLE)
