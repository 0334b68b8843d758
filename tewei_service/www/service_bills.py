"""The customer's bills (SPEC S1, S2, S4): billing notices with their paid status, what is
outstanding and the PDF; agreements and the cycles billed; receipts of immediate payments:
/service_bills."""

from frappe import _

from tewei_service.portal import bills
from tewei_service.portal.access import portal_households

no_cache = 1


def get_context(context):
	portal_households()
	context.title = _("Bills")
	context.invoices = bills.notices()
	context.outstanding = sum(
		row.outstanding_amount for row in context.invoices if row.outstanding_amount > 0
	)
	context.agreements = bills.agreements()
	context.receipts = bills.receipts()
	return context
