"""Price confirmations (C5) drafted by customer service, signed by a department head, approved."""

import frappe

from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	act,
	fresh,
)
from tewei_service.tests.site import TEST_COMPANY, as_user, make_customer


def draft_confirmation(**overrides):
	"""Tiling at 626.14 in all (labour 315, materials 222, 10% management fee, 6% tax)."""
	with as_user(CUSTOMER_SERVICE):
		return fresh(
			frappe.get_doc(
				{
					"doctype": "Price Confirmation",
					"company": TEST_COMPANY,
					"customer": make_customer("PC Customer Wang"),
					"work_description": "Re-tile the bathroom floor",
					"labour": [{"work": "Tiling", "staff_count": 2, "hours": 3.5, "hourly_cost": 45}],
					"materials": [{"description": "Tiles", "qty": 12, "unit_cost": 18.5}],
					"management_fee_percent": 10,
					"tax_percent": 6,
					**overrides,
				}
			).insert()
		)


def sign(doc, user=DEPARTMENT_HEAD):
	"""`doc` signed with the Sign button by `user`."""
	with as_user(user):
		doc = fresh(doc)
		doc.sign()
		return fresh(doc)


def pending_confirmation(**overrides):
	"""A signed confirmation waiting for the Branch Manager's approval."""
	return act(sign(draft_confirmation(**overrides)), "Submit for Approval", CUSTOMER_SERVICE)


def approved_confirmation(**overrides):
	return act(pending_confirmation(**overrides), "Approve", BRANCH_MANAGER)
