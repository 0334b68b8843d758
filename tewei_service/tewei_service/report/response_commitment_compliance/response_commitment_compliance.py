# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""How often the response commitments were kept (SPEC W10), by commitment
(`tewei_service.work_orders.commitment_compliance`)."""

import frappe
from frappe import _
from frappe.utils import getdate

from tewei_service.permissions import permitted_projects
from tewei_service.work_orders.commitment_compliance import STATUSES, commitment_compliance


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), commitment_compliance(
		getdate(filters.from_date), getdate(filters.to_date), filters.department, permitted_projects()
	)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "commitment", "label": _("Commitment"), "fieldtype": "Data", "width": 160},
		{"fieldname": "orders", "label": _("Orders"), "fieldtype": "Int", "width": 90},
		*({"fieldname": s.lower(), "label": _(s), "fieldtype": "Int", "width": 90} for s in STATUSES),
		{"fieldname": "compliance", "label": _("Kept (%)"), "fieldtype": "Percent", "width": 100},
	]
