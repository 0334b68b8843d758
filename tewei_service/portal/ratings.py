"""The customer rates a finished service on the Revisit Record's scale (1-5 for timeliness, skill
and attitude), once, on the order itself."""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from tewei_service.portal.access import own_order
from tewei_service.states import WorkOrderState

RATINGS = ("timeliness", "skill", "attitude")


@frappe.whitelist(methods=["POST"])
def rate(order: str, timeliness, skill, attitude, comment: str | None = None) -> None:
	doc = own_order(order)
	if doc.workflow_state not in WorkOrderState.SERVED:
		frappe.throw(_("A service can be rated once it is done."))
	if doc.rated_on:
		frappe.throw(_("You have rated this service already."))
	values = {"timeliness": timeliness, "skill": skill, "attitude": attitude}
	if any(cint(value) not in range(1, 6) for value in values.values()):
		frappe.throw(_("Rate timeliness, skill and attitude from 1 to 5."))
	frappe.db.set_value(
		doc.doctype,
		doc.name,
		{
			**{f"rating_{key}": str(cint(value)) for key, value in values.items()},
			"rating_comment": (comment or "").strip()[:1000] or None,
			"rated_on": now_datetime(),
		},
	)
