from frappe import _


def get_data():
	"""Everything filed under a household (SPEC P1); later features add their documents here."""
	return {
		"fieldname": "household",
		"non_standard_fieldnames": {"Sales Invoice": "tewei_household"},
		"transactions": [{"label": _("Billing"), "items": ["Sales Invoice"]}],
	}
