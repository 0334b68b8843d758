"""`tewei-demo --reset`: the app's transactional data wiped, so the demo can be built again.

ERPNext's side goes as a cancel with "delete linked ledger entries" leaves it: the Payment Entries
and Sales Invoices made from the app's records are deleted with their ledger entries (GL and
payment ledger), their rows and their comments and versions, in a few statements. The app's own records are kept on file by the app (never deleted one
by one), so a reset empties their tables, with their comments, versions, assignments, workflow
actions and notifications. Then the demo's users and their Employees go. Masters of ERPNext
(company, accounts, departments) stay.
"""

import frappe

from tewei_service.demo.people import is_demo_user

MODULE = "Tewei Service"
# The links from ERPNext's invoices to the app's records (setup/custom_fields.py).
INVOICE_LINKS = ("tewei_household", "tewei_service_agreement")
ITEM_LINKS = ("tewei_work_order", "tewei_errand_purchase")
# ERPNext's ledgers, by voucher.
LEDGERS = ("GL Entry", "Payment Ledger Entry", "Advance Payment Ledger Entry")
# Frappe's records about other documents, by their reference fields.
REFERENCES = {
	"Comment": "reference_doctype",
	"Version": "ref_doctype",
	"ToDo": "reference_type",
	"Workflow Action": "reference_doctype",
	"Notification Log": "document_type",
	"Communication": "reference_doctype",
	"File": "attached_to_doctype",
}
REFERENCE_NAMES = {"Version": "docname", "Notification Log": "document_name", "File": "attached_to_name"}


def app_invoices() -> list[str]:
	names = set()
	for field in INVOICE_LINKS:
		names |= set(frappe.get_all("Sales Invoice", {field: ("is", "set")}, pluck="name"))
	for field in ITEM_LINKS:
		names |= set(
			frappe.get_all("Sales Invoice Item", {field: ("is", "set")}, pluck="parent", distinct=True)
		)
	return sorted(names)


def drop_vouchers(doctype: str, names: list[str]) -> None:
	"""The vouchers gone with every ledger row they wrote (what cancelling them with "delete linked
	ledger entries" leaves too), in a few statements rather than a cancel per document."""
	if not names:
		return
	for ledger in LEDGERS:
		if frappe.db.exists("DocType", ledger):
			frappe.db.delete(ledger, {"voucher_type": doctype, "voucher_no": ("in", names)})
	frappe.db.delete(
		"Payment Ledger Entry", {"against_voucher_type": doctype, "against_voucher_no": ("in", names)}
	)
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", names)})
	for record, field in REFERENCES.items():
		frappe.db.delete(
			record, {field: doctype, REFERENCE_NAMES.get(record, "reference_name"): ("in", names)}
		)
	frappe.db.delete(doctype, {"name": ("in", names)})


def reset_demo() -> dict:
	counts = {}
	invoices = app_invoices()
	payments = sorted(
		set(
			frappe.get_all(
				"Payment Entry Reference",
				{"reference_doctype": "Sales Invoice", "reference_name": ("in", invoices or [""])},
				pluck="parent",
			)
		)
	)
	drop_vouchers("Payment Entry", payments)
	drop_vouchers("Sales Invoice", invoices)
	counts["Payment Entry"], counts["Sales Invoice"] = len(payments), len(invoices)

	customers = set(frappe.get_all("Household Customer", pluck="customer"))
	items = set(frappe.get_all("Service Catalogue Item", {"item": ("is", "set")}, pluck="item"))
	doctypes = frappe.get_all("DocType", {"module": MODULE, "issingle": 0, "istable": 0}, pluck="name")
	for doctype in doctypes:
		counts[doctype] = frappe.db.count(doctype)
		frappe.db.delete(doctype)
	# Their rows, but not those of Service Settings (a single's table rows are settings).
	for table in frappe.get_all("DocType", {"module": MODULE, "istable": 1}, pluck="name"):
		frappe.db.delete(table, {"parenttype": ("in", doctypes)})
	for doctype, field in REFERENCES.items():
		frappe.db.delete(doctype, {field: ("in", doctypes)})
	frappe.db.delete("User Permission", {"allow": ("in", doctypes)})
	for doctype, names in (("Item", items), ("Customer", customers)):
		for name in sorted(names):
			delete_if_unused(doctype, name)

	users = [name for name in frappe.get_all("User", pluck="name") if is_demo_user(name)]
	for employee in frappe.get_all("Employee", {"user_id": ("in", users or [""])}, pluck="name"):
		frappe.delete_doc("Employee", employee, ignore_permissions=True, force=True)
	for user in users:
		frappe.delete_doc("User", user, ignore_permissions=True, force=True)
	counts["User"] = len(users)
	return counts


def delete_if_unused(doctype: str, name: str) -> None:
	"""Customers and items the app made, unless something outside it still uses them."""
	frappe.db.savepoint("tewei_demo_reset")
	try:
		frappe.delete_doc(doctype, name, ignore_permissions=True)
	except (frappe.LinkExistsError, frappe.ValidationError):
		frappe.db.rollback(save_point="tewei_demo_reset")
