# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""Every cycle of every agreement up to a day (SPEC S4): billed by which invoice, paid, or still
due (`tewei_service.billing.agreement_cycles`)."""

import frappe
from frappe import _

from tewei_service.billing.agreement_cycles import cycles_as_of
from tewei_service.permissions import permitted_projects
from tewei_service.tewei_service.report.columns import customer_column, link, with_customer_names


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	rows = cycles_as_of(filters.as_of, filters.company, filters.service_agreement, permitted_projects())
	return get_columns(), with_customer_names(rows)


def get_columns() -> list[dict]:
	return [
		link("service_agreement", _("Service Agreement"), "Service Agreement", 150),
		customer_column(),
		{"fieldname": "cycle_start", "label": _("Agreement Cycle From"), "fieldtype": "Date", "width": 110},
		{"fieldname": "cycle_end", "label": _("Agreement Cycle To"), "fieldtype": "Date", "width": 110},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 110},
		link("sales_invoice", _("Sales Invoice"), "Sales Invoice", 170),
		{"fieldname": "outstanding", "label": _("Outstanding"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 130},
	]
