"""The ways round the guards that the every-path tests take (tests/test_every_path_*.py): REST
inserts with forbidden values, the desk's Duplicate and a full copy, hand-made invoices and
payments, temporary jobs, and a committed world of two households for the staff-privacy tests."""

import io
from contextlib import redirect_stdout
from datetime import timedelta
from urllib.parse import quote

import frappe
from frappe.utils import add_days, get_html_for_route, now_datetime, today

from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

from tewei_service.settings import setting
from tewei_service.tests.agreement_builders import draft_agreement
from tewei_service.tests.catalogue_builders import (
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	act,
	fresh,
)
from tewei_service.tests.price_confirmation_builders import approved_confirmation, draft_confirmation
from tewei_service.tests.rest import call
from tewei_service.tests.site import (
	TEST_COMPANY,
	as_user,
	make_customer,
	make_household,
	make_property_project,
	make_user,
)
from tewei_service.tests.work_order_builders import SIGNATURE, STAFF, WorkOrderTestCase, make_employee

# Not a signature: markup, an SVG (which can carry script), a script URL, a PNG with a tail.
HOSTILE_SIGNATURES = (
	"<script>alert('signature')</script>",
	"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+",
	"javascript:alert(1)",
	SIGNATURE + '"><script>alert(1)</script>',
)
# Markup that Frappe's own HTML sanitizer keeps (a link), so only escaping stops it rendering.
MARKUP = '<a href="https://evil.example/pay">Pay here</a>'
ESCAPED_MARKUP_START = "&lt;a href="


# --- REST -------------------------------------------------------------------------------------


def rest(method: str, path: str, token: str, body: dict | None = None):
	"""One REST request as the token's user (tests/rest.py), without the traceback Frappe prints."""
	with redirect_stdout(io.StringIO()):
		return call(method, path, token, body)


def rest_insert(token: str, doctype: str, values: dict):
	return rest("POST", f"/api/resource/{quote(doctype)}", token, values)


def see_committed() -> None:
	"""A REST request runs and commits on a connection of its own; this connection sees what it
	wrote only in a new transaction (MariaDB's repeatable read). The REST test classes commit what
	they make, so ending the transaction loses nothing."""
	frappe.db.commit()


def refusal(response) -> tuple[int, str | None]:
	"""(HTTP status, name of the exception class) of a REST response."""
	body = response.json if response.is_json else {}
	return response.status_code, (body or {}).get("exc_type")


# --- the website ------------------------------------------------------------------------------


def rendered_page(route: str, user: str) -> str:
	"""The website page at `route` as `user` sees it. Frappe renders it for a request, which is
	removed again after: while one exists, Frappe commits its access logs (of any print, such as
	the workflow's e-mails), and these tests must not commit."""
	had_request = hasattr(frappe.local, "request")
	previous = getattr(frappe.local, "request", None)
	try:
		with as_user(user):
			return get_html_for_route(route)
	finally:
		if had_request:
			frappe.local.request = previous
		else:
			del frappe.local.request


# --- copies -----------------------------------------------------------------------------------


def duplicate(doc):
	"""The desk's Duplicate (frappe.model.copy_doc in the browser): a new draft with every field
	but the no_copy ones, in the document and in its child rows."""
	copy = frappe.copy_doc(frappe.get_doc(doc.doctype, doc.name), ignore_no_copy=False)
	copy.docstatus = 0
	return copy


def full_copy(doc):
	"""frappe.copy_doc(doc) as a script or an import does it: no_copy fields copied too (only the
	docstatus is cleared, as copy_doc does outside tests)."""
	copy = frappe.copy_doc(frappe.get_doc(doc.doctype, doc.name))
	copy.docstatus = 0
	return copy


def insert_as(user: str, doc):
	with as_user(user):
		return fresh(doc.insert())


# --- money ------------------------------------------------------------------------------------


def invoice_values(customer: str, lines: list[dict], **values) -> dict:
	"""A Sales Invoice as finance types it at the desk (or posts it over REST), not the app's
	builder: `lines` are Sales Invoice Item values, given the service income account and cost centre."""
	return {
		"doctype": "Sales Invoice",
		"company": TEST_COMPANY,
		"customer": customer,
		"posting_date": today(),
		"due_date": today(),
		"selling_price_list": setting("service_price_list"),
		"ignore_pricing_rule": 1,
		**values,
		"items": [
			{"income_account": setting("income_account"), "cost_center": setting("cost_center"), **line}
			for line in lines
		],
	}


def hand_made_invoice(customer: str, lines: list[dict], **values):
	"""The unsaved Sales Invoice of `invoice_values`."""
	return frappe.get_doc(invoice_values(customer, lines, **values))


