"""About sixty households of the two projects, each with its owner (and some a tenant) as ERPNext
Customers, registered by each project's customer service; one owner may log in to the portal."""

import frappe

from tewei_service.customers import individual_customer
from tewei_service.demo.context import DEMO_DOMAIN, DEMO_PASSWORD, Demo, as_user

SURNAMES = "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾肖田董袁潘"
GIVEN = (
	"偉",
	"芳",
	"娜",
	"敏",
	"靜",
	"麗",
	"強",
	"磊",
	"軍",
	"洋",
	"勇",
	"艷",
	"傑",
	"娟",
	"濤",
	"明",
	"超",
	"秀英",
	"華",
	"慧",
)
PORTAL_LOGIN = f"owner@{DEMO_DOMAIN}"


def make_households(demo: Demo) -> None:
	count = demo.count(60)
	for index in range(count):
		project_index = index % len(demo.projects)
		project = demo.projects[project_index]
		building = 1 + (index // 2) % 3
		unit = f"{building}-{(index // 6) + 1:02}{(index % 2) + 1:02}"
		owner = customer(demo, index, "Owner")
		customers = [{"customer": owner, "relation": "Owner", "is_primary": 1}]
		if index % 7 == 3:
			customers.append({"customer": customer(demo, index, "Tenant"), "relation": "Tenant"})
		cs = demo.users[("cs_riverside", "cs_maple")[project_index]]
		household = as_user(
			cs,
			lambda: frappe.get_doc(
				{
					"doctype": "Household",
					"property_project": project,
					"building": str(building),
					"unit": unit,
					"customers": customers,
					"contacts": [{"full_name": owner, "relation": "Owner", "mobile_no": f"138{index:08}"}],
				}
			).insert(),
		)
		demo.households.append(frappe._dict(name=household.name, project=project, customer=owner))
	portal_customer(demo.households[0].customer)


def customer(demo: Demo, index: int, relation: str) -> str:
	rng = demo.rng
	name = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}"
	return individual_customer(f"{name} ({relation[0]}{index + 1:02})")


def portal_customer(customer_name: str) -> None:
	"""The first household's owner sees their own household at /my_household."""
	if not frappe.db.exists("User", PORTAL_LOGIN):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": PORTAL_LOGIN,
				"first_name": customer_name,
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": "Customer"}],
			}
		).insert(ignore_permissions=True)
	doc = frappe.get_doc("Customer", customer_name)
	if not any(row.user == PORTAL_LOGIN for row in doc.get("portal_users", [])):
		doc.append("portal_users", {"user": PORTAL_LOGIN})
		doc.save(ignore_permissions=True)
