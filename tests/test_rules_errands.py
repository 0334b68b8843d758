from datetime import date, datetime

from tewei_service.rules.errands import (
	DELETED,
	NEVER_ISSUED,
	VOIDED,
	RegisterEntry,
	check_close,
	check_errand,
	check_signature,
	check_unregistered_errand_goods,
	errand_amount,
	register_findings,
	register_name,
	register_number,
	registration_required,
	signed_goods_changed,
)

DAY1, DAY2, DAY3 = datetime(2026, 3, 1, 9), datetime(2026, 3, 2, 9), datetime(2026, 3, 3, 9)


def test_register_numbers_parse_names_and_amendments_keep_their_number():
	assert register_number("ERR-00012") == 12
	assert register_number("ERR-00012-1") == 12
	assert register_number("ERR-1234567") == 1234567
	for other in ("SWO-2026-00012", "ERR-", "ERR-12a", "err-00012", None, ""):
		assert register_number(other) is None
	assert register_name(7) == "ERR-00007"
	assert register_number(register_name(99999)) == 99999


def test_registration_is_required_from_the_threshold_up():
	assert registration_required(10, 10)
	assert registration_required(10.004, 10)  # rounds to the cent like every amount
	assert not registration_required(9.99, 10)
	assert not registration_required(9.995 - 0.001, 10)
	assert registration_required(0.5, 0)


def test_errand_amount_rounds_half_up_to_the_cent():
	assert str(errand_amount(3, 12.5)) == "37.50"
	assert str(errand_amount(0.333, 10.05)) == "3.35"  # 3.34665 -> 3.35


def test_an_errand_needs_quantity_price_and_a_deadline_after_registration():
	assert check_errand(1, 10, DAY1, DAY2) == []
	assert check_errand(1, 10, DAY1, None) == []
	problems = check_errand(0, -1, DAY2, DAY1)
	assert [p.fieldname for p in problems] == ["quantity", "price", "deadline"]
	assert problems[0].render(field_label="Quantity") == "Quantity must be greater than zero."


def test_the_customer_signs_only_after_the_receipt_is_checked():
	assert check_signature(True, True) == []
	assert check_signature(False, False) == []
	assert check_signature(True, False) == []
	assert [p.fieldname for p in check_signature(False, True)] == ["receipt_checked"]


def test_closing_needs_receipt_and_signature_or_the_reason_it_was_not_bought():
	assert check_close(False, None, True, True) == []
	assert [p.fieldname for p in check_close(False, None, False, False)] == [
		"receipt_checked",
		"customer_signature",
	]
	assert [p.fieldname for p in check_close(False, None, True, False)] == ["customer_signature"]
	assert check_close(True, "Sold out everywhere", False, False) == []
	assert [p.fieldname for p in check_close(True, "  ", False, False)] == ["not_purchased_reason"]


def test_signed_goods_cannot_change():
	key = ("Rice", "Golden", "5 kg", 2.0, 30.0, 0.0)
	assert signed_goods_changed(key, key, True) == []
	assert signed_goods_changed(key, ("Rice", "Golden", "5 kg", 2.0, 31.0, 0.0), False) == []
	assert signed_goods_changed(key, ("Rice", "Golden", "5 kg", 2.0, 31.0, 0.0), True)


def test_errand_goods_at_the_threshold_need_a_register_entry():
	assert check_unregistered_errand_goods([(9.99, False), (50, True)], 10) == []
	problems = check_unregistered_errand_goods([(10, False), (9, False), (12.5, False)], 10)
	assert [p.params["price"] for p in problems] == ["10.00", "12.50"]
	assert problems[0].params["threshold"] == "10.00"


def entry(number, on=DAY1, **flags):
	return RegisterEntry(number, register_name(number), on, **flags)


def test_findings_list_deleted_never_issued_and_voided_numbers():
	entries = [
		entry(1),
		entry(2, deleted=True),
		entry(4, voided=True),
		RegisterEntry(4, "ERR-00004-1", DAY1),  # its amendment keeps the number
		entry(5),
	]
	findings = register_findings(entries, last_issued=7)
	assert [(f.number, f.kind) for f in findings] == [
		(2, DELETED),
		(3, NEVER_ISSUED),
		(4, VOIDED),
		(6, NEVER_ISSUED),  # handed out by the counter, never saved
		(7, NEVER_ISSUED),
	]
	skipped = findings[1]
	assert (skipped.previous.name, skipped.following.name) == ("ERR-00002", "ERR-00004")
	assert (findings[3].previous.name, findings[3].following) == ("ERR-00005", None)
	assert findings[0].entry.name == "ERR-00002"
	assert findings[2].entry.name == "ERR-00004"


def test_a_clean_register_has_no_findings():
	assert register_findings([entry(n) for n in range(1, 6)], last_issued=5) == []
	assert register_findings([], last_issued=0) == []


def test_numbers_before_the_first_entry_are_never_issued_unless_the_range_starts_later():
	entries = [entry(3), entry(4)]
	assert [f.number for f in register_findings(entries, 4)] == [1, 2]
	assert register_findings(entries, 4, first=3) == []


def test_number_range_limits_the_findings():
	entries = [entry(1), entry(3, deleted=True), entry(5), entry(7, voided=True), entry(8)]
	assert [f.number for f in register_findings(entries, 8)] == [2, 3, 4, 6, 7]
	assert [f.number for f in register_findings(entries, 8, first=3, last=6)] == [3, 4, 6]
	assert [f.number for f in register_findings(entries, 8, last=100)] == [2, 3, 4, 6, 7]


def test_date_range_counts_entries_by_registration_and_gaps_by_their_neighbours():
	entries = [entry(1, DAY1), entry(3, DAY2, voided=True), entry(5, DAY3), entry(6, DAY3, deleted=True)]

	def on_day(day):
		return [(f.number, f.kind) for f in register_findings(entries, 6, from_date=day, to_date=day)]

	assert on_day(date(2026, 3, 1)) == [(2, NEVER_ISSUED)]
	assert on_day(date(2026, 3, 2)) == [(2, NEVER_ISSUED), (3, VOIDED), (4, NEVER_ISSUED)]
	assert on_day(date(2026, 3, 3)) == [(4, NEVER_ISSUED), (6, DELETED)]
	assert register_findings(entries, 6, from_date=date(2026, 4, 1)) == []
	assert [f.number for f in register_findings(entries, 6, to_date=date(2026, 3, 1))] == [2]
