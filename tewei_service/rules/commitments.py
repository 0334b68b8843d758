"""Response commitments (SPEC W10, "5341" and repair times): when each kind of request is due.

Each commitment is measured on one milestone of the order: arriving on site, fixing the problem,
or answering (a committed plan for work involving outside parties or a large repair).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from tewei_service.rules.clock import as_time

ON_SITE, FIXED, ANSWERED = "arrived_on", "resolved_on", "answered_on"
PENDING, MET, BREACHED, NOT_APPLICABLE = "Pending", "Met", "Breached", "Not Applicable"


@dataclass(frozen=True)
class Commitment:
	milestone: str
	setting: str  # the Service Settings field that holds the duration
	unit: str  # minutes, hours or days


COMMITMENTS = {
	"Urgent": Commitment(ON_SITE, "urgent_onsite_minutes", "minutes"),
	"Ordinary Problem": Commitment(FIXED, "ordinary_fix_minutes", "minutes"),
	"Complex Problem": Commitment(FIXED, "explained_fix_hours", "hours"),
	"External Parties": Commitment(ANSWERED, "external_commit_days", "days"),
	"Small Repair": Commitment(FIXED, "small_repair_hours", "hours"),
	"Large Repair": Commitment(ANSWERED, "large_repair_answer_days", "days"),
	"Emergency": Commitment(ON_SITE, "emergency_onsite_minutes", "minutes"),
}


def due_time(kind: str, reported_on: datetime, settings: dict) -> tuple[str, datetime] | None:
	"""The milestone and the time it is due; None when no commitment applies.

	Emergencies (bursts, leaks, power cuts) are committed only inside the emergency window.
	"""
	commitment = COMMITMENTS.get(kind)
	if not commitment:
		return None
	if kind == "Emergency" and not _in_window(reported_on.time(), settings):
		return None
	amount = float(settings[commitment.setting])
	return commitment.milestone, reported_on + timedelta(**{commitment.unit: amount})


def status(due: datetime | None, done_at: datetime | None, now: datetime) -> str:
	if due is None:
		return NOT_APPLICABLE
	if done_at is not None:
		return MET if done_at <= due else BREACHED
	return BREACHED if now > due else PENDING


def _in_window(moment: time, settings: dict) -> bool:
	return as_time(settings["emergency_window_start"]) <= moment <= as_time(settings["emergency_window_end"])
