"""What the errand register holds and held (SPEC E2), for the gap investigation.

Three sources: the Errand Purchase documents (voided ones are cancelled), Frappe's deletion log
(`Deleted Document`, which keeps the deleted entry's data, who deleted it and when), and the
series counter (`tabSeries`), the last number handed out. A number below the counter that no
document holds or held was never issued: skipped, or handed out by a save that never completed.

The numbers run across every property project. A reader limited to some projects (P2) sees the
deleted and voided entries of theirs, and the numbers never issued next to one of their entries.
"""

import json

import frappe
from frappe.utils import get_datetime

from tewei_service.rules import errands as rules


def last_issued() -> int:
	row = frappe.db.sql("select current from `tabSeries` where name = %s", rules.PREFIX)
	return int(row[0][0] or 0) if row else 0


def register_entries() -> tuple[list[rules.RegisterEntry], dict[str, frappe._dict]]:
	"""Every entry that holds or held a number, and the details of each, by document name.

	A deleted entry's details are taken from the deletion log and name the log record.
	"""
	entries, details = [], {}
	for row in frappe.get_all(
		"Errand Purchase",
		fields=[
			"name",
			"docstatus",
			"registered_on",
			"customer",
			"household",
			"property_project",
			"item_name",
			"total_amount",
			"void_reason",
			"voided_by",
			"voided_on",
		],
	):
		number = rules.register_number(row.name)
		if number is None:
			continue
		entries.append(rules.RegisterEntry(number, row.name, row.registered_on, voided=row.docstatus == 2))
		details[row.name] = row
	for log in frappe.get_all(
		"Deleted Document",
		filters={"deleted_doctype": "Errand Purchase", "restored": 0},
		fields=["name", "deleted_name", "owner", "creation", "data"],
		order_by="creation",
	):
		number = rules.register_number(log.deleted_name)
		if number is None or log.deleted_name in details:
			continue  # a later entry of the same name exists again (restored, or re-made by hand)
		data = frappe._dict(json.loads(log.data or "{}"))
		registered_on = data.registered_on and get_datetime(data.registered_on)
		entries.append(rules.RegisterEntry(number, log.deleted_name, registered_on, deleted=True))
		details[log.deleted_name] = frappe._dict(
			name=log.deleted_name,
			docstatus=data.docstatus,
			registered_on=registered_on,
			customer=data.customer,
			household=data.household,
			property_project=data.property_project,
			item_name=data.item_name,
			total_amount=data.total_amount,
			deleted_document=log.name,
			deleted_by=log.owner,
			deleted_on=log.creation,
		)
	return entries, details


def entries_of_projects(details: dict[str, frappe._dict], projects: list[str] | None) -> set[str] | None:
	"""The names of the entries (of `register_entries`) of `projects`; None for every project."""
	if projects is None:
		return None
	return {name for name, entry in details.items() if entry.property_project in projects}


def findings_seen(findings: list[rules.Finding], visible: set[str] | None) -> list[rules.Finding]:
	"""The findings about entries in `visible`, and the numbers never issued next to one of them."""
	if visible is None:
		return findings

	def seen(finding) -> bool:
		if finding.kind != rules.NEVER_ISSUED:
			return finding.entry.name in visible
		neighbours = (finding.previous, finding.following)
		return any(entry and entry.name in visible for entry in neighbours)

	return [finding for finding in findings if seen(finding)]
