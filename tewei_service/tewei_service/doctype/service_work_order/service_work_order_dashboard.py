from frappe import _


def get_data():
	return {
		"fieldname": "work_order",
		# A revisit names its orders in a child table (Revisit Record Order.work_order): the desk's
		# count and list filter find a child-table field by its name.
		"transactions": [
			{"label": _("Visits"), "items": ["Service Message Slip"]},
			{"label": _("Revisits"), "items": ["Revisit Record"]},
		],
	}
