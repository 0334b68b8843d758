"""Service Settings, read in one place: every number the procedures leave to the company."""

import frappe


def service_settings():
	"""The Service Settings document (cached; Frappe clears the cache whenever it is saved)."""
	return frappe.get_cached_doc("Service Settings")


def setting(fieldname: str, default=None):
	"""One value of the Service Settings, or `default` when it is empty."""
	value = service_settings().get(fieldname)
	return default if value in (None, "") else value
