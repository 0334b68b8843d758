from frappe import _


def get_data():
	return {
		"fieldname": "service_agreement",
		"non_standard_fieldnames": {"Sales Invoice": "tewei_service_agreement"},
		"transactions": [
			{"label": _("Billing"), "items": ["Sales Invoice"]},
			{"label": _("Revisits"), "items": ["Revisit Record"]},
		],
	}
