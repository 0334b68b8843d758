"""What the phone-size browser test of the portal (browser_tests/tests/portal.test.js) needs on top
of the browser tests' own fixtures (tests/browser_fixtures.py): a portal customer of their
household's Customer, who logs in with the same password; and finance's month-end run and payment
of the order the test walked (the finance desk's own screens are the billing browser test's).

    bench --site SITE execute tewei_service.tests.portal_browser_builders.prepare
    bench --site SITE execute tewei_service.tests.portal_browser_builders.bill_and_pay --kwargs "{'order': 'SWO-…'}"
"""

import json

import frappe
from frappe.utils import add_days, today
from frappe.utils.password import update_password

from tewei_service.billing.month_end import bill_month
from tewei_service.tests.browser_fixtures import CUSTOMER, PASSWORD
from tewei_service.tests.every_path_builders import payment_for
from tewei_service.tests.portal_builders import make_portal_customer
from tewei_service.tests.site import TEST_COMPANY, as_user
from tewei_service.tests.work_order_builders import free_slot

PORTAL_USER = "browser-portal@tewei.example"
FINANCE = "browser-finance@tewei.example"


def prepare() -> None:
	frappe.set_user("Administrator")
	project = frappe.db.get_value("Property Project", {"project_name": "Browser Garden"}) or "Browser Garden"
	customer, household = make_portal_customer(PORTAL_USER, CUSTOMER, project, "B-101")
	frappe.db.set_value("User", PORTAL_USER, {"language": "en", "enabled": 1, "first_name": "Ms Lin"})
	update_password(PORTAL_USER, PASSWORD)
	# The walk's booking: a day of its own, clear of the desk's work-order test (the next free hour).
	staff = frappe.db.get_value("Employee", {"user_id": "browser-staff@tewei.example"})
	slot = [str(moment) for moment in free_slot(staff, day=add_days(today(), 5))]
	frappe.db.commit()
	print(
		json.dumps(
			{
				"portal_user": PORTAL_USER,
				"password": PASSWORD,
				"household": household,
				"customer": customer,
				"slot": slot,
			}
		)
	)


def bill_and_pay(order: str) -> None:
	"""The month-end notice of the checked order, then its payment in full, as finance."""
	frappe.set_user("Administrator")
	with as_user(FINANCE):
		bill_month(TEST_COMPANY, add_days(today(), -1), add_days(today(), 7))
		invoice = frappe.db.get_value("Service Work Order", order, "sales_invoice")
		payment_for(invoice).submit()
	frappe.db.commit()
	print(json.dumps({"invoice": invoice}))
