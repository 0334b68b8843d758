app_name = "tewei_service"
app_title = "Tewei Service"
app_publisher = "Tewei Property Services"
app_description = "Special services and repairs (特約服務/維修) for property management on ERPNext"
app_email = "it@tewei.example"
app_license = "mit"
required_apps = ["frappe/erpnext"]

# Desk
# ----
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

# Document events
# ---------------
doc_events = {
	"Sales Invoice": {
		"on_submit": "tewei_service.overrides.sales_invoice.on_submit",
		"on_cancel": "tewei_service.overrides.sales_invoice.on_cancel",
	},
	"Payment Entry": {
		"on_submit": "tewei_service.overrides.payment_entry.update_paid_orders",
		"on_cancel": "tewei_service.overrides.payment_entry.update_paid_orders",
	},
}

# Scheduled jobs
# --------------
scheduler_events = {
	"daily": ["tewei_service.catalogue.fees.refresh_fees_in_force"],
	"cron": {
		# W7: department heads check the previous working day's orders in the morning.
		"0 8 * * *": ["tewei_service.work_orders.daily.send_morning_check_lists"],
		# W8: before the end of the day, the orders not signed off yet.
		"0 18 * * *": ["tewei_service.work_orders.daily.send_end_of_day_unsigned_lists"],
		# W10: commitments are measured in minutes, so breaches are looked for every few minutes.
		"*/5 * * * *": ["tewei_service.work_orders.commitments.flag_breaches"],
	},
}
