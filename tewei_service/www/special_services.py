"""The approved services and fees, for customers (SPEC C3): /special_services."""

from frappe import _
from frappe.utils import today

from tewei_service.catalogue.fees import approved_services

no_cache = 1


def get_context(context):
	context.title = _("Special Services and Fees")
	context.services = approved_services(today())
	context.notice_date = today()
	return context
