"""The desks' paper registers of requests (SPEC R8, procedure 5 §4.1-4.3): 《家政(清潔/綠化)服務登記表》
at customer service, 《居家維修服務登記表》 at the control centre and 《居家報警登記表》 for the
engineering department: one sheet a day of the requests of one type registered that day, with the
columns the staff sign and the unsigned reason and expected finish asked each evening (§4.3.4).

A register lists many orders, so it is printed from the orders the reader may see (P2), not from
one document."""

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.pdf import get_pdf

from tewei_service.states import WorkOrderState

# Request type -> the paper register's title and its English name.
REGISTERS = {
	"Housekeeping": ("家政(清潔/綠化)服務登記表", "Housekeeping (Cleaning/Gardening) Service Register"),
	"Home Repair": ("居家維修服務登記表", "Home Repair Service Register"),
	"Home Alarm": ("居家報警登記表", "Home Alarm Register"),
}
FIELDS = [
	"name",
	"creation",
	"household",
	"customer",
	"contact_phone",
	"request_details",
	"appointment_start",
	"appointment_end",
	"assigned_staff",
	"workflow_state",
	"completed_on",
	"unsigned_reason",
	"expected_finish",
]
# The staff's signature on the register and the evening's handling (R7), once the order has them.
SIGNING_FIELDS = ["register_signed_by", "register_signed_on", "unsigned_handling"]
TEMPLATE = "tewei_service/templates/print/service_register.html"


def register_orders(request_type: str, day, property_project: str | None = None) -> list[dict]:
	"""The orders of `request_type` registered on `day` that the session user may read."""
	if request_type not in REGISTERS:
		frappe.throw(_("There is no register for requests of type {0}.").format(request_type))
	filters = {"request_type": request_type, "order_date": getdate(day)}
	if property_project:
		filters["property_project"] = property_project
	meta = frappe.get_meta("Service Work Order")
	fields = FIELDS + [field for field in SIGNING_FIELDS if meta.has_field(field)]
	orders = frappe.get_list("Service Work Order", filters=filters, fields=fields, order_by="creation asc")
	units = dict(
		frappe.get_all(
			"Household",
			{"name": ("in", list({order.household for order in orders}) or [""])},
			["name", "household_name"],
			as_list=True,
		)
	)
	staff = dict(
		frappe.get_all(
			"Employee",
			{
				"name": (
					"in",
					list({order.assigned_staff for order in orders if order.assigned_staff}) or [""],
				)
			},
			["name", "employee_name"],
			as_list=True,
		)
	)
	for order in orders:
		order.unit = units.get(order.household, order.household)
		order.staff_name = staff.get(order.assigned_staff, "")
		signer = order.get("register_signed_by")
		order.signed_by_name = (frappe.db.get_value("User", signer, "full_name") or signer) if signer else ""
		order.cancelled = order.workflow_state == WorkOrderState.CANCELLED
	return orders


def register_html(request_type: str, day, property_project: str | None = None) -> str:
	orders = register_orders(request_type, day, property_project)
	title, english = REGISTERS[request_type]
	return frappe.render_template(
		TEMPLATE,
		{
			"title": title,
			"english_title": english,
			"day": getdate(day),
			"project": property_project,
			"orders": orders,
			# The sheet keeps room for requests written in by hand during the day.
			"blank_rows": max(0, 12 - len(orders)),
		},
	)


def register_pdf(request_type: str, day, property_project: str | None = None) -> bytes:
	return get_pdf(register_html(request_type, day, property_project), {"orientation": "Landscape"})


@frappe.whitelist()
def download_register(request_type: str, day: str, property_project: str | None = None) -> None:
	"""The day's register as a PDF, for the desk's Print Register button."""
	frappe.has_permission("Service Work Order", "read", throw=True)
	frappe.local.response.filename = f"{request_type.replace(' ', '-')}-register-{getdate(day)}.pdf"
	frappe.local.response.filecontent = register_pdf(request_type, day, property_project)
	frappe.local.response.type = "pdf"
