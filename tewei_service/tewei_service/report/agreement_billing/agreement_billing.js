// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Agreement Billing"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "as_of", label: __("As Of"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "service_agreement", label: __("Service Agreement"), fieldtype: "Link", options: "Service Agreement" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && data.status === __("Due, not billed")) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
	onload(report) {
		if (!tewei_service.is_finance()) return;
		report.page.add_inner_button(__("Bill Ended Cycles"), () => {
			frappe
				.call("tewei_service.billing.agreements.enqueue_agreement_billing", { company: report.get_filter_value("company") })
				.then(() => frappe.show_alert(__("Agreement billing started; you will be notified when it is done.")));
		});
	},
};
