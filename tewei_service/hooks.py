app_name = "tewei_service"
app_title = "Tewei Service"
app_publisher = "Tewei Property Services"
app_description = "Special services and repairs (特約服務/維修) for property management on ERPNext"
app_email = "it@tewei.example"
app_license = "mit"
required_apps = ["frappe/erpnext"]

# Desk
# ----
# The shared desk pieces (Settle at Finance dialog, states and finance roles from the boot).
app_include_js = "tewei_service.bundle.js"
boot_session = "tewei_service.boot.boot_session"
doctype_list_js = {"Sales Invoice": "public/js/sales_invoice_list.js"}

# Installation
# ------------
before_install = "tewei_service.setup.install.before_install"
after_install = "tewei_service.setup.install.after_install"
after_migrate = "tewei_service.setup.install.after_migrate"
before_uninstall = "tewei_service.setup.install.before_uninstall"
# On a site installed before ERPNext's setup wizard, the catalogue's Item Group and Price List
# can only be made once the wizard has created the item groups and the company currency.
setup_wizard_complete = "tewei_service.setup.catalogue_defaults.after_setup_wizard"

# Testing
# -------
# `bench run-tests --app tewei_service` runs only this app's before_tests.
before_tests = "tewei_service.tests.site.before_tests"

# Permissions (SPEC P2)
# -----------
# Service staff see their own assignments; office roles are limited by User Permissions on
# Property Project; website customers see their own household.
_STAFF_SCOPED = (
	"Household",
	"Errand Purchase",
	"Price Confirmation",
	"Service Message Slip",
	"Revisit Record",
	"Service Agreement",
	"Service Complaint",
	"Satisfaction Survey",
)
permission_query_conditions = {
	"Service Work Order": "tewei_service.permissions.work_order_query",
	**{doctype: "tewei_service.permissions.staff_query" for doctype in _STAFF_SCOPED},
}
has_permission = {
	"Service Work Order": "tewei_service.permissions.work_order_permission",
	**{doctype: "tewei_service.permissions.staff_permission" for doctype in _STAFF_SCOPED},
}
has_website_permission = {
	"Household": "tewei_service.permissions.household_website_permission",
	"Service Work Order": "tewei_service.permissions.household_website_permission",
	"Service Agreement": "tewei_service.permissions.household_website_permission",
}
standard_portal_menu_items = [
	{"title": "My Household Services", "route": "/my_household", "role": "Customer"},
	# Issue 15: the customer's phone pages (tewei_service/www, actions in tewei_service/portal).
	{"title": "Request a Service", "route": "/service_request", "role": "Customer"},
	{"title": "Bills", "route": "/service_bills", "role": "Customer"},
	{"title": "Complaints", "route": "/service_complaints", "role": "Customer"},
	{"title": "Today's Work", "route": "/my_work", "role": "Service Staff"},
]

# Document events
# ---------------
# Everything the app does on ERPNext's own documents, each in tewei_service/overrides/<doctype>.py.
doc_events = {
	"Sales Invoice": {
		# E1: errand goods at or over the threshold are charged only from their register entry.
		"validate": "tewei_service.overrides.sales_invoice.validate",
		# Runs on submit and cancel, and whenever a payment or credit note changes what is outstanding.
		"on_change": "tewei_service.overrides.sales_invoice.on_change",
	},
	# S3, S5: the collection limit, and no money beyond what a service invoice owes.
	"Payment Entry": {"validate": "tewei_service.overrides.payment_entry.validate"},
}

# Scheduled jobs
# --------------
scheduler_events = {
	"daily": ["tewei_service.catalogue.fees.refresh_fees_in_force"],
	"daily_long": [
		# S4: every agreement cycle that has ended, including those of days the job did not run.
		"tewei_service.billing.agreements.bill_due_agreement_cycles",
	],
	"cron": {
		# W7, W8, R7: the morning check list and the end-of-day unsigned list, each once a day at
		# the time Service Settings give.
		"*/15 * * * *": ["tewei_service.work_orders.daily.send_daily_lists_when_due"],
		# W10: commitments are measured in minutes, so breaches are looked for every few minutes.
		# S1, S4: billing runs whose jobs were killed or timed out go on where they stopped.
		"*/5 * * * *": [
			"tewei_service.work_orders.commitments.flag_breaches",
			"tewei_service.billing.billing_run.resume_interrupted_runs",
			"tewei_service.billing.agreements.resume_agreement_billing",
		],
		# V1, V2: on the first of the month, last month's revisit plan for customer service.
		"0 6 1 * *": ["tewei_service.revisits.plan.run_monthly_plan"],
		# V3: on the first day of a quarter, Quality's spot check of the quarter before.
		"0 6 1 1,4,7,10 *": ["tewei_service.revisits.spot_check.run_quarterly_spot_check"],
	},
}
