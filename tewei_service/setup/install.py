"""Install, migrate and uninstall hooks: everything the app puts into a site, and takes out again."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from tewei_service.setup.custom_fields import CUSTOM_FIELDS, delete_custom_fields
from tewei_service.setup.roles import create_roles, delete_roles


def before_install() -> None:
	# DocType permissions and the workspace name these roles, and they sync before after_install.
	create_roles()


def after_install() -> None:
	setup_site()


def after_migrate() -> None:
	# Idempotent, so a release that adds a role or field reaches existing sites.
	setup_site()


def setup_site() -> None:
	create_roles()
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True)
	save_default_settings()


def save_default_settings() -> None:
	"""Store the settings' defaults once so that reports and jobs read real values."""
	if frappe.db.get_singles_dict("Service Settings"):
		return
	# An unsaved single loads with its JSON defaults.
	frappe.get_single("Service Settings").save(ignore_permissions=True)


def before_uninstall() -> None:
	delete_custom_fields()
	delete_roles()
