from frappe import _


def get_data():
	"""Everything filed under a household (SPEC P1)."""
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
		],
	}
