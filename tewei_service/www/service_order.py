"""One of the customer's orders (SPEC W1, W4-W6): where it stands, the quote to accept or decline
and every earlier version, a new time or cancellation, the rating and a complaint:
/service_order?name=…"""

import frappe
from frappe import _

from tewei_service.portal.access import own_order
from tewei_service.portal.quotes import awaiting_answer, price_versions
from tewei_service.portal.requests import STEPS, order_summary
from tewei_service.states import WorkOrderState

no_cache = 1


def get_context(context):
	doc = own_order(frappe.form_dict.name)
	context.title = _("Service Order {0}").format(doc.name)
	context.order = order_summary(doc)
	context.steps = STEPS
	context.step_index = STEPS.index(doc.workflow_state) if doc.workflow_state in STEPS else len(STEPS)
	context.versions = price_versions(doc)
	context.awaiting_answer = awaiting_answer(doc)
	context.latest_version = doc.price_versions[-1].version if doc.price_versions else 0
	context.can_change = doc.workflow_state in WorkOrderState.NOT_STARTED
	context.can_rate = doc.workflow_state in WorkOrderState.SERVED and not doc.rated_on
	context.rating = doc.rated_on and {
		"timeliness": doc.rating_timeliness,
		"skill": doc.rating_skill,
		"attitude": doc.rating_attitude,
		"comment": doc.rating_comment,
	}
	context.schedule_changes = [
		{
			"changed_on": row.changed_on,
			"requested_by": row.requested_by,
			"new_start": row.new_start,
			"reason": row.reason,
		}
		for row in doc.schedule_changes
	]
	context.signed = bool(doc.customer_signature)
	context.photos = frappe.db.count(
		"File", {"attached_to_doctype": doc.doctype, "attached_to_name": doc.name}
	)
	context.cancellation_reason = (
		doc.cancellation_reason if doc.workflow_state == WorkOrderState.CANCELLED else None
	)
	context.rating_scale = range(1, 6)
	return context
