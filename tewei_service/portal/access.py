"""Who may do what on the customer's pages (SPEC P2): a portal user acts only on the households of
the Customers they are a portal user of, checked on the server for every page and every action."""

from contextlib import contextmanager

import frappe
from frappe import _

from tewei_service.permissions import customer_households


def portal_households() -> list[str]:
	"""The signed-in customer's households; anyone else is refused."""
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to see your household's services."), frappe.PermissionError)
	return customer_households()


def household_choices() -> list[dict]:
	"""The customer's households as the pages list them (name and household name)."""
	households = portal_households()
	return frappe.get_all(
		"Household", {"name": ("in", households or [""])}, ["name", "household_name"], order_by="name"
	)


def portal_customers() -> list[str]:
	return frappe.get_all(
		"Portal User", {"parenttype": "Customer", "user": frappe.session.user}, pluck="parent"
	)


def refuse():
	frappe.throw(_("This is not one of your household's records."), frappe.PermissionError)


def own_household(household: str) -> str:
	if not household or household not in portal_households():
		refuse()
	return household


def own_order(name: str, for_update: bool = False):
	"""The customer's own Service Work Order; any other name is refused the same way, whether it
	exists or not, so that names cannot be probed."""
	household = name and frappe.db.get_value("Service Work Order", name, "household")
	if not household or household not in portal_households():
		refuse()
	doc = frappe.get_doc("Service Work Order", name, for_update=for_update)
	return doc


def own_invoice(name: str):
	"""A submitted Sales Invoice of the customer's: billed to one of their Customers, for one of their
	households (a customer with several units gets one notice for all of them)."""
	invoice = name and frappe.db.get_value(
		"Sales Invoice", name, ["name", "customer", "docstatus", "tewei_household"], as_dict=True
	)
	if not invoice or invoice.docstatus != 1 or invoice.customer not in portal_customers():
		refuse()
	households = set(portal_households())
	lines = frappe.get_all(
		"Sales Invoice Item", {"parent": name, "parenttype": "Sales Invoice"}, pluck="tewei_household"
	)
	if invoice.tewei_household not in households and not households & set(lines):
		refuse()
	return invoice


def order_customer(household: str) -> str:
	"""The customer of the household the portal user speaks for (W1: an order is for one of them)."""
	customers = frappe.get_all(
		"Household Customer",
		{"parent": household, "parenttype": "Household", "customer": ("in", portal_customers())},
		pluck="customer",
		order_by="idx",
	)
	if not customers:
		refuse()
	return customers[0]


def client_ip() -> str:
	return getattr(frappe.local, "request_ip", None) or "-"


def customer_signature_line() -> str:
	"""Who accepted, and from where (W1): the portal user, the App and the request's address."""
	full_name = frappe.utils.get_fullname(frappe.session.user)
	return f"{full_name} <{frappe.session.user}> · App · {client_ip()}"[:140]


@contextmanager
def as_the_desk():
	"""Apply a desk step of the Workflow for the customer, after the portal's own checks.

	The Workflow's transitions stay with the roles the procedures give them (Customer Service
	records the customer's confirmation and cancels); the portal is one more channel into those
	steps, so the system applies them on the customer's behalf and the order records the customer
	(Confirmed By, cancelled by side, the comment), never a role the website user does not hold."""
	user, session = frappe.session.user, frappe.local.session
	sid, data, form_dict = session.sid, session.data, frappe.local.form_dict
	frappe.set_user("Administrator")
	try:
		yield user
	finally:
		frappe.set_user(user)
		session.sid, session.data, frappe.local.form_dict = sid, data, form_dict


def apply_on_behalf(order, action: str, **values):
	"""`values` written on the order, then the Workflow `action` applied, as the desk would."""
	from frappe.model.workflow import apply_workflow

	with as_the_desk():
		doc = frappe.get_doc(order.doctype, order.name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)
