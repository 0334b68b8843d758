"""Records the procedures keep on file (SPEC P1, W5, W9, E2, V3): once past draft they are
cancelled or voided with a reason, never deleted, by any role."""

import frappe
from frappe import _

from tewei_service.exceptions import KeptOnFileError
from tewei_service.rules.revisits import PLANNED
from tewei_service.states import WorkOrderState

# Documents filed under a household (its file, P1): doctype → the field that names the household.
FILED_UNDER_HOUSEHOLD = {
	"Service Work Order": "household",
	"Service Agreement": "household",
	"Errand Purchase": "household",
	"Revisit Record": "household",
	"Service Message Slip": "household",
	"Price Confirmation": "household",
	"Sales Invoice": "tewei_household",
	"Service Complaint": "household",
	"Satisfaction Survey": "household",
}


def why_kept(doc) -> str | None:
	"""The reason `doc` stays on file, or None when it may still be deleted."""
	if doc.doctype == "Service Message Slip":
		return _("a message slip left at the customer's door")
	if doc.doctype == "Service Complaint":
		return _("the complaint register keeps every complaint; close it instead")
	if doc.doctype == "Service Work Order" and doc.workflow_state not in (None, WorkOrderState.REGISTERED):
		return _("the order is past Registered; cancel it instead")
	if doc.doctype == "Revisit Record" and doc.status != PLANNED:
		return _("the revisit was made")
	if doc.meta.is_submittable and doc.docstatus != 0:
		return _("it was submitted")
	if doc.doctype == "Household":
		for doctype, field in FILED_UNDER_HOUSEHOLD.items():
			if frappe.db.exists(doctype, {field: doc.name}):
				return _("documents are filed under it, such as {0}; disable it instead").format(_(doctype))
	return None


def keep_on_file(doc) -> None:
	"""on_trash of the app's records."""
	if reason := why_kept(doc):
		frappe.throw(
			_("{0} {1} cannot be deleted: {2}.").format(_(doc.doctype), doc.name, reason),
			KeptOnFileError,
			title=_("Kept on File"),
		)
