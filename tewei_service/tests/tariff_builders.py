"""Office tariffs (R6) drafted by a branch manager, reviewed by Finance, filed by Quality."""

import frappe
from frappe.utils import today

from tewei_service.tests.catalogue_builders import BRANCH_MANAGER, FINANCE, act, fresh
from tewei_service.tests.site import as_user, make_user

QUALITY = "quality-tariff@tewei.example"


def make_tariff_users() -> None:
	make_user(QUALITY, "Quality")


def draft_tariff(project: str, fees: dict[str, float], valid_from=None, user: str = BRANCH_MANAGER):
	"""A draft tariff of `project` setting {catalogue item: tariff fee}."""
	with as_user(user):
		return fresh(
			frappe.get_doc(
				{
					"doctype": "Office Tariff",
					"property_project": project,
					"valid_from": valid_from or today(),
					"items": [{"catalogue_item": item, "tariff_fee": fee} for item, fee in fees.items()],
				}
			).insert()
		)


def reviewed_tariff(project: str, fees: dict[str, float], valid_from=None):
	"""Passed by Finance, waiting for Quality to file and publish it."""
	doc = act(draft_tariff(project, fees, valid_from), "Submit for Review", BRANCH_MANAGER)
	return act(doc, "Approve", FINANCE)


def publish_tariff(project: str, fees: dict[str, float], valid_from=None):
	return act(reviewed_tariff(project, fees, valid_from), "File and Publish", QUALITY)
