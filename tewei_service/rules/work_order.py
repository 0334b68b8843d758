"""The work order's own rules (SPEC W1-W4, W6, R3-R5): desks, bookings, quotes, dispatch,
completion, the customer's sign-off, warranty repairs and the requests a desk does not take."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tewei_service.rules import Violation, _
from tewei_service.states import WorkOrderState

# W2: housekeeping and home alarm at customer service, repairs at the control centre; anything
# else is outside the catalogue's desks and goes to the branch manager, never dropped.
DESKS = {
	"Housekeeping": "Customer Service Centre",
	"Home Alarm": "Customer Service Centre",
	"Home Repair": "Control Centre",
}
ESCALATION_DESK = "Branch Manager"


def desk_for(request_type: str) -> str:
	return DESKS.get(request_type, ESCALATION_DESK)


CONTROL_CENTRE, CUSTOMER_SERVICE_CENTRE = "Control Centre", "Customer Service Centre"
# R5 (5 §4.1.3): the commitments that make a home repair an emergency customer service passes on.
EMERGENCY_COMMITMENTS = ("Urgent", "Emergency")


def check_received(received_at: str | None, request_type: str, commitment: str | None) -> list[Violation]:
	"""R5 (5 §4.1.3, §4.2.1): the Control Centre takes no housekeeping or home alarm request; the
	Customer Service Centre takes no home repair, except an emergency that it passes on at once."""
	if received_at == CONTROL_CENTRE and DESKS.get(request_type) == CUSTOMER_SERVICE_CENTRE:
		return [
			Violation(
				_(
					"The Control Centre does not take {type} requests: pass the customer to the Customer "
					"Service Centre (R5)."
				),
				{"type": request_type},
				"received_at",
			)
		]
	if (
		received_at == CUSTOMER_SERVICE_CENTRE
		and DESKS.get(request_type) == CONTROL_CENTRE
		and commitment not in EMERGENCY_COMMITMENTS
	):
		return [
			Violation(
				_(
					"The Customer Service Centre does not take home repairs: guide the customer to the "
					"Control Centre, or set the commitment to Urgent or Emergency to pass an emergency on "
					"(R5)."
				),
				{},
				"received_at",
			)
		]
	return []


def passed_on_to(received_at: str | None, request_type: str) -> str | None:
	"""R5: the desk a request taken at another desk is handed over to (None: no hand-over)."""
	desk = desk_for(request_type)
	return desk if received_at and desk in DESKS.values() and desk != received_at else None


def check_decline(reason: str | None) -> list[Violation]:
	"""R5 (5 §4.2.2): a request the company cannot serve is declined with the reason told."""
	if (reason or "").strip():
		return []
	return [
		Violation(
			_("Write the reason given to the customer before declining the request (R5)."),
			{},
			"decline_reason",
		)
	]


def check_quote(has_catalogue_items: bool, has_price_confirmation: bool) -> list[Violation]:
	"""W1/C5: a quote comes from approved fees or from an approved price confirmation."""
	if has_catalogue_items or has_price_confirmation:
		return []
	return [
		Violation(
			_("Add catalogue services or an approved Price Confirmation before quoting a price."), {}, "items"
		)
	]


@dataclass(frozen=True)
class Booking:
	order: str
	start: datetime
	end: datetime


def booking_conflicts(new: Booking, others: Iterable[Booking], slack_minutes: int) -> list[Violation]:
	"""W3: the same staff member's bookings keep `slack_minutes` between them."""
	problems = []
	if new.end <= new.start:
		return [Violation(_("The appointment must end after it starts."), {}, "appointment_end")]
	slack = timedelta(minutes=slack_minutes)
	for other in others:
		if other.order == new.order:
			continue
		if new.start < other.end + slack and other.start < new.end + slack:
			problems.append(
				Violation(
					_(
						"The staff member is booked on {order} from {start} to {end}; leave at least {slack} minutes between bookings."
					),
					{
						"order": other.order,
						"start": other.start.strftime("%Y-%m-%d %H:%M"),
						"end": other.end.strftime("%H:%M"),
						"slack": slack_minutes,
					},
					"appointment_start",
				)
			)
	return problems


def quote_key(lines: Iterable[tuple[str, float, float]], price_confirmation: str | None) -> tuple:
	"""What the customer agrees to: the priced lines (item, quantity, price) and any confirmation."""
	return (
		tuple(sorted((item or "", float(qty), float(price)) for item, qty, price in lines)),
		price_confirmation or "",
	)


