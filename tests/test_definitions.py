"""The JSON definitions and hooks agree with each other and with the code."""

import ast
import json

from conftest import APP, MODULE


def _constant(path, name):
	"""A module-level constant, read without importing the (frappe-aware) module."""
	for node in ast.parse(path.read_text()).body:
		if isinstance(node, ast.Assign) and any(target.id == name for target in node.targets):
			return ast.literal_eval(node.value)
	raise LookupError(name)


ROLES = _constant(APP / "setup/roles.py", "ROLES")

# Frappe/ERPNext doctypes the app links to; anything else must be one of the app's own.
STANDARD_DOCTYPES = {
	"Payment Entry",
	"Mode of Payment",
	"Company",
	"Price List",
	"Account",
	"Cost Center",
	"Customer",
	"User",
	"Employee",
	"UOM",
	"Department",
	"Item",
	"Item Price",
	"Item Group",
	"Workflow State",
	"Currency",
	"Sales Invoice",
}
STANDARD_ROLES = {"System Manager", "Accounts User", "Accounts Manager", "Stock User"}


def test_every_doctype_is_well_formed(doctypes):
	assert {
		"Service Settings",
		"Household",
		"Household Customer",
		"Household Contact",
		"Property Project",
	} <= set(doctypes)
	for name, definition in doctypes.items():
		assert definition["module"] == "Tewei Service", name
		fieldnames = [field["fieldname"] for field in definition["fields"]]
		assert definition["field_order"] == fieldnames, name
		assert len(set(fieldnames)) == len(fieldnames), name
		folder = name.lower().replace(" ", "_").replace("-", "_")  # as frappe.scrub
		assert (MODULE / "doctype" / folder / f"{folder}.py").exists(), name


def test_links_point_to_known_doctypes(doctypes):
	for name, definition in doctypes.items():
		for field in definition["fields"]:
			if field["fieldtype"] in ("Link", "Table"):
				assert field["options"] in set(doctypes) | STANDARD_DOCTYPES, (name, field["fieldname"])


def test_permissions_name_known_roles(doctypes):
	for name, definition in doctypes.items():
		if definition.get("istable"):
			assert not definition["permissions"], name
			continue
		assert definition["permissions"], name
		for permission in definition["permissions"]:
			assert permission["role"] in set(ROLES) | STANDARD_ROLES, (name, permission["role"])


def test_household_is_editable_by_customer_service_only_among_desk_roles(doctypes):
	permissions = {row["role"]: row for row in doctypes["Household"]["permissions"]}
	assert permissions["Customer Service"].get("create") == 1
	assert not permissions["Service Staff"].get("write")
	assert "Stock User" not in permissions


def test_workspace_links_resolve(doctypes):
	workspace = json.loads((MODULE / "workspace/special_services/special_services.json").read_text())
	assert workspace["module"] == "Tewei Service"
	links = [link for link in workspace["links"] if link["type"] == "Link"]
	targets = {link["link_to"] for link in links if link["link_type"] == "DocType"}
	targets |= {shortcut["link_to"] for shortcut in workspace["shortcuts"]}
	assert targets <= set(doctypes) | STANDARD_DOCTYPES
	for report in (link["link_to"] for link in links if link["link_type"] == "Report"):
		folder = report.lower().replace(" ", "_").replace("-", "_")  # as frappe.scrub
		assert json.loads((MODULE / "report" / folder / f"{folder}.json").read_text())["name"] == report
	# The desk counts the records behind each shortcut, which a single DocType does not have.
	singles = {name for name, definition in doctypes.items() if definition.get("issingle")}
	assert not singles & {shortcut["link_to"] for shortcut in workspace["shortcuts"]}
	shortcut_names = {
		block["data"]["shortcut_name"]
		for block in json.loads(workspace["content"])
		if block["type"] == "shortcut"
	}
	assert shortcut_names == {shortcut["label"] for shortcut in workspace["shortcuts"]}


def test_hooks_name_functions_that_exist():
	hooks = ast.parse((APP / "hooks.py").read_text())
	dotted = [
		node.value.value
		for node in ast.walk(hooks)
		if isinstance(node, ast.Assign)
		and isinstance(node.value, ast.Constant)
		and str(node.value.value).startswith("tewei_service.")
		and not str(node.value.value).endswith((".js", ".css"))
	]
	assert dotted
	for path in dotted:
		module, function = path.rsplit(".", 1)
		source = APP.parent / (module.replace(".", "/") + ".py")
		assert source.exists(), path
		assert f"def {function}(" in source.read_text(), path
