"""What each step of the Service Work Order workflow does (SPEC W1, W4-W6, S5): one function per
state entered, and the rescheduling that keeps the state."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from tewei_service.billing.agreements import covering_agreement
from tewei_service.exceptions import RequoteNeededError
from tewei_service.rules import work_order as rules
from tewei_service.rules.settlement import AGREEMENT_SETTLEMENT, check_closing
from tewei_service.states import WorkOrderState as State
from tewei_service.validation import throw_violations
from tewei_service.work_orders.intake import on_declined
from tewei_service.work_orders.notify import assign_to_staff, tell_other_side
from tewei_service.work_orders.sign_off import on_rework, signed_off


def quote_key(order) -> tuple:
	return rules.quote_key(
		[(row.catalogue_item, row.qty, row.rate) for row in order.items], order.price_confirmation
	)


def add_price_version(order) -> None:
	"""W4: every price the customer is asked to accept stays on the order, with who quoted it."""
	order.append(
		"price_versions",
		{
			"version": len(order.price_versions) + 1,
			"total": order.total_amount,
			"summary": "\n".join(f"{row.service_name} × {row.qty:g} @ {row.rate:.2f}" for row in order.items)
			or order.price_confirmation,
			"quoted_by": frappe.session.user,
			"quoted_on": now_datetime(),
		},
	)


def validate_quote_unchanged(order, before) -> None:
	"""W4: once the customer confirmed the price, the scope changes only through Re-quote."""
	if not before or quote_key(before) == quote_key(order):
		return
	if before.workflow_state not in State.OPEN_PRICE:
		frappe.throw(
			_("The price was confirmed; use Re-quote to change the services or prices (W4)."),
			RequoteNeededError,
			title=_("Re-quote Needed"),
		)
	if order.workflow_state == State.QUOTED and before.workflow_state == State.QUOTED:
		add_price_version(order)


def stamp_milestones(order) -> None:
	"""W10: quoting gives the customer the committed plan; starting work means the staff is on
	site; completing means fixed. The first time each step is reached counts."""
	if order.workflow_state == State.QUOTED and not order.answered_on:
		order.answered_on = now_datetime()
	if order.workflow_state == State.IN_PROGRESS and not order.arrived_on:
		order.arrived_on = now_datetime()
	if order.workflow_state == State.COMPLETED and not order.resolved_on:
		order.resolved_on = now_datetime()


def on_quoted(order) -> None:
	throw_violations(rules.check_quote(bool(order.items), bool(order.price_confirmation)), order)
	order.customer_confirmed = 0
	order.confirmed_by_customer = None
	if not order.price_versions:
		add_price_version(order)


def on_confirmed(order) -> None:
	if not order.confirmed_by_customer:
		frappe.throw(_("Write who accepted the price in Confirmed By (Customer)."))
	order.customer_confirmed = 1
	if order.price_versions[-1].confirmed_by:
		# Confirmed again after a re-quote at the same price: keep both confirmations.
		add_price_version(order)
	latest = order.price_versions[-1]
	latest.confirmed_by, latest.confirmed_on = order.confirmed_by_customer, now_datetime()


def on_dispatched(order) -> None:
	throw_violations(rules.check_dispatch(bool(order.customer_confirmed)), order)
	if not (order.assigned_staff and order.appointment_start and order.appointment_end):
		frappe.throw(_("Assign a staff member and the appointment before dispatching."))
	assign_to_staff(order)


def on_completed(order) -> None:
	# R3: after a rework, the customer has signed off again; R4: a warranty repair is not settled.
	throw_violations(
		rules.check_completion(
			signed_off(order), order.settlement_mode, free_of_charge=bool(order.warranty_of)
		),
		order,
	)
	check_agreement_settlement(order)
	order.completed_on = now_datetime()


def check_agreement_settlement(order) -> None:
	"""S4: "Agreement" settlement only for services an agreement of the household covers that day."""
	if order.settlement_mode != AGREEMENT_SETTLEMENT:
		return
	services = {row.catalogue_item for row in order.items}
	on_date = getdate(order.appointment_start or order.order_date)
	if not covering_agreement(order.household, services, on_date):
		frappe.throw(
			_(
				"No signed agreement of household {0} covers {1} on {2}: settle the order at month-end "
				"or immediately (S4)."
			).format(
				order.household,
				", ".join(sorted(row.service_name or row.catalogue_item for row in order.items))
				or _("a temporary service"),
				frappe.format_value(on_date, {"fieldtype": "Date"}),
			),
			title=_("No Agreement"),
		)


def on_checked(order) -> None:
	throw_violations(check_closing(order.settlement_mode, order.payment_status), order)
	order.checked_by, order.checked_on = frappe.session.user, now_datetime()


def on_cancelled(order) -> None:
	if not (order.cancellation_reason and order.cancelled_by_side):
		frappe.throw(_("Record who cancelled and why before cancelling (W5)."))
	tell_other_side(order, order.cancelled_by_side, _("cancelled"), order.cancellation_reason)


ON_ENTERING = {
	State.QUOTED: on_quoted,
	State.CONFIRMED: on_confirmed,
	State.DISPATCHED: on_dispatched,
	State.COMPLETED: on_completed,
	State.CHECKED: on_checked,
	State.CANCELLED: on_cancelled,
	State.REWORK: on_rework,
	State.DECLINED: on_declined,
}


def enter_state(order) -> None:
	"""Run what the state the order has just entered requires (during its save)."""
	if handler := ON_ENTERING.get(order.workflow_state):
		handler(order)


def reschedule(order, new_start, new_end, requested_by: str, reason: str) -> None:
	"""W5: a new appointment, asked for by the customer or the company, and the other side told."""
	order.reload()
	if order.workflow_state not in State.NOT_STARTED:
		frappe.throw(_("Only an order that has not started can be rescheduled."))
	if requested_by not in ("Customer", "Company") or not (reason or "").strip():
		frappe.throw(_("Record who asked for the new time and why."))
	order.append(
		"schedule_changes",
		{
			"changed_on": now_datetime(),
			"requested_by": requested_by,
			"old_start": order.appointment_start,
			"new_start": new_start,
			"reason": reason,
			"changed_by": frappe.session.user,
		},
	)
	order.appointment_start, order.appointment_end = new_start, new_end
	order.flags.server_writes = ("schedule_changes",)
	order.save()
	when = frappe.format_value(order.appointment_start, {"fieldtype": "Datetime"})
	tell_other_side(order, requested_by, _("moved to {0}").format(when), reason)
