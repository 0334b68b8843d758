"""A customer asks for a service from their phone (SPEC W1, C3): the announced price list of their
own project, the request that becomes a Registered order from the App, its photos, and its status."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import get_datetime, now_datetime, today

from tewei_service.alerts import alert
from tewei_service.catalogue.tariffs import priced_services
from tewei_service.portal.access import order_customer, own_household, own_order, portal_households
from tewei_service.states import WorkOrderState

REQUEST_TYPES = ("Housekeeping", "Home Alarm", "Home Repair", "Other")
PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/heic": ".heic"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 6


def project_of(household: str) -> str:
	return frappe.db.get_value("Household", household, "property_project")


def price_list(household: str) -> list[dict]:
	"""The services and fees announced to the household's project (C3, R6): its Office Tariff's
	fee where one is published, else the approved standard fee."""
	return priced_services(project_of(own_household(household)), today())


@frappe.whitelist()
def services(household: str) -> list[dict]:
	return [
		{key: row[key] for key in ("catalogue_item", "service_name", "category", "unit_of_charge", "fee")}
		for row in price_list(household)
	]


def requested_lines(household: str, items) -> list[dict]:
	"""Catalogue lines at the announced fee; anything not on the project's list is refused."""
	fees = {row["catalogue_item"]: row["fee"] for row in price_list(household)}
	lines = []
	for row in frappe.parse_json(items or "[]"):
		item, qty = row.get("catalogue_item"), frappe.utils.flt(row.get("qty") or 1)
		if item not in fees or not 0 < qty <= 100:
			frappe.throw(_("Choose services from the price list, with a quantity between 1 and 100."))
		lines.append({"catalogue_item": item, "qty": qty, "rate": fees[item]})
	return lines


def preferred_window(start, end) -> tuple:
	if not (start and end):
		return None, None
	start, end = get_datetime(start), get_datetime(end)
	if start < now_datetime() or end <= start:
		frappe.throw(_("The preferred time must be in the future, and end after it starts."))
	return start, end


# Counted per household, not per address: a whole estate may reach the site through one address.
@frappe.whitelist(methods=["POST"])
@rate_limit(key="household", limit=10, seconds=60 * 60, ip_based=False)
def request_service(
	household: str,
	request_type: str,
	description: str,
	items=None,
	preferred_start=None,
	preferred_end=None,
	contact_phone: str | None = None,
) -> str:
	"""W1: a Registered order from the App, and customer service told of it."""
	own_household(household)
	if request_type not in REQUEST_TYPES:
		frappe.throw(_("Choose the type of service."))
	if not (description or "").strip():
		frappe.throw(_("Describe what you need."))
	start, end = preferred_window(preferred_start, preferred_end)
	order = frappe.get_doc(
		{
			"doctype": "Service Work Order",
			"household": household,
			"customer": order_customer(household),
			"channel": "App",
			"request_type": request_type,
			"request_details": description.strip()[:2000],
			"contact_phone": (contact_phone or "").strip()[:40] or None,
			"reported_on": now_datetime(),
			"items": requested_lines(household, items),
			"appointment_start": start,
			"appointment_end": end,
		}
	)
	# The customer cannot create orders at the desk; the checks above are theirs.
	order.insert(ignore_permissions=True)
	tell_customer_service(order, _("New request from the App: {0}").format(order.name), order.request_details)
	return order.name


def customer_service_users(project: str) -> list[str]:
	"""Customer service of the project: holders of the role whose User Permissions on Property
	Project allow it (or who have none)."""
	users = frappe.get_all(
		"Has Role",
		{"role": "Customer Service", "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	enabled = frappe.get_all("User", {"name": ("in", users or [""]), "enabled": 1}, pluck="name")
	limited = {
		row.user: row.for_value
		for row in frappe.get_all(
			"User Permission",
			{"user": ("in", enabled or [""]), "allow": "Property Project"},
			["user", "for_value"],
		)
	}
	allowed = {
		user
		for user in enabled
		if user not in limited
		or frappe.db.exists(
			"User Permission", {"user": user, "allow": "Property Project", "for_value": project}
		)
	}
	return sorted(allowed)


def tell_customer_service(order, subject: str, content: str) -> None:
	for user in customer_service_users(order.property_project):
		alert(user, subject, frappe.utils.escape_html(content or ""), order.doctype, order.name)


@frappe.whitelist(methods=["POST"])
@rate_limit(key="order", limit=30, seconds=60 * 60, ip_based=False)
def attach_photo(order: str) -> str:
	"""A photo of the request, private, attached to the customer's own order before it is worked on."""
	doc = own_order(order)
	if doc.workflow_state not in WorkOrderState.NOT_STARTED:
		frappe.throw(_("Photos can be added until the work starts."))
	upload = frappe.request and frappe.request.files.get("file")
	if not upload:
		frappe.throw(_("Choose a photo."))
	content = upload.stream.read(MAX_PHOTO_BYTES + 1)
	extension = PHOTO_TYPES.get(upload.mimetype)
	if not extension or len(content) > MAX_PHOTO_BYTES:
		frappe.throw(_("A photo must be a JPEG, PNG, WebP or HEIC image of at most 5 MB."))
	if (
		frappe.db.count("File", {"attached_to_doctype": doc.doctype, "attached_to_name": doc.name})
		>= MAX_PHOTOS
	):
		frappe.throw(_("An order takes at most {0} photos.").format(MAX_PHOTOS))
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doc.name}-photo{extension}",
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": content,
		}
	)
	file.insert(ignore_permissions=True)
	return file.name


STEPS = (
	WorkOrderState.REGISTERED,
	WorkOrderState.QUOTED,
	WorkOrderState.CONFIRMED,
	WorkOrderState.DISPATCHED,
	WorkOrderState.IN_PROGRESS,
	WorkOrderState.COMPLETED,
)


def order_summary(doc) -> dict:
	"""What the customer may see of an order: no cost, margin, staff notes or confirmation internals."""
	return {
		"name": doc.name,
		"household": doc.household,
		"order_date": doc.order_date,
		"request_type": doc.request_type,
		"request_details": doc.request_details,
		"status": doc.workflow_state,
		"appointment_start": doc.appointment_start,
		"appointment_end": doc.appointment_end,
		"total_amount": doc.total_amount,
		"customer_confirmed": doc.customer_confirmed,
		"payment_status": doc.payment_status,
		"lines": [
			{"service_name": row.service_name, "qty": row.qty, "rate": row.rate, "amount": row.amount}
			for row in doc.items
		],
	}


@frappe.whitelist()
def order_status(order: str) -> dict:
	doc = own_order(order)
	return {"name": doc.name, "status": doc.workflow_state, "modified": str(doc.modified)}


def my_orders() -> list[dict]:
	return frappe.get_all(
		"Service Work Order",
		{"household": ("in", portal_households() or [""])},
		[
			"name",
			"household",
			"order_date",
			"request_type",
			"request_details",
			"workflow_state",
			"total_amount",
			"payment_status",
			"appointment_start",
		],
		order_by="creation desc",
	)
