"""The app's roles (SPEC "People"). Finance uses ERPNext's own Accounts User / Accounts Manager."""

import frappe

ROLES = (
	"Service Leadership",  # 公司領導
	"Branch Manager",  # 分公司(項目部)經理
	"Service Department Head",  # 部門負責人/主管
	"Customer Service",  # 客戶服務中心/客服
	"Service Staff",  # 服務員工
	"Quality",  # 品質管理部
)


# Who makes invoices and takes payments at the finance desk (S1, S2, S4).
FINANCE_ROLES = ("Accounts User", "Accounts Manager", "System Manager")
# Who may collect any amount in the field (S3): department heads and above, and finance itself.
UNLIMITED_COLLECTORS = {
	"Service Department Head",
	"Branch Manager",
	"Service Leadership",
	"Accounts User",
	"Accounts Manager",
	"System Manager",
}


def create_roles() -> None:
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def delete_roles() -> None:
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			continue
		# Assignments and permission rules that name the role go with it.
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
