"""The management offices' tariffs (SPEC R6, procedure 5 §5.6.1): the fee each property project
charges for a catalogue item, within the band of its standard fee, once Finance has reviewed it
and Quality has filed and published it. One tariff of a project is in force on any day: the
published one with the latest Valid From up to that day."""

import frappe
from frappe import _
from frappe.utils import escape_html, formatdate, getdate, now_datetime, today

from tewei_service.alerts import alert
from tewei_service.catalogue.fees import approved_services, fee_in_force
from tewei_service.exceptions import ApprovalError, PriceBandError
from tewei_service.rules import tariff as rules
from tewei_service.settings import setting
from tewei_service.states import TariffState as State
from tewei_service.validation import throw_violations

# What the office writes; from Finance Review on, the tariff is reviewed as it was submitted.
CONTENT_FIELDS = ("property_project", "valid_from", "items")


def published_tariff(property_project: str | None, on_date=None) -> str | None:
	"""The project's tariff in force on the date (today by default), or None."""
	if not property_project:
		return None
	found = frappe.get_all(
		"Office Tariff",
		filters={
			"property_project": property_project,
			"docstatus": 1,
			"valid_from": ("<=", getdate(on_date or today())),
		},
		order_by="valid_from desc, creation desc",
		limit=1,
		pluck="name",
	)
	return found[0] if found else None


def tariff_fees(property_project: str | None, on_date=None) -> tuple[str | None, dict]:
	"""The project's tariff in force on the date and its fee per catalogue item: (None, {}) without
	one. Read once for a whole order or notice, not once per line."""
	tariff = published_tariff(property_project, on_date)
	if not tariff:
		return None, {}
	rows = frappe.get_all(
		"Office Tariff Item",
		filters={"parent": tariff, "parenttype": "Office Tariff"},
		fields=["catalogue_item", "tariff_fee"],
		as_list=True,
	)
	return tariff, dict(rows)


def in_band(tariff_fee: float, standard_fee: float) -> bool:
	"""Whether a tariff's fee lies within the band of the standard fee in force (R6). A fee approved
	after the tariff was published may leave it outside: the tariff then no longer sets that
	service's price, and the standard fee and its band apply until a new tariff is published."""
	return rules.within_band(standard_fee, tariff_fee, setting("price_band_percent"))


def applying_fee(fees: dict, catalogue_item: str, standard_fee: float) -> float | None:
	"""The tariff fee that prices the item (from `tariff_fees`), or None: the tariff does not list
	it, or its fee lies outside the band of the standard fee in force (`in_band`)."""
	fee = fees.get(catalogue_item)
	return fee if fee is not None and in_band(fee, standard_fee) else None


def tariff_fee(property_project: str | None, catalogue_item: str, on_date=None) -> float | None:
	"""The fee of the project's tariff in force on the date for the item, or None (no tariff, or
	the tariff does not list the item: the standard fee applies)."""
	return tariff_fees(property_project, on_date)[1].get(catalogue_item)


def priced_services(property_project: str | None, on_date=None) -> list[dict]:
	"""The approved services as the project's notice and page announce them: each at the
	project's tariff fee where its tariff sets one (`standard_fee` keeps the company's fee)."""
	on_date = getdate(on_date or today())
	tariff, fees = tariff_fees(property_project, on_date)
	services = approved_services(on_date)
	for service in services:
		office_fee = applying_fee(fees, service["catalogue_item"], service["fee"])
		service["standard_fee"] = service["fee"]
		service["fee"] = service["fee"] if office_fee is None else office_fee
		service["office_tariff"] = None if office_fee is None else tariff
	return services


def tell_tariffs_left_outside(catalogue_item: str, fee: float, effective_date) -> None:
	"""R6: a newly approved standard fee may leave a published tariff's fee for the service outside
	its band. Whoever submitted such a tariff (in force on the fee's effective date, or later) is
	told that from then on it no longer sets that service's price."""
	effective_date = getdate(effective_date)
	service_name = frappe.db.get_value("Service Catalogue Item", catalogue_item, "service_name")
	rows = frappe.get_all(
		"Office Tariff Item",
		filters={"catalogue_item": catalogue_item, "parenttype": "Office Tariff", "docstatus": 1},
		fields=["parent", "tariff_fee"],
	)
	for row in rows:
		tariff = frappe.db.get_value(
			"Office Tariff",
			row.parent,
			["property_project", "valid_from", "submitted_by", "owner"],
			as_dict=True,
		)
		in_force = getdate(tariff.valid_from) > effective_date or row.parent == published_tariff(
			tariff.property_project, effective_date
		)
		if not in_force or in_band(row.tariff_fee, fee):
			continue
		alert(
			tariff.submitted_by or tariff.owner,
			_("Office Tariff {0} no longer sets the fee of {1} from {2}").format(
				row.parent, escape_html(service_name), formatdate(effective_date)
			),
			_(
				"The new standard fee {0} leaves the tariff's fee {1} outside the band: {2}'s orders are "
				"charged the standard fee until a new tariff is published."
			).format(f"{fee:.2f}", f"{row.tariff_fee:.2f}", escape_html(tariff.property_project)),
			"Office Tariff",
			row.parent,
		)