def order_line(order, amount: float | None = None) -> dict:
	"""One invoice line naming the order, at its total unless `amount` is given."""
	item = frappe.db.get_value(
		"Service Catalogue Item", order.items[0].catalogue_item, "item"
	) or frappe.db.get_value("Item", {"item_code": "Temporary Service"})
	return {
		"item_code": item,
		"qty": 1,
		"rate": order.total_amount if amount is None else amount,
		"tewei_work_order": order.name,
	}


def payment_for(invoice: str, amount: float | None = None, reference: str = "EP", **values):
	"""A Payment Entry for the invoice (all it owes unless `amount`), unsaved."""
	payment = get_payment_entry("Sales Invoice", invoice)
	payment.update({"reference_no": reference, "reference_date": today(), **values})
	if amount is not None:
		payment.update({"paid_amount": amount, "received_amount": amount})
		payment.references[0].allocated_amount = amount
	return payment


def ledger(voucher: str) -> list[dict]:
	return frappe.get_all(
		"GL Entry", {"voucher_no": voucher, "is_cancelled": 0}, ["account", "debit", "credit", "party"]
	)


def notice_of(summary: dict, customer: str) -> str:
	"""The customer's billing notice among those a month-end run made."""
	(name,) = [
		name
		for name in summary["invoices"]
		if frappe.db.get_value("Sales Invoice", name, "customer") == customer
	]
	return name


# --- errands ----------------------------------------------------------------------------------


def errand_values(household: str, customer: str, **values) -> dict:
	return {
		"doctype": "Errand Purchase",
		"household": household,
		"customer": customer,
		"item_name": "Rice",
		"brand": "Golden Harvest",
		"quantity": 2,
		"price": 12.5,
		"deadline": now_datetime() + timedelta(hours=4),
		**values,
	}


def registered_errand(household: str, customer: str, user: str = CUSTOMER_SERVICE, **values):
	with as_user(user):
		return fresh(frappe.get_doc(errand_values(household, customer, **values)).insert())


def delivered_errand(household: str, customer: str, user: str = CUSTOMER_SERVICE, **values):
	"""An errand registered with its receipt checked and the customer's signature, then closed
	as delivered by `user` (who registers it)."""
	doc = registered_errand(household, customer, user, receipt_checked=1, **values)
	with as_user(user):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.customer_signature = SIGNATURE  # the customer signs the entry itself, on delivery
		doc.save()
		doc.submit()
	return fresh(doc)


# --- work orders ------------------------------------------------------------------------------


class EveryPathTestCase(WorkOrderTestCase):
	"""WorkOrderTestCase with temporary jobs (C5) priced by an approved Price Confirmation."""

	def temporary_job(self, customer=None, *, settlement_mode="Month-end", check=True):
		"""A Home Repair order with no catalogue lines, priced by its own approved confirmation,
		done by STAFF and (unless `check` is false) checked by the department head."""
		customer = customer or self.customer
		confirmation = approved_confirmation(customer=customer, household=self.household_of(customer))
		doc = self.dispatched(
			customer=customer, request_type="Home Repair", items=[], price_confirmation=confirmation.name
		)
		doc = act(doc, "Start Work", STAFF)
		doc = self.edit(doc, STAFF, customer_signature=SIGNATURE, settlement_mode=settlement_mode)
		doc = act(doc, "Complete", STAFF)
		return act(doc, "Check", DEPARTMENT_HEAD) if check else doc

	def checked_in(self, household: str, customer: str, qty: float = 1, **values):
		"""A month-end order of `qty` cleanings for `customer` at `household`, done by STAFF and checked."""
		doc = self.dispatched(
			customer=customer,
			household=household,
			items=[{"catalogue_item": self.cleaning, "qty": qty, "rate": 100}],
			**values,
		)
		doc = act(doc, "Start Work", STAFF)
		doc = self.edit(doc, STAFF, customer_signature=SIGNATURE, settlement_mode="Month-end")
		return act(act(doc, "Complete", STAFF), "Check", DEPARTMENT_HEAD)


# --- a committed world for the REST tests -----------------------------------------------------

EP_STAFF = "staff-everypath@tewei.example"
EP_OTHER_STAFF = "staff2-everypath@tewei.example"
EP_SYSTEM_MANAGER = "sysman-everypath@tewei.example"
EP_PROJECT = "Every Path Garden"
MARK = "Every path:"  # what the committed records' texts start with, so a rerun finds them


def committed(doctype: str, filters: dict, make) -> str:
	"""The record matching `filters`, made by `make()` and committed when there is none."""
	name = frappe.db.get_value(doctype, filters)
	if not name:
		name = make()
		frappe.db.commit()
	return name


