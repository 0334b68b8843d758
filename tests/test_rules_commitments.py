from datetime import datetime, timedelta

from conftest import load_doctypes

from tewei_service.rules.commitments import COMMITMENTS, due_time, status

SETTINGS = {
	f["fieldname"]: f["default"] for f in load_doctypes()["Service Settings"]["fields"] if "default" in f
}
CALL = datetime(2026, 11, 23, 14, 0)


def test_each_commitment_reads_its_setting():
	expected = {
		"Urgent": ("arrived_on", CALL + timedelta(minutes=5)),
		"Ordinary Problem": ("resolved_on", CALL + timedelta(minutes=30)),
		"Complex Problem": ("resolved_on", CALL + timedelta(hours=4)),
		"External Parties": ("answered_on", CALL + timedelta(days=1)),
		"Small Repair": ("resolved_on", CALL + timedelta(hours=24)),
		"Large Repair": ("answered_on", CALL + timedelta(days=3)),
		"Emergency": ("arrived_on", CALL + timedelta(minutes=10)),
	}
	assert {kind: due_time(kind, CALL, SETTINGS) for kind in COMMITMENTS} == expected


def test_emergency_commitment_holds_only_inside_the_window():
	assert due_time("Emergency", datetime(2026, 11, 23, 9, 0), SETTINGS) is not None
	assert due_time("Emergency", datetime(2026, 11, 23, 22, 0), SETTINGS) is not None
	assert due_time("Emergency", datetime(2026, 11, 23, 22, 1), SETTINGS) is None
	assert due_time("Emergency", datetime(2026, 11, 23, 8, 59), SETTINGS) is None


def test_settings_change_the_due_time():
	assert due_time("Urgent", CALL, {**SETTINGS, "urgent_onsite_minutes": 15})[1] == CALL + timedelta(
		minutes=15
	)


def test_status():
	due = CALL + timedelta(minutes=5)
	assert status(due, CALL + timedelta(minutes=5), CALL) == "Met"
	assert status(due, CALL + timedelta(minutes=6), CALL) == "Breached"
	assert status(due, None, CALL + timedelta(minutes=4)) == "Pending"
	assert status(due, None, CALL + timedelta(minutes=6)) == "Breached"
	assert status(None, None, CALL) == "Not Applicable"
