"""The work order's own rules (SPEC W1-W4, W6): desks, bookings, quotes, dispatch and completion."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tewei_service.rules import Violation, _

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


def check_completion(has_signature: bool, settlement_mode: str | None) -> list[Violation]:
	problems = []
	if not has_signature:
		problems.append(
			Violation(_("The customer must sign before the order is completed."), {}, "customer_signature")
		)
	if not settlement_mode:
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
