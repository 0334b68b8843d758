"""A customer's own households on the phone (SPEC P1, P2; issue 15): their orders and where each
stands, what is owed, and the ways in — request, prices, bills, complaints: /my_household."""

from frappe import _

from tewei_service.portal import bills
from tewei_service.portal.access import household_choices
from tewei_service.portal.requests import my_orders

no_cache = 1


def get_context(context):
	context.title = _("My Household Services")
	context.households = household_choices()
	context.orders = my_orders()
	context.invoices = bills.notices()
	context.outstanding = sum(
		row.outstanding_amount for row in context.invoices if row.outstanding_amount > 0
	)
	return context
