"""Which desk takes a request, and the requests the company cannot serve (SPEC W2, R5; procedure 5
§4.1.3, §4.2.1-4.2.2): a desk refuses the request types it does not take, customer service passes
an emergency home repair on to the Control Centre with the hand-over recorded, and a request that
cannot be served is declined with the reason given to the customer, never dropped.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, now_datetime

from tewei_service.alerts import alert
from tewei_service.exceptions import MisroutedRequestError
from tewei_service.rules import work_order as rules
from tewei_service.validation import throw_violations
from tewei_service.work_orders.daily import department_heads


def validate_intake(order) -> None:
	"""R5, W2: the desk the request belongs to, whether the desk that took it may, the hand-over."""
	order.desk = rules.desk_for(order.request_type)
	throw_violations(
		rules.check_received(order.received_at, order.request_type, order.commitment),
		order,
		_("Not This Desk"),
		MisroutedRequestError,
	)


def record_hand_over(order) -> None:
	"""R5 (§4.1.3): a request taken at another desk is passed on once, by whoever took it (called
	after the save's server-field lock: only this step writes the hand-over)."""
	passed_to = rules.passed_on_to(order.received_at, order.request_type)
	if passed_to and not order.handed_over_to:
		order.handed_over_to, order.handed_over_by = passed_to, frappe.session.user
		order.handed_over_on = now_datetime()
		order.flags.handed_over = True


def tell_the_receiving_desk(order) -> None:
	"""§4.1.3: an emergency passed on reaches at once those who dispatch the work: its department's
	heads, or every department head while it has no department (or its department no head)."""
	if not order.flags.handed_over:
		return
	order.flags.handed_over = False
	heads = department_heads()
	users = heads.get(order.department) if order.department else None
	subject = _("Emergency passed on to the Control Centre: {0}").format(order.name)
	for user in users or sorted({user for listed in heads.values() for user in listed}):
		alert(user, subject, escape_html(order.request_details or ""), order.doctype, order.name)


def on_declined(order) -> None:
	"""R5 (§4.2.2): the reason told to the customer is on record, with when it was declined."""
	throw_violations(
		rules.check_decline(order.decline_reason), order, _("Reason Needed"), MisroutedRequestError
	)
	order.declined_on = now_datetime()
