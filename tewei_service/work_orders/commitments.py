"""Response commitments on the work order (SPEC W10): due times, met or breached, and alerts."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from tewei_service.exceptions import ApprovalError
from tewei_service.locks import stored_value
from tewei_service.rules import commitments as rules
from tewei_service.settings import service_settings
from tewei_service.states import WorkOrderState
from tewei_service.validation import require_role
from tewei_service.work_orders.daily import notify_heads

# The milestones, stamped by the server at the workflow steps (lifecycle.stamp_milestones).
MILESTONES = {rules.ON_SITE: "Arrived On Site", rules.FIXED: "Fixed On", rules.ANSWERED: "Answered On"}


def default_commitment(order) -> None:
	"""Requests of the types the settings tie to a commitment always carry one."""
	if order.commitment:
		return
	for rule in service_settings().get("commitment_rules") or []:
		if rule.request_type == order.request_type:
			order.commitment = rule.commitment
			return


def lock_commitment(order, before) -> None:
	"""W10: the milestones are the server's, and a flagged breach stays counted.

	Only `correct_time` (a department head, with a reason, logged) changes a milestone; once a
	breach is on record neither the commitment nor the time of the call can change it back."""
	if order.flags.correcting_time:
		return
	# The desk sends the stored times back as text: compare them as the database holds them.
	changed = [
		label
		for field, label in MILESTONES.items()
		if stored_value(order, field) != stored_value(before, field)
	]
	if changed:
		frappe.throw(
			_(
				"{0} is stamped when the work reaches that step; a department head corrects it with Correct Time."
			).format(", ".join(_(label) for label in changed)),
			ApprovalError,
			title=_("Set by the Workflow"),
		)
	if before and before.response_status == rules.BREACHED:
		if (order.commitment, get_datetime(order.reported_on)) != (
			before.commitment,
			get_datetime(before.reported_on),
		):
			frappe.throw(
				_("The commitment was breached and stays on record: its kind and call time cannot change."),
				ApprovalError,
				title=_("Breach on Record"),
			)


def update_commitment(doc, before=None) -> None:
	"""Set the order's due time and status from its commitment and milestones."""
	if not doc.commitment:
		doc.response_due, doc.response_status = None, ""
		return
	due = rules.due_time(
		doc.commitment, get_datetime(doc.reported_on or now_datetime()), service_settings().as_dict()
	)
	milestone = due and doc.get(due[0])
	doc.response_due = due and due[1]
	doc.response_status = rules.status(
		due and due[1], get_datetime(milestone) if milestone else None, now_datetime()
	)
	if before and before.response_status == rules.BREACHED:
		doc.response_status = rules.BREACHED


def correct_time(order, milestone: str, value, reason: str) -> None:
	"""A department head corrects a stamped time, with the reason, kept in the order's log."""
	require_role("Service Department Head")
	order.reload()
	if milestone not in MILESTONES:
		frappe.throw(_("{0} is not a time of the commitment.").format(milestone))
	if not (reason or "").strip():
		frappe.throw(_("Write why the time is corrected."), title=_("Reason Needed"))
	value = get_datetime(value) if value else None
	if value and value > now_datetime():
		frappe.throw(_("A corrected time cannot be in the future."))
	order.append(
		"time_corrections",
		{
			"corrected_on": now_datetime(),
			"milestone": MILESTONES[milestone],
			"old_value": order.get(milestone),
			"new_value": value,
			"reason": reason.strip(),
			"corrected_by": frappe.session.user,
		},
	)
	order.set(milestone, value)
	order.flags.correcting_time = True
	order.flags.server_writes = ("time_corrections",)
	order.save()


def notify_breaches(orders: list) -> None:
	notify_heads(
		orders,
		_("Response commitments breached"),
		describe=lambda order: _("{0}, due {1}").format(
			_(order.commitment), frappe.format_value(order.response_due, {"fieldtype": "Datetime"})
		),
	)
	for order in orders:
		frappe.db.set_value("Service Work Order", order.name, "breach_notified", 1)


def flag_breaches() -> None:
	"""Every few minutes: pending commitments past their due time become breaches, and are told."""
	overdue = frappe.get_all(
		"Service Work Order",
		filters={
			"response_status": rules.PENDING,
			"response_due": ("<", now_datetime()),
			"workflow_state": ("not in", WorkOrderState.NOT_SERVED),
		},
		pluck="name",
	)
	for name in overdue:
		frappe.db.set_value("Service Work Order", name, "response_status", rules.BREACHED)
	notify_breaches(
		frappe.get_all(
			"Service Work Order",
			filters={"response_status": rules.BREACHED, "breach_notified": 0},
			fields=["name", "customer", "department", "commitment", "response_due"],
		)
	)
