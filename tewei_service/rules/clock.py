"""Times of day as Frappe hands them over: str ("09:00:00"), timedelta (from MariaDB) or time."""

from datetime import time, timedelta


def as_time(value) -> time | None:
	if value in (None, ""):
		return None
	if isinstance(value, time):
		return value
	if isinstance(value, timedelta):
		seconds = int(value.total_seconds())
		return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
	hours, minutes, *rest = (int(float(part)) for part in str(value).split(":"))
	return time(hours, minutes, rest[0] if rest else 0)
