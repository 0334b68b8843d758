"""The customer's complaints (SPEC R1): a new one about the household or an order, and each one's
status and reply: /service_complaints, /service_complaints?order=…"""

import frappe
from frappe import _

from tewei_service.portal.access import household_choices, own_order
from tewei_service.portal.complaints import categories, my_complaints

no_cache = 1


def get_context(context):
	context.title = _("Complaints")
	context.households = household_choices()
	context.order = own_order(frappe.form_dict.order) if frappe.form_dict.order else None
	context.categories = categories()
	context.complaints = my_complaints()
	return context
