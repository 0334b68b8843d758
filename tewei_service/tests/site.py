"""Site preparation and shared builders for the integration tests (run inside a real site): the
company, users and acting as them, customers, property projects and households."""

from contextlib import contextmanager

import frappe
from frappe.utils import now_datetime

from tewei_service.customers import individual_customer as make_customer  # noqa: F401 (the tests' name)

TEST_COMPANY = "Tewei Test Property"


def before_tests() -> None:
	"""Complete ERPNext's setup with a company in yuan, then apply ERPNext's own test defaults."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	from erpnext.setup.utils import before_tests as erpnext_before_tests

	frappe.clear_cache()
	if not frappe.db.a_row_exists("Company"):
		year = now_datetime().year
		setup_complete(
			{
				"currency": "CNY",
				"full_name": "Test Administrator",
				"company_name": TEST_COMPANY,
				"timezone": "Asia/Shanghai",
				"company_abbr": "TTP",
				"industry": "Services",
				"country": "China",
				"fy_start_date": f"{year}-01-01",
				"fy_end_date": f"{year}-12-31",
				"language": "english",
				"company_tagline": "Testing",
				"email": "test-admin@tewei.example",
				"password": "test",
				"chart_of_accounts": "Standard",
			}
		)
	erpnext_before_tests()


def make_user(email: str, *roles: str) -> str:
	"""A desk user holding exactly `roles` (created once, roles reset on each call)."""
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		)
		user.insert(ignore_permissions=True)
	user.set("roles", [])
	user.add_roles(*roles)
	return email


@contextmanager
def as_user(user: str):
	"""Act as `user` inside the block, and as Administrator again after it (as every test starts)."""
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def call_as(user: str, function, *args, **kwargs):
	"""`function(*args, **kwargs)` called as `user`."""
	with as_user(user):
		return function(*args, **kwargs)


def make_property_project(name: str = "Test Garden") -> str:
	if not frappe.db.exists("Property Project", name):
		frappe.get_doc(
			{
				"doctype": "Property Project",
				"project_name": name,
				"company": TEST_COMPANY,
			}
		).insert(ignore_permissions=True)
	return name


def make_household(project: str, unit: str, customer: str, building: str | None = None) -> str:
	"""The household of `project` at `unit` (and `building`), made with `customer` as its owner if
	there is none yet (tests that commit, or run the REST API, find the one made before)."""
	filters = {"property_project": project, "unit": unit}
	if building:
		filters["building"] = building
	return frappe.db.get_value("Household", filters) or (
		frappe.get_doc(
			{
				"doctype": "Household",
				**filters,
				"customers": [{"customer": customer, "relation": "Owner"}],
			}
		)
		.insert()
		.name
	)


def leftovers() -> str:
	"""What the app left in the site after uninstall-app: "none" when it left nothing."""
	from tewei_service.setup.custom_fields import CUSTOM_FIELDS
	from tewei_service.setup.roles import ROLES
	from tewei_service.states import WORKFLOWS

	found = [f"Role {role}" for role in ROLES if frappe.db.exists("Role", role)]
	found += [f"Workflow {name}" for name in WORKFLOWS if frappe.db.exists("Workflow", name)]
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			if frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]}):
				found.append(f"Custom Field {doctype}.{field['fieldname']}")
			if frappe.db.has_column(doctype, field["fieldname"]):
				found.append(f"Column {doctype}.{field['fieldname']}")
	for doctype in ("DocType", "Workspace", "Module Def"):
		filters = {"app_name": "tewei_service"} if doctype == "Module Def" else {"module": "Tewei Service"}
		found += [f"{doctype} {name}" for name in frappe.get_all(doctype, filters, pluck="name")]
	if frappe.db.sql("select 1 from `tabSingles` where doctype = 'Service Settings' limit 1"):
		found.append("Singles Service Settings")
	found += [
		f"Table {doctype}"
		for doctype in ("Household", "Property Project", "Service Catalogue Item", "Price Confirmation")
		if frappe.db.table_exists(doctype)
	]
	return ", ".join(found) or "none"
