"""The complaint register (SPEC R1, procedure 2 §2.4-2.5): registering a complaint from any channel,
what a complaint concerns, its reply deadline and the bookkeeping of each status it enters.

Every path that registers a complaint (the desk, the customer's page, a revisit) ends in the
Service Complaint's own validation; `create_complaint` is the one entry for the paths that are not
the desk form.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from tewei_service.households import check_same_household
from tewei_service.rules import complaints as rules
from tewei_service.settings import setting

DEFAULT_REPLY_HOURS = 24


def create_complaint(
	household: str,
	customer: str,
	description: str,
	channel: str,
	work_order: str | None = None,
	category: str | None = None,
	severity: str = rules.ORDINARY,
	*,
	staff: str | None = None,
	revisit_record: str | None = None,
) -> str:
	"""Register a complaint and return its name. The caller has checked that its user may speak
	for the household (the portal: their own household; a revisit: the revisit's own)."""
	doc = frappe.get_doc(
		{
			"doctype": "Service Complaint",
			"household": household,
			"customer": customer,
			"description": description,
			"channel": channel,
			"work_order": work_order,
			"category": category,
			"severity": severity,
			"staff": staff,
			"revisit_record": revisit_record,
		}
	)
	doc.flags.from_revisit = bool(revisit_record)
	return doc.insert(ignore_permissions=True).name


def register_revisit_complaint(revisit) -> str | None:
	"""V3 → R1: a revisit made (Done) that records a complaint registers it, once."""
	if not (revisit.complaint and revisit.status == "Done") or revisit.service_complaint:
		return None
	orders = [
		row
		for row in revisit.orders
		if not revisit.complaint_staff or row.assigned_staff == revisit.complaint_staff
	]
	name = create_complaint(
		revisit.household,
		revisit.customer,
		revisit.complaint_details,
		rules.REVISIT,
		work_order=orders[0].work_order if len(orders) == 1 else None,
		staff=revisit.complaint_staff,
		revisit_record=revisit.name,
	)
	revisit.db_set("service_complaint", name)
	return name


def fill_concerns(doc) -> None:
	"""The order a complaint concerns is its household's; its staff, department and (single) service
	item are those of the order unless given."""
	if not doc.work_order:
		return
	order = frappe.db.get_value(
		"Service Work Order", doc.work_order, ["household", "assigned_staff", "department"], as_dict=True
	)
	check_same_household(_("Service Work Order"), doc.work_order, order.household, doc.household)
	doc.staff = doc.staff or order.assigned_staff
	doc.department = doc.department or order.department
	if not doc.catalogue_item:
		items = frappe.get_all(
			"Service Work Order Item",
			{"parent": doc.work_order, "parenttype": "Service Work Order"},
			pluck="catalogue_item",
			distinct=True,
		)
		if len(items) == 1:
			doc.catalogue_item = items[0]


def check_revisit_link(doc) -> None:
	"""Only the revisit's own step links it, and to the revisit's household."""
	if not doc.revisit_record:
		return
	household = frappe.db.get_value("Revisit Record", doc.revisit_record, "household")
	check_same_household(_("Revisit Record"), doc.revisit_record, household, doc.household)


# What the register shows of a closed case: changed only by reopening it.
CLOSED_FIELDS = (
	"household",
	"customer",
	"work_order",
	"staff",
	"catalogue_item",
	"category",
	"severity",
	"description",
	"investigation_notes",
	*rules.REPLY_FIELDS,
	"satisfaction",
)


def check_closed_unchanged(doc, before) -> None:
	if not (before and before.status == rules.CLOSED and doc.status == rules.CLOSED):
		return

	def value(record, field):
		found = record.get(field) or None
		return get_datetime(found) if found and field == "replied_on" else found

	changed = [
		doc.meta.get_label(field) for field in CLOSED_FIELDS if value(doc, field) != value(before, field)
	]
	if changed:
		frappe.throw(
			_("Complaint {0} is closed: reopen it to change {1}.").format(
				doc.name, ", ".join(_(label) for label in changed)
			)
		)


def reply_hours() -> float:
	return float(setting("complaint_reply_hours", DEFAULT_REPLY_HOURS))


def enter_status(doc, before) -> None:
	"""What the app records as the complaint enters its status: who investigates, who replied and
	when (if not said), the deadline, who closed it, when it was reopened. Fields only these steps
	write keep their stored values on every other save, whoever sends them."""
	before_status = before.status if before else None
	for fieldname in ("reply_due", "closed_by", "closed_on", "reopened_on", "revisit_record"):
		if before:
			doc.set(fieldname, before.get(fieldname))
	if not before:
		if not doc.flags.from_revisit:
			doc.revisit_record = None
		doc.reply_due = rules.reply_due(get_datetime(doc.received_on), reply_hours())
		if (
			not doc.received_by
			and frappe.get_cached_value("User", frappe.session.user, "user_type") == "System User"
		):
			doc.received_by = frappe.session.user
	elif (
		get_datetime(doc.received_on) != get_datetime(before.received_on)
		and doc.status in rules.AWAITING_REPLY
	):
		doc.reply_due = rules.reply_due(get_datetime(doc.received_on), reply_hours())
	if doc.status == before_status:
		return
	user, now = frappe.session.user, now_datetime()
	if doc.status == rules.INVESTIGATING:
		doc.investigated_by = doc.investigated_by or user
	elif doc.status == rules.REPLIED:
		doc.replied_by = doc.replied_by or user
		doc.replied_on = doc.replied_on or now
	elif doc.status == rules.CLOSED:
		doc.closed_by, doc.closed_on = user, now
	elif doc.status == rules.REOPENED:
		doc.reopened_on, doc.reply_due = now, rules.reply_due(now, reply_hours())
		# The earlier reply stays in the complaint's version history; the new round needs its own.
		for fieldname in ("closed_by", "closed_on", "satisfaction", *rules.REPLY_FIELDS):
			doc.set(fieldname, None)
