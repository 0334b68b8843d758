// Finance's month-end action (SPEC S1): one billing notice per customer for the checked
// month-end service orders of a period. It starts a Billing Run (月結批次), billed in the
// background; its form shows the progress, and the result arrives as a notification.
frappe.listview_settings["Sales Invoice"] = frappe.listview_settings["Sales Invoice"] || {};
const tewei_previous_onload = frappe.listview_settings["Sales Invoice"].onload;

frappe.listview_settings["Sales Invoice"].onload = function (listview) {
	if (tewei_previous_onload) tewei_previous_onload(listview);
	if (!tewei_service.is_finance()) return;
	listview.page.add_inner_button(__("Month-end Billing"), () => {
		frappe.prompt(
			[
				{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", reqd: 1, default: frappe.defaults.get_user_default("Company") },
				{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_start() },
				{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_end() },
			],
			(values) =>
				frappe.call("tewei_service.billing.month_end.enqueue_month_end_billing", values).then((r) => {
					if (r.message.started) {
						frappe.show_alert(__("Month-end billing started; you will be notified when it is done."));
					}
					frappe.set_route("Form", "Billing Run", r.message.name);
				}),
			__("Month-end Billing"),
		);
	});
	listview.page.add_inner_button(__("Billing Runs"), () => frappe.set_route("List", "Billing Run"));
};
