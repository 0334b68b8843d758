"""Turn rule violations (tewei_service.rules) into Frappe's translated validation errors."""

import frappe
from frappe import _

from tewei_service.exceptions import ServicePermissionError
from tewei_service.rules import Violation


def throw_violations(
	violations: list[Violation], doc=None, title: str | None = None, exc=frappe.ValidationError
) -> None:
	"""Raise all violations as one message (as `exc`), each with its field's translated label."""
	if not violations:
		return

	messages = [violation.render(_, _field_label(doc, violation.fieldname)) for violation in violations]
	frappe.throw(
		messages if len(messages) > 1 else messages[0],
		exc,
		title=title or _("Not Allowed"),
		as_list=len(messages) > 1,
	)


def _field_label(doc, fieldname: str | None) -> str | None:
	if not (doc and fieldname):
		return fieldname
	return _(doc.meta.get_label(fieldname))


def require_role(*roles: str) -> None:
	"""Like frappe.only_for, which lets everyone through while tests run, so tests can prove it."""
	if not set(roles) & set(frappe.get_roles()):
		frappe.throw(
			_("Only {0} may do this.").format(", ".join(_(role) for role in roles)), ServicePermissionError
		)
