"""The staff member's phone (SPEC W6, W8): today's orders, Start and Complete, and the customer's
signature with a finger and comments on the same screen: /my_work, /my_work?order=…"""

import frappe
from frappe import _

from tewei_service.portal.sign_off import SETTLEMENT_MODES, SIGNING_STATES, staff_order, todays_orders

no_cache = 1


def get_context(context):
	context.title = _("Today's Work")
	if frappe.form_dict.order:
		doc = staff_order(frappe.form_dict.order)
		context.order = doc
		context.household_name = frappe.db.get_value("Household", doc.household, "household_name")
		context.settlement_modes = SETTLEMENT_MODES
		context.signing = doc.workflow_state in SIGNING_STATES
	else:
		context.orders = todays_orders(frappe.form_dict.day)
	return context
