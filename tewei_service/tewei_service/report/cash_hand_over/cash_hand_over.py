# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Daily cash hand-over (SPEC S3): what each collector took in the field, and whether it reached
finance the same day (`tewei_service.billing.hand_over`)."""

import frappe
from frappe import _

from tewei_service.billing.hand_over import hand_over
from tewei_service.permissions import permitted_projects
from tewei_service.tewei_service.report.columns import link


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, None, list[dict]]:
	filters = frappe._dict(filters or {})
	rows = hand_over(filters.date, filters.collected_by, permitted_projects())
	return get_columns(), rows, None, None, summary(rows)


def summary(rows: list[dict]) -> list[dict]:
	same_day = sum(row.amount for row in rows if row.hand_over == _("Same day"))
	outstanding = sum(row.amount for row in rows if row.hand_over != _("Same day"))
	return [
		{
			"label": _("Handed over the same day"),
			"value": same_day,
			"datatype": "Currency",
			"indicator": "Green",
		},
		{
			"label": _("Late or not received"),
			"value": outstanding,
			"datatype": "Currency",
			"indicator": "Red" if outstanding else "Green",
		},
	]


def get_columns() -> list[dict]:
	return [
		link("collected_by", _("Collected By"), "User", 200),
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		link("document", _("Document"), "document_type", 170, "Dynamic Link"),
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Data", "width": 160},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "received_on", "label": _("Received by Finance"), "fieldtype": "Date", "width": 130},
		{"fieldname": "hand_over", "label": _("Hand-over"), "fieldtype": "Data", "width": 120},
	]
