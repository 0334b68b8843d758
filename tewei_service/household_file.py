"""The household file (SPEC P1, R9; procedure 2 §3): everything filed under a household, in date
order, and the changes to the people living there (同住人員變更).

Each record is read with frappe.get_list, so a reader sees the entries their own permissions allow
(P2: staff only their households' records, office roles only their projects). Doctypes another
part of the app has not installed (complaints, surveys) are skipped."""

import json

import frappe
from frappe import _

from tewei_service.records import FILED_UNDER_HOUSEHOLD

# Doctype -> (the date the entry is filed under, the field that describes it). A field the doctype
# lacks falls back to the record's creation and to no description.
ENTRY_FIELDS = {
	"Service Work Order": ("order_date", "request_details"),
	"Service Agreement": ("start_date", "service_type"),
	"Price Confirmation": ("posting_date", "work_description"),
	"Revisit Record": ("revisited_on", "comments"),
	"Errand Purchase": ("registered_on", "item_name"),
	"Service Message Slip": ("visited_on", "message"),
	"Sales Invoice": ("posting_date", "grand_total"),
	"Service Complaint": ("received_on", "description"),
	"Satisfaction Survey": ("surveyed_on", "follow_up_reason"),
}
# Filed under a household by records the app gains with the complaints and surveys (R1, R2).
LATER_RECORDS = {"Service Complaint": "household", "Satisfaction Survey": "household"}
STATUS_FIELDS = ("workflow_state", "status")
# The household's tables of people: a row added, removed or changed is a change to its file.
PEOPLE_TABLES = {"customers": "customer", "contacts": "full_name"}


@frappe.whitelist()
def household_file(household: str) -> list[dict]:
	"""The household's file, newest first: each entry's date, doctype, name, description and status,
	the changes to its people among them."""
	frappe.has_permission("Household", "read", doc=household, throw=True)
	entries = []
	for doctype, field in filed_doctypes().items():
		if frappe.has_permission(doctype, "read"):
			entries += records_of(doctype, field, household)
	entries += people_changes(household)
	return sorted(entries, key=lambda entry: str(entry["date"] or ""), reverse=True)


def filed_doctypes() -> dict[str, str]:
	later = {
		doctype: field for doctype, field in LATER_RECORDS.items() if frappe.db.exists("DocType", doctype)
	}
	return {**FILED_UNDER_HOUSEHOLD, **later}


def records_of(doctype: str, household_field: str, household: str) -> list[dict]:
	meta = frappe.get_meta(doctype)
	date_field, text_field = ENTRY_FIELDS.get(doctype, (None, None))
	date_field = date_field if meta.has_field(date_field or "") else "creation"
	fields = ["name", "docstatus", f"{date_field} as date"]
	if text_field and meta.has_field(text_field):
		fields.append(f"{text_field} as description")
	status_field = next((field for field in STATUS_FIELDS if meta.has_field(field)), None)
	if status_field:
		fields.append(f"{status_field} as status")
	rows = frappe.get_list(
		doctype, filters={household_field: household}, fields=fields, order_by="creation desc"
	)
	# An amount (a billing notice's total) as the desk shows it; text as typed.
	text_df = meta.get_field(text_field or "")
	amount_df = text_df if text_df and text_df.fieldtype in ("Currency", "Float", "Int") else None
	return [
		{
			"date": row.date,
			"doctype": doctype,
			"name": row.name,
			"description": "" if row.get("description") is None else description(row.description, amount_df),
			"status": row.get("status") or docstatus_label(row.docstatus, meta.is_submittable),
		}
		for row in rows
	]


def description(value, amount_df) -> str:
	return frappe.format_value(value, amount_df) if amount_df else str(value)


def docstatus_label(docstatus: int, submittable: bool) -> str:
	if not submittable:
		return ""
	return {0: _("Draft"), 1: _("Submitted"), 2: _("Cancelled")}[docstatus]


def people_changes(household: str) -> list[dict]:
	"""The household's customers and contacts as they changed, from its Version history (the
	household tracks its changes): the same history the form's timeline shows its readers."""
	versions = frappe.get_all(
		"Version",
		{"ref_doctype": "Household", "docname": household},
		["name", "creation", "owner", "data"],
		order_by="creation desc",
	)
	entries = []
	for version in versions:
		described = describe_people_change(json.loads(version.data or "{}"))
		if described:
			entries.append(
				{
					"date": version.creation,
					"doctype": "Version",
					"name": version.name,
					"description": "; ".join(described),
					"status": frappe.db.get_value("User", version.owner, "full_name") or version.owner,
				}
			)
	return entries


def describe_people_change(data: dict) -> list[str]:
	changes = []
	for verb, rows in ((_("added"), data.get("added") or []), (_("removed"), data.get("removed") or [])):
		for table, row in rows:
			if table in PEOPLE_TABLES:
				changes.append(f"{person_label(table)} {verb}: {row.get(PEOPLE_TABLES[table]) or ''}")
	for table, _idx, _name, fields in data.get("row_changed") or []:
		if table in PEOPLE_TABLES:
			changes += [
				f"{person_label(table)} {field}: {old or ''} → {new or ''}" for field, old, new in fields
			]
	for field, old, new in data.get("changed") or []:
		if field == "primary_customer":
			changes.append(f"{_('Primary Customer')}: {old or ''} → {new or ''}")
	return changes


def person_label(table: str) -> str:
	return _("Customer") if table == "customers" else _("Contact")
