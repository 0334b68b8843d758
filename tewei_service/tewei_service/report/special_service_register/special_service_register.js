// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Special Service Register"] = {
	filters: [
		{ fieldname: "date", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
	],
	onload(report) {
		// R8: the desks' paper registers of the day's requests, one per request type.
		report.page.add_inner_button(__("Print Desk Register"), () => {
			frappe.prompt(
				[
					{
						fieldname: "request_type",
						label: __("Request Type"),
						fieldtype: "Select",
						options: ["Housekeeping", "Home Repair", "Home Alarm"].map((value) => ({ value, label: __(value) })),
						reqd: 1,
					},
					{ fieldname: "property_project", label: __("Property Project"), fieldtype: "Link", options: "Property Project" },
				],
				(values) => {
					const args = { ...values, day: report.get_filter_value("date") };
					window.open(frappe.urllib.get_full_url(
						"/api/method/tewei_service.work_orders.registers.download_register?" + $.param(args)
					));
				},
				__("Print Desk Register")
			);
		});
	},
};
