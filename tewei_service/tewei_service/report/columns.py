"""Column definitions the app's script reports share.

Which rows a reader sees is the reports' own business: each data layer keeps to the reader's
property projects (SPEC P2, `tewei_service.permissions.permitted_projects`). The desk, though, checks
every Link column of a script report against its reader (`frappe.desk.query_report`): it refuses
the whole report to a reader who may not read the linked doctype ("No permission to read
Customer"), and drops each row whose link a User Permission of the reader does not allow (ERPNext
limits every employee to their own Employee record). Such a column is therefore plain text for
such a reader.
"""

import frappe
from frappe import _
from frappe.permissions import get_role_permissions, get_user_permissions

# Restricted by the reports themselves, whose rows are of the reader's projects only.
APPLIED_BY_THE_REPORTS = {"Property Project"}


def link(fieldname: str, label: str, options: str, width: int, fieldtype: str = "Link") -> dict:
	"""A Link column to `options`, or a Data column when the reader could not follow the link; with
	fieldtype "Dynamic Link", `options` is the column naming the doctype."""
	if fieldtype == "Link" and not can_follow(options):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Data", "width": width}
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
	}


def can_follow(doctype: str, user: str | None = None) -> bool:
	"""Whether the desk lets `user` keep a Link column to `doctype` with every row of the report."""
	user = user or frappe.session.user
	permissions = get_role_permissions(frappe.get_meta(doctype), user=user)
	if not (permissions.get("read") or permissions.get("select")):
		return False
	return doctype in APPLIED_BY_THE_REPORTS or not get_user_permissions(user).get(doctype)


def customer_column(width: int = 150) -> dict:
	"""The customer by name: a customer's name is for whoever may see the row, their Customer
	record only for those who may read Customers."""
	return {"fieldname": "customer_name", "label": _("Customer"), "fieldtype": "Data", "width": width}


def with_customer_names(rows: list[dict], field: str = "customer") -> list[dict]:
	"""Give each row the `customer_name` of its `field`'s Customer, read in one query."""
	names = list({row.get(field) for row in rows if row.get(field)})
	found = {}
	if names:
		found = dict(
			frappe.get_all("Customer", {"name": ("in", names)}, ["name", "customer_name"], as_list=True)
		)
	for row in rows:
		row["customer_name"] = found.get(row.get(field)) or row.get(field)
	return rows
