import frappe
from frappe import _

from tewei_service.household_file import LATER_RECORDS


def get_data():
	"""Everything filed under a household (SPEC P1); the complaints and surveys once installed."""
	later = [doctype for doctype in LATER_RECORDS if frappe.db.exists("DocType", doctype)]
	return {
		"fieldname": "household",
		"non_standard_fieldnames": {"Sales Invoice": "tewei_household"},
		"transactions": [
			{
				"label": _("Services"),
				"items": [
					"Service Work Order",
					"Service Agreement",
					"Price Confirmation",
					"Service Message Slip",
					"Errand Purchase",
				],
			},
			{"label": _("Billing"), "items": ["Sales Invoice"]},
			{"label": _("Revisits"), "items": ["Revisit Record"]},
			*([{"label": _("Complaints and Surveys"), "items": later}] if later else []),
		],
	}
