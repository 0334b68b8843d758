"""A household's list of customers (SPEC P1): each customer once, exactly one primary."""

from tewei_service.rules import Violation, _


def check_household_customers(customers: list[str], primaries: list[bool]) -> list[Violation]:
	"""Problems with a household's customer rows, given in row order."""
	if not customers:
		return [Violation(_("A household needs at least one customer (owner or tenant)."), {}, "customers")]

	problems = []
	seen = set()
	for customer in customers:
		if customer in seen:
			problems.append(
				Violation(_("Customer {customer} is listed twice."), {"customer": customer}, "customers")
			)
		seen.add(customer)

	if sum(1 for primary in primaries if primary) > 1:
		problems.append(Violation(_("Only one customer can be the primary contact."), {}, "customers"))
	return problems


def primary_index(primaries: list[bool]) -> int:
	"""The row that is primary: the one marked, else the first."""
	return next((index for index, primary in enumerate(primaries) if primary), 0)
