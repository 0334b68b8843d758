# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Errand Register Gaps (SPEC E2): every number of 《代客購物登記表》 to investigate (查明飛單).

One row per number that was deleted (who deleted it and when, with what the entry held), never
issued (skipped: between which entries), or voided (who voided it, when and why, and its
amendment if any). Filters: a number range (from 1 to the last number issued by default) and a
registration date range; a number never issued counts on the dates of its neighbours. A reader
limited to some property projects (P2) sees the entries of theirs, and the numbers never issued
next to one of them, whose other neighbour, if not theirs, is not named.
"""

import frappe
from frappe import _
from frappe.utils import cint, format_datetime, getdate

from tewei_service.errands.register import entries_of_projects, findings_seen, last_issued, register_entries
from tewei_service.permissions import permitted_projects
from tewei_service.rules import errands as rules
from tewei_service.tewei_service.report.columns import link


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "register_no", "label": _("Register No."), "fieldtype": "Data", "width": 120},
		{"fieldname": "finding", "label": _("Finding"), "fieldtype": "Data", "width": 120},
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		link("document", _("Register Record"), "document_type", 150, "Dynamic Link"),
		{"fieldname": "registered_on", "label": _("Registered On"), "fieldtype": "Datetime", "width": 150},
		# Data, not Link: the desk would ask every reader for read access to Customer and User.
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Data", "width": 140},
		link("household", _("Household"), "Household", 110),
		{"fieldname": "item_name", "label": _("Item Bought"), "fieldtype": "Data", "width": 140},
		{"fieldname": "total_amount", "label": _("Total"), "fieldtype": "Currency", "width": 100},
		{"fieldname": "by", "label": _("Deleted or Voided By"), "fieldtype": "Data", "width": 150},
		{"fieldname": "on", "label": _("Deleted or Voided On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "details", "label": _("To Investigate"), "fieldtype": "Data", "width": 300},
	]


def get_data(filters) -> list[dict]:
	entries, details = register_entries()
	visible = entries_of_projects(details, permitted_projects())
	findings = rules.register_findings(
		entries,
		last_issued(),
		first=cint(filters.from_number) or None,
		last=cint(filters.to_number) or None,
		from_date=getdate(filters.from_date) if filters.from_date else None,
		to_date=getdate(filters.to_date) if filters.to_date else None,
	)
	findings = findings_seen(findings, visible)
	labels = {rules.DELETED: _("Deleted"), rules.NEVER_ISSUED: _("Never Issued"), rules.VOIDED: _("Voided")}
	rows = []
	for finding in findings:
		row = frappe._dict(
			register_no=finding.entry.name if finding.entry else rules.register_name(finding.number),
			number=finding.number,
			kind=finding.kind,
			finding=labels[finding.kind],
		)
		if finding.kind == rules.NEVER_ISSUED:
			row.details = never_issued_details(finding, visible)
		else:
			entry = details[finding.entry.name]
			row.update(
				registered_on=entry.registered_on,
				customer=entry.customer,
				household=entry.household,
				item_name=entry.item_name,
				total_amount=entry.total_amount,
			)
			if finding.kind == rules.DELETED:
				row.update(
					document_type="Deleted Document",
					document=entry.deleted_document,
					by=entry.deleted_by,
					on=entry.deleted_on,
					details=_("Deleted while {0}.").format(docstatus_label(entry.docstatus)),
				)
			else:
				row.update(
					document_type="Errand Purchase",
					document=entry.name,
					by=entry.voided_by,
					on=entry.voided_on,
					details=voided_details(entry),
				)
		rows.append(row)
	return rows


def never_issued_details(finding, visible: set[str] | None = None) -> str:
	def describe(entry):
		if not entry:
			return _("no entry")
		if visible is not None and entry.name not in visible:
			return _("an entry of another property project")
		if entry.registered_on:
			return f"{entry.name} ({format_datetime(entry.registered_on)})"
		return entry.name

	return _("No record of this number. Between {0} and {1}.").format(
		describe(finding.previous), describe(finding.following)
	)


def voided_details(entry) -> str:
	text = entry.void_reason or ""
	amendment = frappe.db.get_value("Errand Purchase", {"amended_from": entry.name}, "name")
	if amendment:
		text = _("{0} Amended as {1}.").format(text, amendment).strip()
	return text


def docstatus_label(docstatus) -> str:
	return {0: _("Draft"), 1: _("Submitted"), 2: _("Cancelled")}.get(cint(docstatus), _("Draft"))


def get_summary(data: list[dict]) -> list[dict]:
	counts = {
		kind: sum(1 for row in data if row.kind == kind)
		for kind in (rules.DELETED, rules.NEVER_ISSUED, rules.VOIDED)
	}
	return [
		{
			"value": counts[rules.DELETED],
			"label": _("Deleted"),
			"datatype": "Int",
			"indicator": "Red" if counts[rules.DELETED] else "Green",
		},
		{
			"value": counts[rules.NEVER_ISSUED],
			"label": _("Never Issued"),
			"datatype": "Int",
			"indicator": "Orange" if counts[rules.NEVER_ISSUED] else "Green",
		},
		{"value": counts[rules.VOIDED], "label": _("Voided"), "datatype": "Int", "indicator": "Grey"},
	]