def far_slot(staff: str, days: int) -> tuple:
	"""An hour `days` from today at 09:00 (staff of their own: no other test books them)."""
	start = (now_datetime() + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
	return start, start + timedelta(hours=1)


def make_every_path_users() -> dict[str, str]:
	"""The world's staff (Employees restricted to their own record) and a System Manager."""
	make_user(EP_STAFF, "Service Staff")
	make_user(EP_OTHER_STAFF, "Service Staff")
	make_user(EP_SYSTEM_MANAGER, "System Manager")
	return {EP_STAFF: make_employee(EP_STAFF), EP_OTHER_STAFF: make_employee(EP_OTHER_STAFF)}


def dispatched_order(
	household: str, customer: str, staff: str, days: int, label: str, catalogue_item: str
) -> str:
	"""An order registered by customer service and set Dispatched to `staff` (the workflow itself
	is test_work_order's), committed by the caller."""
	start, end = far_slot(staff, days)
	with as_user(CUSTOMER_SERVICE):
		doc = frappe.get_doc(
			{
				"doctype": "Service Work Order",
				"household": household,
				"customer": customer,
				"request_type": "Housekeeping",
				"request_details": f"{MARK} {label}",
				"items": [{"catalogue_item": catalogue_item, "qty": 1, "rate": 100}],
				"assigned_staff": staff,
				"appointment_start": start,
				"appointment_end": end,
			}
		).insert()
	frappe.db.set_value(
		"Service Work Order",
		doc.name,
		{"workflow_state": "Dispatched", "customer_confirmed": 1, "confirmed_by_customer": "Owner"},
	)
	return doc.name


def message_slip(work_order: str, message: str, user: str = CUSTOMER_SERVICE, **values) -> str:
	with as_user(user):
		return (
			frappe.get_doc(
				{"doctype": "Service Message Slip", "work_order": work_order, "message": message, **values}
			)
			.insert()
			.name
		)


def every_path_world(cleaning: str) -> frappe._dict:
	"""Committed, made once: project Every Path Garden with household EP-1, served by EP_STAFF's
	order, and household EP-2, served only by EP_OTHER_STAFF's; each household's records (errands,
	message slips, price confirmations, an agreement), some of EP-2's naming EP_STAFF."""
	staff = make_every_path_users()
	mine, theirs = staff[EP_STAFF], staff[EP_OTHER_STAFF]
	project = make_property_project(EP_PROJECT)
	owner, other_owner = make_customer("Every path owner Qin"), make_customer("Every path owner Bai")
	w = frappe._dict(
		project=project,
		owner=owner,
		other_owner=other_owner,
		served=make_household(project, "EP-1", owner),
		other=make_household(project, "EP-2", other_owner),
		staff=mine,
		other_staff=theirs,
	)
	frappe.db.commit()
	w.order = committed(
		"Service Work Order",
		{"household": w.served, "assigned_staff": mine},
		lambda: dispatched_order(w.served, owner, mine, 30, "the staff member's own order", cleaning),
	)
	w.other_order = committed(
		"Service Work Order",
		{"household": w.other, "assigned_staff": theirs},
		lambda: dispatched_order(w.other, other_owner, theirs, 31, "another staff member's order", cleaning),
	)

	def errand(label, household, customer, user=CUSTOMER_SERVICE, **values):
		return committed(
			"Errand Purchase",
			{"item_name": f"{MARK} {label}"},
			lambda: registered_errand(household, customer, user, item_name=f"{MARK} {label}", **values).name,
		)

	w.errand_served = errand("errand of the served household", w.served, owner)
	w.errand_other = errand("errand of another household", w.other, other_owner)
	w.errand_bought = errand("errand the staff member buys", w.other, other_owner, purchased_by=mine)
	# Registered while they served that household: it stays theirs (created under a household one
	# may see only, so made as Administrator and owned by the staff member).
	w.errand_own = errand("errand the staff member registered", w.other, other_owner, user="Administrator")
	frappe.db.set_value("Errand Purchase", w.errand_own, "owner", EP_STAFF)
	frappe.db.commit()
	w.slip_other = committed(
		"Service Message Slip",
		{"message": f"{MARK} slip of another staff member"},
		lambda: message_slip(w.other_order, f"{MARK} slip of another staff member"),
	)
	w.slip_left = committed(
		"Service Message Slip",
		{"message": f"{MARK} slip the staff member left"},
		lambda: message_slip(w.other_order, f"{MARK} slip the staff member left", staff=mine),
	)

	def confirmation(label, household, customer):
		return committed(
			"Price Confirmation",
			{"work_description": f"{MARK} {label}"},
			lambda: (
				draft_confirmation(
					customer=customer, household=household, work_description=f"{MARK} {label}"
				).name
			),
		)

	w.confirmation_served = confirmation("confirmation of the served household", w.served, owner)
	w.confirmation_other = confirmation("confirmation of another household", w.other, other_owner)
	w.agreement_other = committed(
		"Service Agreement",
		{"household": w.other, "docstatus": 0},
		lambda: (
			draft_agreement(w.other, cleaning, theirs, add_days(today(), 40), add_days(today(), 400)).name
		),
	)
	return w
