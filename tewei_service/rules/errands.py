"""The errand register's rules (SPEC E1, E2): 《代客購物登記表》.

E1: a purchase for a customer whose unit price reaches the threshold (10 yuan, a setting) is
registered with the room, customer, goods, price and deadline; the receipt is checked and the
customer signs on delivery. E2: register numbers run on without a break, and every number that
was deleted, never issued (skipped) or voided must show up for investigation.

A register number is the numeric part of the document name: ``ERR-00012`` is number 12, and an
amendment of a voided entry (``ERR-00012-1``) keeps its number.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from tewei_service.rules import Violation, _
from tewei_service.rules.money import round_money

PREFIX = "ERR-"
DIGITS = 5
SERIES = PREFIX + "." + "#" * DIGITS  # the naming key, for frappe.model.naming.make_autoname

DELETED, NEVER_ISSUED, VOIDED = "Deleted", "Never Issued", "Voided"
# An entry's status (Errand Purchase.status); Voided is also a gap-report finding.
REGISTERED, DELIVERED, NOT_PURCHASED = "Registered", "Delivered", "Not Purchased"

_NAME = re.compile(rf"^{re.escape(PREFIX)}(\d+)(?:-(\d+))?$")


def register_number(name: str | None) -> int | None:
	"""The register number in a document name (amendments keep it); None for other names."""
	match = _NAME.match(name or "")
	return int(match.group(1)) if match else None


def register_name(number: int) -> str:
	return f"{PREFIX}{number:0{DIGITS}d}"


def registration_required(unit_price: float, threshold: float) -> bool:
	"""E1: from the threshold up ("單價達到拾元"), a purchase must be on the register."""
	return round_money(unit_price or 0) >= round_money(threshold or 0)


def errand_amount(quantity: float, unit_price: float) -> Decimal:
	return round_money(Decimal(str(quantity or 0)) * Decimal(str(unit_price or 0)))


def check_errand(
	quantity: float, unit_price: float, registered_on: datetime, deadline: datetime | None
) -> list:
	"""What a register entry needs: something to buy, a price, and a deadline after registration."""
	problems = []
	if not quantity or quantity <= 0:
		problems.append(Violation(_("{field} must be greater than zero."), {}, "quantity"))
	if not unit_price or unit_price <= 0:
		problems.append(Violation(_("{field} must be greater than zero."), {}, "price"))
	if deadline and registered_on and deadline < registered_on:
		problems.append(
			Violation(_("The purchase deadline cannot be before the registration."), {}, "deadline")
		)
	return problems


def check_signature(receipt_checked: bool, has_signature: bool) -> list[Violation]:
	"""E1 (procedure 5.4.3): the customer checks the receipt with the staff, then signs."""
	if has_signature and not receipt_checked:
		return [
			Violation(
				_("Check the purchase receipt with the customer before the customer signs."),
				{},
				"receipt_checked",
			)
		]
	return []


def check_close(
	not_purchased: bool, reason: str | None, receipt_checked: bool, has_signature: bool
) -> list[Violation]:
	"""Submitting closes the entry: delivered (receipt checked and signed), or not bought, with why."""
	if not_purchased:
		if not (reason or "").strip():
			return [
				Violation(
					_("Write why the goods could not be bought, as told to the customer."),
					{},
					"not_purchased_reason",
				)
			]
		return []
	problems = []
	if not receipt_checked:
		problems.append(
			Violation(_("Check the purchase receipt before recording the delivery."), {}, "receipt_checked")
		)
	if not has_signature:
		problems.append(
			Violation(_("The customer must sign for the goods on delivery."), {}, "customer_signature")
		)
	return problems


def signed_goods_changed(before: tuple, after: tuple, signed_before: bool) -> list[Violation]:
	"""Once the customer signed, the goods and the price they signed for cannot change."""
	if signed_before and before != after:
		return [
			Violation(_("The customer signed for these goods; their details and price cannot change."), {})
		]
	return []


def check_unregistered_errand_goods(lines: Iterable[tuple[float, bool]], threshold: float) -> list[Violation]:
	"""E1 at the finance desk: errand goods (unit price, registered?) at or over the threshold need an entry."""
	problems = []
	for rate, registered in lines:
		if not registered and registration_required(rate, threshold):
			problems.append(
				Violation(
					_(
						"Errand goods at {price} (the threshold is {threshold}) must be registered on an "
						"Errand Purchase and settled from it."
					),
					{"price": f"{round_money(rate):.2f}", "threshold": f"{round_money(threshold):.2f}"},
				)
			)
	return problems


@dataclass(frozen=True)
class RegisterEntry:
	"""A document that holds or held a register number (deleted ones come from the deletion log)."""

	number: int
	name: str
	registered_on: datetime | date | None = None
	voided: bool = False
	deleted: bool = False


@dataclass(frozen=True)
class Finding:
	"""A number to investigate: the entry deleted or voided, or the neighbours of a number never issued."""

	number: int
	kind: str
	entry: RegisterEntry | None = None
	previous: RegisterEntry | None = None
	following: RegisterEntry | None = None


def _day(value) -> date | None:
	if value is None:
		return None
	return value.date() if isinstance(value, datetime) else value


def _within(value, from_date: date | None, to_date: date | None) -> bool:
	day = _day(value)
	if day is None:
		return True
	return (from_date is None or day >= from_date) and (to_date is None or day <= to_date)


def register_findings(
	entries: Iterable[RegisterEntry],
	last_issued: int = 0,
	first: int | None = None,
	last: int | None = None,
	from_date: date | None = None,
	to_date: date | None = None,
) -> list[Finding]:
	"""E2: every deleted entry, every voided entry and every number never issued, by number.

	`last_issued` is the series counter (the last number handed out), so a trailing number that
	was skipped or deleted still shows. Numbers run from `first` (default 1) to `last` (default:
	the highest issued). With dates, an entry counts by its registration date, and a number never
	issued by the registration date of its nearest neighbour on either side.
	"""
	entries = sorted(entries, key=lambda entry: (entry.number, entry.name))
	by_number: dict[int, list[RegisterEntry]] = {}
	for entry in entries:
		by_number.setdefault(entry.number, []).append(entry)
	highest = max([last_issued or 0, *by_number])
	first = max(first or 1, 1)
	last = highest if last is None else min(last, highest)
	numbers = sorted(by_number)

	findings = []
	for number in range(first, last + 1):
		held = by_number.get(number)
		if not held:
			previous = _neighbour(by_number, numbers, number, -1)
			following = _neighbour(by_number, numbers, number, +1)
			dates = [n.registered_on for n in (previous, following) if n and n.registered_on]
			if (
				(from_date is None and to_date is None)
				or not dates
				or any(_within(value, from_date, to_date) for value in dates)
			):
				findings.append(Finding(number, NEVER_ISSUED, None, previous, following))
			continue
		for entry in held:
			if not _within(entry.registered_on, from_date, to_date):
				continue
			if entry.deleted:
				findings.append(Finding(number, DELETED, entry))
			elif entry.voided:
				findings.append(Finding(number, VOIDED, entry))
	return findings


def _neighbour(by_number, numbers: list[int], number: int, step: int) -> RegisterEntry | None:
	candidates = [n for n in numbers if (n < number if step < 0 else n > number)]
	if not candidates:
		return None
	held = by_number[candidates[-1] if step < 0 else candidates[0]]
	return held[0]
