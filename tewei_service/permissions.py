"""Who sees which household and order (SPEC P2).

Service staff who hold no office role see only the orders assigned to them and the households of
those orders. Customer service and department heads are limited to their property projects with
Frappe's own User Permissions on "Property Project" (every household, order, agreement and revisit
links its project). A customer on the website sees only their own household's documents.
"""

import frappe

# Roles whose holders see more than their own assignments.
OFFICE_ROLES = {
	"System Manager",
	"Customer Service",
	"Service Department Head",
	"Branch Manager",
	"Service Leadership",
	"Quality",
	"Accounts User",
	"Accounts Manager",
}


def assigned_employee(user: str | None = None) -> str | None:
	"""The Employee of a user who is service staff only; None for everyone else."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if "Service Staff" not in roles or roles & OFFICE_ROLES:
		return None
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}) or "-"


def work_order_query(user: str | None = None) -> str:
	employee = assigned_employee(user)
	if not employee:
		return ""
	return f"`tabService Work Order`.`assigned_staff` = {frappe.db.escape(employee)}"


def work_order_permission(doc, ptype=None, user=None) -> bool | None:
	if ptype == "create":
		return None if may_file_under(doc, user or frappe.session.user) else False
	employee = assigned_employee(user)
	if employee and doc.assigned_staff != employee:
		return False
	return None


# The app's records filed under a household: service staff see those of the households their own
# orders serve, and the records they made themselves (the errands they buy, the slips they leave).
STAFF_SCOPED = {
	"Household": "name",
	"Errand Purchase": "household",
	"Price Confirmation": "household",
	"Service Message Slip": "household",
	"Revisit Record": "household",
	"Service Agreement": "household",
	"Service Complaint": "household",
	"Satisfaction Survey": "household",
}
# The Employee fields that make a record the staff member's own.
OWN_RECORD_FIELDS = {"Errand Purchase": "purchased_by", "Service Message Slip": "staff"}


def staff_query(user: str | None = None, doctype: str | None = None) -> str:
	employee = assigned_employee(user)
	if not employee:
		return ""
	staff = frappe.db.escape(employee)
	conditions = [
		f"`tab{doctype}`.`{STAFF_SCOPED[doctype]}` in "
		f"(select `household` from `tabService Work Order` where `assigned_staff` = {staff})",
		f"`tab{doctype}`.`owner` = {frappe.db.escape(user or frappe.session.user)}",
	]
	if own := OWN_RECORD_FIELDS.get(doctype):
		conditions.append(f"`tab{doctype}`.`{own}` = {staff}")
	return "(" + " or ".join(conditions) + ")"


def staff_permission(doc, ptype=None, user=None) -> bool | None:
	"""Records filed under a household: a new one only under a household (and order) the user may
	see; afterwards, for service staff, their own or those of the households they serve."""
	user = user or frappe.session.user
	if ptype == "create":
		return None if may_file_under(doc, user) else False
	employee = assigned_employee(user)
	if not employee:
		return None
	if doc.owner == user:
		return None
	if (own := OWN_RECORD_FIELDS.get(doc.doctype)) and doc.get(own) == employee:
		return None
	household = doc.get(STAFF_SCOPED[doc.doctype])
	if household and frappe.db.exists(
		"Service Work Order", {"household": household, "assigned_staff": employee}
	):
		return None
	return False


def may_file_under(doc, user: str) -> bool:
	"""Frappe checks create before it fetches the household's project, so the User Permissions on
	Property Project (and staff's own scope) are checked here on what the new record names."""
	for field, doctype in (("household", "Household"), ("work_order", "Service Work Order")):
		name = doc.get(field) if doc.doctype != doctype else None
		if name and not frappe.has_permission(doctype, "read", doc=name, user=user):
			return False
	return True


def customer_households(user: str | None = None) -> list[str]:
	"""Households of the customers whose portal users include `user`."""
	customers = frappe.get_all(
		"Portal User", {"parenttype": "Customer", "user": user or frappe.session.user}, pluck="parent"
	)
	if not customers:
		return []
	return frappe.get_all(
		"Household Customer",
		{"parenttype": "Household", "customer": ("in", customers)},
		pluck="parent",
		distinct=True,
	)


def household_website_permission(doc, ptype=None, user=None, verbose=False) -> bool:
	"""A website customer reads documents of their own household only."""
	household = doc.name if doc.doctype == "Household" else doc.get("household")
	return household in customer_households(user)


def permitted_projects(user: str | None = None) -> list[str] | None:
	"""The Property Projects whose records `user` may see in the reports (P2): None when no User
	Permission on Property Project limits them, else the projects their User Permissions allow.

	The reports read orders, agreements, errands, revisits, invoices and payments together, so a
	User Permission counts whichever doctypes it is applicable for: a report never shows more.
	"""
	allowed = frappe.permissions.get_user_permissions(user or frappe.session.user).get("Property Project")
	if not allowed:
		return None
	return sorted({permission.doc for permission in allowed})
