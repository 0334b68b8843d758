"""What the demo's themes share while they build: the company, the people, the catalogue, the
households, a seeded random source and the timeline of events the month is lived by."""

import heapq
import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime

import frappe

from tewei_service.demo.clock import set_time

DEMO_DOMAIN = "demo.tewei.example"
DEMO_PASSWORD = "Tewei-demo-2026"
SIGNATURE = (
	"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChw"
	"GA60e6kgAAAABJRU5ErkJggg=="
)


@dataclass
class Demo:
	company: str
	start: datetime  # the first morning lived
	end: datetime  # now: nothing happens after it
	size: float = 1.0
	rng: random.Random = field(default_factory=lambda: random.Random(14))
	users: dict = field(default_factory=dict)  # key → e-mail (see people.USERS)
	employees: dict = field(default_factory=dict)  # user → Employee
	departments: dict = field(default_factory=dict)  # key → Department
	projects: list = field(default_factory=list)
	catalogue: dict = field(default_factory=dict)  # key → Service Catalogue Item
	households: list = field(default_factory=list)  # dicts: name, project, customer
	made: dict = field(default_factory=dict)  # what each theme made, for the summary and the test
	bookings: object = None  # orders.Bookings: the staff's appointments
	now: datetime | None = None  # the clock while the month is lived
	_events: list = field(default_factory=list)
	_order: itertools.count = field(default_factory=itertools.count)

	def count(self, number: int) -> int:
		"""`number` at the demo's size (the test builds a smaller month the same way)."""
		return max(1, round(number * self.size))

	def at(self, moment: datetime, action, must: bool = False) -> None:
		"""Do `action()` when the clock reaches `moment`. What falls after now does not happen,
		unless `must`: then it happens now (the month-end run of a month that ended today)."""
		if moment > self.end:
			if not must:
				return
			moment = self.end
		if self.now and moment < self.now:
			moment = self.now  # the clock never goes back
		heapq.heappush(self._events, (moment, next(self._order), action))

	def live(self, progress=None) -> None:
		"""Every event in time order, the clock set to each; events may schedule later ones."""
		span = (self.end - self.start).total_seconds() or 1
		while self._events:
			moment, _seq, action = heapq.heappop(self._events)
			self.now = moment
			set_time(moment)
			action()
			drop_realtime_log()
			if progress:
				progress((moment - self.start).total_seconds() / span)
		set_time(self.end)

	def note(self, key: str, name: str) -> None:
		self.made.setdefault(key, []).append(name)


def drop_realtime_log() -> None:
	"""The desk updates queued for the commit are for nobody (a made-up month, one transaction), and
	Frappe checks each new one against the whole queue: it is emptied after every event."""
	if log := getattr(frappe.local, "_realtime_log", None):
		log.clear()


def fresh(doc):
	"""The document as stored (the workflow's e-mail may leave the saved object flagged)."""
	return frappe.get_doc(doc.doctype, doc.name)


# What the process caches the same for every user: Frappe's set_user drops the whole local cache,
# and every DocType's meta would be read and unpickled again from Redis at each change of user.
SHARED_CACHES = ("doctype_meta", "table_columns")


def switch_user(user: str) -> None:
	keys = [frappe.cache.make_key(name) for name in SHARED_CACHES]
	kept = {key: frappe.local.cache[key] for key in keys if key in frappe.local.cache}
	frappe.set_user(user)
	frappe.local.cache.update(kept)


def as_user(user: str, function, *args, **kwargs):
	"""`function(*args, **kwargs)` done as `user`, then Administrator again."""
	switch_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		switch_user("Administrator")


def act(doctype: str, name: str, action: str, user: str, **values):
	"""A Workflow action by `user`, as the desk does it: the form's changes saved, then the action."""
	from frappe.model.workflow import apply_workflow

	def run():
		doc = frappe.get_doc(doctype, name)
		if values:
			doc.update(values)
			doc.save()
		# apply_workflow reads the document again from the database, as the desk's call does.
		return apply_workflow(doc, action)

	return as_user(user, run)


def edit(doctype: str, name: str, user: str, **values):
	def run():
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		doc.save()
		return doc

	return as_user(user, run)
