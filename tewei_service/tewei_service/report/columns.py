"""Column definitions the app's script reports share."""


def link(fieldname: str, label: str, options: str, width: int, fieldtype: str = "Link") -> dict:
	"""A Link column to `options`; with fieldtype "Dynamic Link", `options` is the column naming the
	doctype."""
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
	}