def check_dispatch(customer_confirmed: bool) -> list[Violation]:
	if customer_confirmed:
		return []
	return [Violation(_("The customer has not confirmed the price, so the order cannot be dispatched."), {})]


def check_completion(
	has_signature: bool, settlement_mode: str | None, free_of_charge: bool = False
) -> list[Violation]:
	"""W6, R3, R4: the customer signed satisfied (after a rework, again); a warranty repair is
	never settled, any other order is settled one way."""
	problems = []
	if not has_signature:
		problems.append(
			Violation(_("The customer must sign before the order is completed."), {}, "customer_signature")
		)
	if not settlement_mode and not free_of_charge:
		problems.append(
			Violation(
				_("Choose the settlement mode (month-end, immediate or agreement)."), {}, "settlement_mode"
			)
		)
	return problems


def previous_working_day(day: date, holidays: set[date]) -> date:
	"""W7: the day whose orders are checked this morning (holidays from the company's list)."""
	day -= timedelta(days=1)
	while day in holidays:
		day -= timedelta(days=1)
	return day


def check_sign_off(
	state: str | None, signed: bool, satisfied: bool, comment: str | None, billed: bool
) -> list[Violation]:
	"""R3 (5 §5.2.9, §5.3.7): the customer signs off the work while it is under way, redone or just
	done; a satisfied signature is given once per round of work, a dissatisfied one says why, and
	work already billed is not redone on the same order (a repeat fault is a warranty order)."""
	if state not in WorkOrderState.SIGNABLE:
		return [
			Violation(
				_("The customer signs off the work once it is in progress, being redone or completed (R3)."),
				{},
			)
		]
	if satisfied and signed:
		return [
			Violation(
				_("The customer has already signed off this work; a new signature follows a rework (R3)."),
				{},
				"customer_signature",
			)
		]
	problems = []
	if not satisfied and not (comment or "").strip():
		problems.append(Violation(_("Write what the customer is not satisfied with (R3)."), {}, "comment"))
	if not satisfied and billed:
		problems.append(
			Violation(
				_(
					"The order is already billed, so it is not reopened: register a warranty repair "
					"linked to it (R3, R4)."
				),
				{},
			)
		)
	return problems


@dataclass(frozen=True)
class WarrantyOriginal:
	"""The order a warranty repair is claimed on, as it stands."""

	name: str
	household: str
	state: str
	completed_on: date | None
	is_warranty_repair: bool
	items: frozenset  # its catalogue items


def check_warranty(
	original: WarrantyOriginal,
	household: str,
	reported_on: date,
	lines: Iterable[tuple[str, float]],
	warranty_days: dict[str, int],
	priced_by_confirmation: bool,
	settlement_mode: str | None,
) -> list[Violation]:
	"""R4 (procedure 1, 保修期): a repeat fault of the same household, on a service the original
	order gave, within that service's warranty period after the original was completed; each line
	(catalogue item, rate) free of charge."""
	params = {"original": original.name}
	if original.household != household:
		return [Violation(_("{original} was for another household (R4)."), params, "warranty_of")]
	if original.is_warranty_repair:
		return [
			Violation(
				_("{original} is itself a warranty repair: link the order that was charged (R4)."),
				params,
				"warranty_of",
			)
		]
	if original.state not in WorkOrderState.SERVED or not original.completed_on:
		return [Violation(_("{original} has not been completed (R4)."), params, "warranty_of")]
	lines = list(lines)
	problems = []
	if not lines:
		problems.append(
			Violation(_("Add the service of {original} that failed again (R4)."), params, "items")
		)
	for item, rate in lines:
		if item not in original.items:
			problems.append(
				Violation(
					_("{original} did not give the service {item} (R4)."), {**params, "item": item}, "items"
				)
			)
			continue
		days = warranty_days.get(item) or 0
		if (reported_on - original.completed_on).days > days:
			problems.append(
				Violation(
					_("{item} has a warranty of {days} days after {original} was completed on {done} (R4)."),
					{**params, "item": item, "days": days, "done": original.completed_on.isoformat()},
					"warranty_of",
				)
			)
		if rate:
			problems.append(
				Violation(
					_("A warranty repair is free of charge: {item} cannot be charged (R4)."),
					{"item": item},
					"items",
				)
			)
	if priced_by_confirmation:
		problems.append(
			Violation(
				_("A warranty repair is free of charge: remove the Price Confirmation (R4)."),
				{},
				"price_confirmation",
			)
		)
	if settlement_mode:
		problems.append(
			Violation(
				_(
					"A warranty repair is free of charge and never billed: leave the settlement mode empty (R4)."
				),
				{},
				"settlement_mode",
			)
		)
	return problems
