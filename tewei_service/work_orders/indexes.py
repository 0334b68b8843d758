"""The indexes the app's reports and jobs filter on (composite ones, which a DocType's JSON cannot
declare). Each doctype's `on_doctype_update` adds them, so `bench migrate` keeps them; adding one
that exists already does nothing.

Service Work Order, by its users:
- (assigned_staff, appointment_start), (assigned_staff, appointment_end): the booking slack
  (`booking.validate_booking`) reads only the staff member's bookings near the new appointment.
- (workflow_state, completed_on): served orders of a period (revisit plan, spot check, compliance,
  home service analysis), the morning check list.
- (workflow_state, appointment_start): the end-of-day unsigned list and its report.
- (workflow_state, declined_on): the declined requests of a month (home service analysis).
- appointment_start, order_date (search_index in the JSON): the daily register (either of them).
- reported_on (search_index): response commitment compliance; completed_on (search_index): the
  cash hand-over's immediate orders of a day.
- (response_status, response_due), (response_status, breach_notified): breach flagging.
- (property_project, completed_on), (property_project, reported_on): readers limited to projects.
Service Work Order Item (catalogue_item): whether a service item is new (revisit plan, V2).
Revisit Record (status, revisited_on): staff with a complaint last time.
Household, Service Agreement, Revisit Record: their single-column filters are search_index in the
JSON (property_project, household, status).
"""

import frappe

INDEXES = {
	"Service Work Order": (
		("assigned_staff", "appointment_start"),
		("assigned_staff", "appointment_end"),
		("workflow_state", "completed_on"),
		("workflow_state", "appointment_start"),
		("workflow_state", "declined_on"),
		("response_status", "response_due"),
		("response_status", "breach_notified"),
		("property_project", "completed_on"),
		("property_project", "reported_on"),
	),
	"Service Work Order Item": (("catalogue_item",),),
	"Revisit Record": (("status", "revisited_on"),),
}


def add_indexes() -> None:
	"""Add the missing indexes of the doctypes whose tables exist (a fresh install syncs them in
	any order)."""
	for doctype, indexes in INDEXES.items():
		if not frappe.db.table_exists(doctype):
			continue
		for fields in indexes:
			frappe.db.add_index(doctype, list(fields), index_name="tewei_" + "_".join(fields))
