// Finance's month-end action (SPEC S1): one billing notice per customer for the checked
// month-end service orders of a period. It runs in the background; the summary arrives as a
// notification.
frappe.listview_settings["Sales Invoice"] = frappe.listview_settings["Sales Invoice"] || {};
const tewei_previous_onload = frappe.listview_settings["Sales Invoice"].onload;

frappe.listview_settings["Sales Invoice"].onload = function (listview) {
	if (tewei_previous_onload) tewei_previous_onload(listview);
	if (!frappe.user.has_role(["Accounts Manager", "Accounts User"])) return;
	listview.page.add_inner_button(__("Month-end Billing"), () => {
		frappe.prompt(
			[
				{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", reqd: 1, default: frappe.defaults.get_user_default("Company") },
				{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_start() },
				{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_end() },
			],
			(values) =>
				frappe
					.call("tewei_service.billing.month_end.enqueue_month_end_billing", values)
					.then(() => frappe.show_alert(__("Month-end billing started; you will be notified when it is done."))),
			__("Month-end Billing"),
		);
	});
};
