"""Request a service from the phone (SPEC W1): type, services from the project's price list,
preferred time, description and photos: /service_request."""

import frappe
from frappe import _

from tewei_service.portal.access import household_choices, portal_households
from tewei_service.portal.requests import REQUEST_TYPES, price_list

no_cache = 1


def get_context(context):
	context.title = _("Request a Service")
	households = portal_households()
	context.households = household_choices()
	chosen = frappe.form_dict.household
	context.household = chosen if chosen in households else (households[0] if households else None)
	context.services = price_list(context.household) if context.household else []
	context.request_types = REQUEST_TYPES
	context.contact_phone = frappe.db.get_value("User", frappe.session.user, "mobile_no") or ""
	return context
