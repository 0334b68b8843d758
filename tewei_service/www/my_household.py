"""A customer's own household on the website (SPEC P1, P2): its orders, agreements and billing
notices, and nothing of anyone else's: /my_household."""

import frappe
from frappe import _

from tewei_service.permissions import customer_households

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to see your household's services."), frappe.PermissionError)
	households = customer_households()
	context.title = _("My Household Services")
	context.households = frappe.get_all(
		"Household", {"name": ("in", households)}, ["name", "household_name"], order_by="name"
	)
	mine = {"household": ("in", households)}
	context.orders = frappe.get_all(
		"Service Work Order",
		mine,
		[
			"name",
			"household",
			"order_date",
			"request_details",
			"workflow_state",
			"total_amount",
			"payment_status",
		],
		order_by="order_date desc",
	)
	context.agreements = frappe.get_all(
		"Service Agreement",
		{**mine, "docstatus": 1},
		["name", "household", "start_date", "end_date", "fee_per_cycle", "billing_cycle", "workflow_state"],
		order_by="start_date desc",
	)
	# A customer with several units gets one notice for all of them: its lines name the household.
	billed_lines = frappe.get_all(
		"Sales Invoice Item",
		{"tewei_household": ("in", households), "parenttype": "Sales Invoice"},
		pluck="parent",
		distinct=True,
	)
	context.invoices = frappe.get_all(
		"Sales Invoice",
		filters={"docstatus": 1},
		or_filters={"tewei_household": ("in", households), "name": ("in", billed_lines or [""])},
		fields=["name", "posting_date", "grand_total", "outstanding_amount", "status"],
		order_by="posting_date desc",
	)
	return context
