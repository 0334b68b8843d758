"""How often the response commitments were kept (SPEC W10), by commitment."""

import frappe
from frappe.utils import flt

from tewei_service.states import WorkOrderState

STATUSES = ("Met", "Breached", "Pending")


def commitment_compliance(
	from_date, to_date, department: str | None = None, projects: list[str] | None = None
) -> list[dict]:
	"""Per commitment, the orders reported in the period (of `projects` only, unless None), how many
	met, breached or pending, and the share kept of those decided."""
	filters = {
		"commitment": ("is", "set"),
		"workflow_state": ("!=", WorkOrderState.CANCELLED),
		"reported_on": ("between", (from_date, to_date)),
	}
	if department:
		filters["department"] = department
	if projects is not None:
		filters["property_project"] = ("in", projects or [""])
	counts = frappe.get_all(
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