def price_tariff_items(doc) -> None:
	"""Each row shows the standard fee in force on Valid From, and its tariff fee lies within
	the band of it; one row per service (R6, C4)."""
	band = setting("price_band_percent")
	violations = []
	for row in doc.items:
		item = frappe.db.get_value(
			"Service Catalogue Item",
			row.catalogue_item,
			["service_name", "category", "unit_of_charge"],
			as_dict=True,
		)
		row.service_name, row.category, row.unit_of_charge = (
			item.service_name,
			item.category,
			item.unit_of_charge,
		)
		row.standard_fee = fee_in_force(row.catalogue_item, doc.valid_from)
		violations.append(
			rules.check_tariff_fee(item.service_name, row.standard_fee, row.tariff_fee or 0, band)
		)
	violations.append(rules.check_unique_items([row.service_name for row in doc.items]))
	throw_violations([v for v in violations if v], doc, _("Tariff Outside the Band"), PriceBandError)


def lock_reviewed_content(doc, before) -> None:
	"""Finance and Quality review the tariff the office submitted: from Finance Review on, its
	project, date and fees change only after a rejection sends it back to Draft."""
	if not before or before.workflow_state in State.EDITABLE:
		return
	if content(doc) != content(before):
		frappe.throw(
			_("The tariff is under review or published; reject it back to Draft to change it."),
			ApprovalError,
			title=_("Not Allowed in {0}").format(_(before.workflow_state)),
		)


def content(doc) -> tuple:
	return (
		doc.property_project,
		str(getdate(doc.valid_from)),
		tuple((row.catalogue_item, float(row.tariff_fee or 0)) for row in doc.items),
	)


def enter_state(doc, previous_state: str | None) -> None:
	"""What each step of the tariff's workflow records (who submitted, reviewed, filed)."""
	user, moment = frappe.session.user, now_datetime()
	if doc.workflow_state == State.FINANCE_REVIEW:
		doc.submitted_by = user
	elif doc.workflow_state == State.QUALITY_FILING:
		doc.finance_reviewed_by, doc.finance_reviewed_on = user, moment
	elif doc.workflow_state == State.REJECTED and not doc.rejection_reason:
		frappe.throw(_("Write the reason for rejecting in Rejection Reason first."), title=_("Reason Needed"))
	elif doc.workflow_state == State.DRAFT and previous_state == State.REJECTED:
		doc.rejection_reason = None
		doc.finance_reviewed_by = doc.finance_reviewed_on = None
	elif doc.workflow_state == State.PUBLISHED:
		doc.filed_by, doc.filed_on = user, moment


def check_publication(doc) -> None:
	"""On publishing (submit): reviewed by Finance, filed by Quality, from today on, and the only
	tariff of its project from its date: a later tariff takes over, two never share a day (R6)."""
	if doc.workflow_state != State.PUBLISHED or not (doc.finance_reviewed_by and doc.filed_by):
		frappe.throw(
			_("A tariff is published only after Finance has reviewed it and Quality has filed it."),
			ApprovalError,
			title=_("Not Reviewed"),
		)
	if getdate(doc.valid_from) < getdate(today()):
		frappe.throw(
			_("A tariff comes into force from the day it is published or later, not {0}.").format(
				formatdate(doc.valid_from)
			),
			ApprovalError,
		)
	# Two publications for one project at the same moment: the second waits for the first.
	frappe.db.sql("select name from `tabProperty Project` where name = %s for update", doc.property_project)
	for other in frappe.get_all(
		"Office Tariff",
		filters={
			"property_project": doc.property_project,
			"docstatus": 1,
			"name": ("!=", doc.name),
			"valid_from": (">=", getdate(doc.valid_from)),
		},
		fields=["name", "valid_from"],
	):
		frappe.throw(
			_(
				"{0} already has the published tariff {1} from {2}. A new tariff takes over from a later "
				"date; withdraw {1} to replace it."
			).format(doc.property_project, other.name, formatdate(other.valid_from)),
			ApprovalError,
			title=_("Tariff Already Published"),
		)
