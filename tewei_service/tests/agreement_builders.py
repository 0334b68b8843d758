"""Service agreements (A1) drafted by customer service and signed by the department manager."""

import frappe

from tewei_service.tests.catalogue_builders import CUSTOMER_SERVICE, DEPARTMENT_HEAD, act, fresh
from tewei_service.tests.site import as_user


def draft_agreement(
	household: str,
	catalogue_item: str,
	staff: str,
	start,
	end,
	customer: str | None = None,
	service_type: str = "Regular",
	fee: float = 300,
	schedule: str = "Every Monday 09:00-11:00",
	**values,
):
	"""An agreement of one service billed monthly, for the household's primary customer unless
	`customer` is given."""
	with as_user(CUSTOMER_SERVICE):
		return fresh(
			frappe.get_doc(
				{
					"doctype": "Service Agreement",
					"household": household,
					"customer": customer or frappe.db.get_value("Household", household, "primary_customer"),
					"service_type": service_type,
					"start_date": start,
					"end_date": end,
					"billing_cycle": "Monthly",
					"services": [
						{
							"catalogue_item": catalogue_item,
							"schedule": schedule,
							"staff": staff,
							"fee_per_cycle": fee,
						}
					],
					**values,
				}
			).insert()
		)


def signed_agreement(agreement):
	"""The draft sent for signature and signed by the department manager (through the workflow)."""
	return act(act(agreement, "Submit for Signature", CUSTOMER_SERVICE), "Sign", DEPARTMENT_HEAD)
