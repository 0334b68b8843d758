"""The announced special services and fees of the customer's own project (SPEC C3, R6): its
Office Tariff where one is published, else the company's approved fees: /service_prices."""

import frappe
from frappe import _
from frappe.utils import today

from tewei_service.portal.access import portal_households
from tewei_service.portal.requests import price_list

no_cache = 1


def get_context(context):
	context.title = _("Special Services and Fees")
	context.notice_date = today()
	context.projects = []
	seen = set()
	for household in portal_households():
		project = frappe.db.get_value("Household", household, "property_project")
		if project not in seen:
			seen.add(project)
			context.projects.append(
				{
					"project": frappe.db.get_value("Property Project", project, "project_name") or project,
					"services": price_list(household),
				}
			)
	return context
