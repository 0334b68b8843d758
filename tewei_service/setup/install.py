"""Install, migrate and uninstall hooks: everything the app puts into a site, and takes out again."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from tewei_service.setup.billing_items import create_billing_items, delete_billing_items
from tewei_service.setup.catalogue_defaults import create_catalogue_defaults, delete_catalogue_defaults
from tewei_service.setup.custom_fields import CUSTOM_FIELDS, delete_custom_fields
from tewei_service.setup.link_permissions import grant_link_permissions
from tewei_service.setup.roles import create_roles, delete_roles
from tewei_service.setup.workflows import create_workflows, delete_workflows


def before_install() -> None:
	# A process that started before the app joined apps.txt holds a module map without "Tewei
	# Service", so the DocTypes would be looked for in frappe's own modules. install-app has just
	# cleared the cached map: build it again, now with this app.
	frappe.setup_module_map()
	# DocType permissions and the workspace name these roles, and they sync before after_install.
	create_roles()


def after_install() -> None:
	# Frappe's init_singles saved the settings with new-document values, which stamp every Time
	# field with the current time: a fresh install starts from the declared defaults instead.
	apply_settings_defaults(overwrite=True)
	setup_site()


def after_migrate() -> None:
	# Idempotent, so a release that adds a role, field or setting reaches existing sites.
	apply_settings_defaults(overwrite=False)
	setup_site()


def setup_site() -> None:
	create_roles()
	grant_link_permissions()
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True)
	create_workflows()
	create_catalogue_defaults()
	create_billing_items()  # after the Item Group they go in


def apply_settings_defaults(overwrite: bool) -> None:
	"""Write the declared defaults of Service Settings: all of them, or only where nothing is stored."""
	settings = frappe.get_single("Service Settings")
	stored = frappe.db.get_singles_dict("Service Settings")
	for field in settings.meta.fields:
		if field.default is not None and (overwrite or stored.get(field.fieldname) in (None, "")):
			settings.set(field.fieldname, field.default)
	settings.save(ignore_permissions=True)


def before_uninstall() -> None:
	delete_workflows()
	delete_billing_items()  # before the Item Group they are in
	delete_catalogue_defaults()
	delete_custom_fields()
	delete_roles()
