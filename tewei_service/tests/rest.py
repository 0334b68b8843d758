"""Calls to the site's real REST API (Frappe's WSGI app through werkzeug's test client), as a user."""

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client


def token_for(user: str) -> str:
	"""An `Authorization` header value for `user`, made once and committed (the request runs apart)."""
	doc = frappe.get_doc("User", user)
	secret = frappe.generate_hash(length=15)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	frappe.db.commit()
	return f"token {doc.api_key}:{secret}"


def call(method: str, path: str, authorization: str, json: dict | None = None):
	"""One HTTP request to /api/…; returns werkzeug's response (status_code, json)."""
	client = get_test_client(use_cookies=False)
	return make_request(
		target=getattr(client, method.lower()),
		args=(path,),
		kwargs={"json": json, "headers": {"Authorization": authorization}},
	)
