"""The demo's clock: the two months are lived event by event, so every time the app and ERPNext
stamp (order milestones, posting dates, creation, comments) is the simulated moment.

Frappe and ERPNext read the time through `frappe.utils.now_datetime` (today, nowdate, now and
getdate() call it too). Its code is swapped for one that reads the simulated moment, so every
module that imported the function sees it, and put back when the demo ends.
"""

from contextlib import contextmanager
from datetime import datetime

import frappe
import frappe.utils.data


def _simulated_now_datetime():
	# Runs as frappe.utils.data.now_datetime, with that module's globals (it imports frappe).
	# Each reading is a microsecond on, as a real clock's: Frappe compares a document's stored
	# `modified` with the one it read, as text, and a whole second would print differently.
	flags = frappe.flags
	flags.tewei_demo_ticks = (flags.tewei_demo_ticks or 0) % 999_998 + 1
	return flags.tewei_demo_now + frappe.utils.data.datetime.timedelta(microseconds=flags.tewei_demo_ticks)


@contextmanager
def simulated_clock(start: datetime):
	"""Inside the block the site's time is `start` until `set_time` moves it."""
	target = frappe.utils.data.now_datetime
	real_code = target.__code__
	frappe.flags.tewei_demo_now = start
	target.__code__ = _simulated_now_datetime.__code__
	try:
		yield
	finally:
		target.__code__ = real_code
		frappe.flags.tewei_demo_now = None


def set_time(moment: datetime) -> None:
	frappe.flags.tewei_demo_now = moment
