from datetime import datetime

from tewei_service.rules.complaints import (
	CHANNELS,
	CLOSED,
	INVESTIGATING,
	MAJOR,
	NOT_SATISFIED,
	OPEN,
	ORDINARY,
	REOPENED,
	REPLIED,
	SATISFIED,
	STATUSES,
	check_complaint,
	is_overdue,
	reply_due,
)

RECEIVED = datetime(2026, 3, 2, 9)
NOW = datetime(2026, 3, 3, 9)
REPLY = {
	"reply": "Cleaned again and apologised",
	"replied_by": "cs@example",
	"replied_on": datetime(2026, 3, 2, 15),
	"reply_method": "Phone",
}


def complaint(**values):
	return {"status": OPEN, "severity": "Ordinary", "received_on": RECEIVED, **values}


def fields(problems):
	return [problem.fieldname for problem in problems]


def test_a_new_complaint_is_open():
	assert check_complaint(complaint(), None, NOW) == []
	assert fields(
		check_complaint(complaint(status=CLOSED, satisfaction="Satisfied", **REPLY), None, NOW)
	) == ["status"]


def test_statuses_follow_the_register():
	assert check_complaint(complaint(status=INVESTIGATING), OPEN, NOW) == []
	assert check_complaint(complaint(status=REPLIED, **REPLY), INVESTIGATING, NOW) == []
	assert fields(check_complaint(complaint(status=OPEN), CLOSED, NOW)) == ["status"]
	assert fields(check_complaint(complaint(status=INVESTIGATING), CLOSED, NOW)) == ["status"]


def test_closing_needs_the_reply_and_a_satisfied_customer():
	problems = check_complaint(complaint(status=CLOSED, satisfaction="Satisfied"), REPLIED, NOW)
	assert fields(problems) == ["reply", "replied_by", "replied_on", "reply_method"]
	problems = check_complaint(complaint(status=CLOSED, satisfaction="Not Satisfied", **REPLY), REPLIED, NOW)
	assert fields(problems) == ["satisfaction"]
	assert check_complaint(complaint(status=CLOSED, satisfaction="Satisfied", **REPLY), REPLIED, NOW) == []


def test_a_reply_comes_after_the_complaint_and_not_from_the_future():
	early = {**REPLY, "replied_on": datetime(2026, 3, 1, 9)}
	assert fields(check_complaint(complaint(status=REPLIED, **early), OPEN, NOW)) == ["replied_on"]
	late = {**REPLY, "replied_on": datetime(2026, 3, 4, 9)}
	assert fields(check_complaint(complaint(status=REPLIED, **late), OPEN, NOW)) == ["replied_on"]
	assert fields(check_complaint(complaint(received_on=datetime(2026, 3, 5)), None, NOW)) == ["received_on"]


def test_reopening_needs_a_reason_and_then_a_new_reply():
	assert fields(check_complaint(complaint(status=REOPENED), CLOSED, NOW)) == ["reopen_reason"]
	reopened = complaint(
		status=REPLIED, reopen_reason="Dirty again", reopened_on=datetime(2026, 3, 2, 18), **REPLY
	)
	assert fields(check_complaint(reopened, REOPENED, NOW)) == ["replied_on"]


def test_severity_is_ordinary_or_major():
	assert fields(check_complaint(complaint(severity="Huge"), None, NOW)) == ["severity"]


def test_reply_due_and_overdue():
	due = reply_due(RECEIVED, 24)
	assert due == datetime(2026, 3, 3, 9)
	assert not is_overdue(OPEN, due, None, NOW)
	assert is_overdue(INVESTIGATING, due, None, datetime(2026, 3, 3, 10))
	assert not is_overdue(REPLIED, due, datetime(2026, 3, 2, 15), datetime(2026, 3, 9))
	assert is_overdue(CLOSED, due, datetime(2026, 3, 4), datetime(2026, 3, 9))


def test_the_complaint_offers_the_statuses_channels_and_severities_of_the_rules(doctypes):
	fields = {field["fieldname"]: field for field in doctypes["Service Complaint"]["fields"]}
	assert tuple(fields["status"]["options"].split("\n")) == STATUSES
	assert tuple(fields["channel"]["options"].split("\n")) == CHANNELS
	assert fields["severity"]["options"].split("\n") == [ORDINARY, MAJOR]
	assert fields["satisfaction"]["options"].split("\n") == ["", SATISFIED, NOT_SATISFIED]
