"""The demo's people: two property projects, the service departments, and a user for every role
(with Employees for department heads and staff), limited to their projects as the SPEC says (P2)."""

import frappe
from frappe.utils import add_years

from tewei_service.demo.context import DEMO_DOMAIN, DEMO_PASSWORD, Demo

PROJECTS = (
	("Riverside Garden", "江畔花園 · 1 Riverside Road"),
	("Maple Court", "楓林苑 · 88 Maple Avenue"),
)
DEPARTMENTS = {"housekeeping": "Housekeeping", "repairs": "Repairs"}

# key → (login, full name, roles, project it is limited to, department)
USERS = {
	"leader": ("leader", "周總 Zhou (leadership)", ("Service Leadership",), None, None),
	"finance": ("finance", "錢會計 Qian (finance)", ("Accounts Manager", "Accounts User"), None, None),
	"bm_riverside": ("bm.riverside", "趙經理 Zhao (branch manager)", ("Branch Manager",), 0, None),
	"bm_maple": ("bm.maple", "孫經理 Sun (branch manager)", ("Branch Manager",), 1, None),
	"head_housekeeping": (
		"head.housekeeping",
		"李主管 Li (housekeeping head)",
		("Service Department Head",),
		None,
		"housekeeping",
	),
	"head_repairs": (
		"head.repairs",
		"吳主管 Wu (repairs head)",
		("Service Department Head",),
		None,
		"repairs",
	),
	"cs_riverside": ("cs.riverside", "陳客服 Chen (customer service)", ("Customer Service",), 0, None),
	"cs_maple": ("cs.maple", "林客服 Lin (customer service)", ("Customer Service",), 1, None),
	"quality": ("quality", "鄭品管 Zheng (quality)", ("Quality",), None, None),
	"staff_wang": ("staff.wang", "王阿姨 Wang (housekeeping)", ("Service Staff",), None, "housekeeping"),
	"staff_liu": ("staff.liu", "劉阿姨 Liu (housekeeping)", ("Service Staff",), None, "housekeeping"),
	"staff_huang": ("staff.huang", "黃師傅 Huang (housekeeping)", ("Service Staff",), None, "housekeeping"),
	"staff_zhang": ("staff.zhang", "張師傅 Zhang (repairs)", ("Service Staff",), None, "repairs"),
	"staff_yang": ("staff.yang", "楊師傅 Yang (repairs)", ("Service Staff",), None, "repairs"),
	"staff_he": ("staff.he", "何師傅 He (repairs)", ("Service Staff",), None, "repairs"),
}
STAFF = {
	"housekeeping": ("staff_wang", "staff_liu", "staff_huang"),
	"repairs": ("staff_zhang", "staff_yang", "staff_he"),
}
HEADS = {"housekeeping": "head_housekeeping", "repairs": "head_repairs"}


def login(key: str) -> str:
	return f"{USERS[key][0]}@{DEMO_DOMAIN}"


def is_demo_user(email: str) -> bool:
	return email.endswith("@" + DEMO_DOMAIN)


def make_people(demo: Demo) -> None:
	abbr = frappe.get_cached_value("Company", demo.company, "abbr")
	for key, name in DEPARTMENTS.items():
		demo.departments[key] = department(name, demo.company, abbr)
	for key, (_login, full_name, roles, _project, _department) in USERS.items():
		demo.users[key] = user(login(key), full_name, roles)
	for name, address in PROJECTS:
		demo.projects.append(project(name, address, demo.company))
	for key, (_login, _name, roles, project_index, department_key) in USERS.items():
		if project_index is not None:
			limit_to_project(demo.users[key], demo.projects[project_index])
		if department_key:
			staff_only = roles == ("Service Staff",)
			demo.employees[demo.users[key]] = employee(
				demo, demo.users[key], demo.departments[department_key], restrict_to_own_record=staff_only
			)
	for index, project_name in enumerate(demo.projects):
		frappe.db.set_value(
			"Property Project",
			project_name,
			{
				"branch_manager": demo.users[("bm_riverside", "bm_maple")[index]],
				"customer_service": demo.users[("cs_riverside", "cs_maple")[index]],
			},
		)


def department(name: str, company: str, abbr: str) -> str:
	existing = frappe.db.get_value("Department", {"department_name": name, "company": company})
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company,
				"parent_department": frappe.db.get_value("Department", {"is_group": 1}, "name"),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def user(email: str, full_name: str, roles: tuple) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
			}
		).insert(ignore_permissions=True)
	doc = frappe.get_doc("User", email)
	doc.set("roles", [])
	doc.add_roles(*roles)
	return email


def project(name: str, address: str, company: str) -> str:
	if not frappe.db.exists("Property Project", name):
		frappe.get_doc(
			{"doctype": "Property Project", "project_name": name, "company": company, "address": address}
		).insert(ignore_permissions=True)
	return name


def limit_to_project(email: str, project_name: str) -> None:
	"""P2: office roles see their own property projects through Frappe's User Permissions."""
	if not frappe.db.exists("User Permission", {"user": email, "allow": "Property Project"}):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": email,
				"allow": "Property Project",
				"for_value": project_name,
			}
		).insert(ignore_permissions=True)


def employee(demo: Demo, email: str, department_name: str, restrict_to_own_record: bool) -> str:
	"""Staff see only their own Employee record (ERPNext's default); heads see their department's."""
	if name := frappe.db.get_value("Employee", {"user_id": email}):
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": frappe.db.get_value("User", email, "first_name"),
				"gender": frappe.db.get_value("Gender", {}, "name"),
				"date_of_birth": "1985-01-01",
				"date_of_joining": add_years(demo.start.date(), -2),
				"company": demo.company,
				"department": department_name,
				"user_id": email,
				"create_user_permission": int(restrict_to_own_record),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
