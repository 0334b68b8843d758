from frappe import _


def get_data():
	return {
		"fieldname": "work_order",
		"transactions": [{"label": _("Visits"), "items": ["Service Message Slip"]}],
	}
