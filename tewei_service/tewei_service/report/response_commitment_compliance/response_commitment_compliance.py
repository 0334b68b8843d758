# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""How often the response commitments were kept (SPEC W10), by commitment."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

STATUSES = ("Met", "Breached", "Pending")


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(getdate(filters.from_date), getdate(filters.to_date), filters.department)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "commitment", "label": _("Commitment"), "fieldtype": "Data", "width": 160},
		{"fieldname": "orders", "label": _("Orders"), "fieldtype": "Int", "width": 90},
		*({"fieldname": s.lower(), "label": _(s), "fieldtype": "Int", "width": 90} for s in STATUSES),
		{"fieldname": "compliance", "label": _("Kept (%)"), "fieldtype": "Percent", "width": 100},
	]


def get_data(from_date, to_date, department: str | None = None) -> list[dict]:
	filters = {
		"commitment": ("is", "set"),
		"workflow_state": ("!=", "Cancelled"),
		"reported_on": ("between", (from_date, to_date)),
	}
	if department:
		filters["department"] = department
	# get_list: a reader counts the orders of their own property projects only (P2).
	counts = frappe.get_list(
		"Service Work Order",
		filters=filters,
		fields=["commitment", "response_status", "count(name) as orders"],
		group_by="commitment, response_status",
	)
	rows: dict[str, dict] = {}
	for count in counts:
		row = rows.setdefault(
			count.commitment,
			{"commitment": count.commitment, "orders": 0, **{s.lower(): 0 for s in STATUSES}},
		)
		row["orders"] += count.orders
		if count.response_status in STATUSES:
			row[count.response_status.lower()] += count.orders
	for row in rows.values():
		decided = row["met"] + row["breached"]
		row["compliance"] = flt(100 * row["met"] / decided, 1) if decided else None
	return sorted(rows.values(), key=lambda row: row["commitment"])
