"""Portal customers for the tests of the customer's phone pages (tests/test_portal.py): two
households of the order tests' project, each with its own Customer and its portal user."""

from urllib.parse import urlencode

import frappe
from frappe.utils import set_request
from frappe.website.serve import get_response

from tewei_service.tests.site import as_user, make_customer, make_household, make_user

PORTAL = "portal-w@tewei.example"
OTHER_PORTAL = "portal-w-other@tewei.example"


def make_portal_customer(user: str, customer_name: str, project: str, unit: str) -> tuple[str, str]:
	"""A Website User (role Customer) who is a portal user of a Customer, the owner of `unit`."""
	make_user(user, "Customer")
	customer = make_customer(customer_name)
	doc = frappe.get_doc("Customer", customer)
	if user not in [row.user for row in doc.portal_users]:
		doc.append("portal_users", {"user": user})
		doc.save(ignore_permissions=True)
	return customer, make_household(project, unit, customer)


def page(route: str, user: str, **query) -> tuple[int, str]:
	"""(status, html) of a website page as `user` sees it, with `query` as its form_dict."""
	had_request = hasattr(frappe.local, "request")
	previous = getattr(frappe.local, "request", None)
	try:
		with as_user(user):
			set_request(method="GET", path=route, query_string=urlencode(query))
			frappe.local.form_dict = frappe._dict(query)
			response = get_response(route)
			return response.status_code, response.get_data(as_text=True)
	finally:
		if had_request:
			frappe.local.request = previous
		else:
			del frappe.local.request
