// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Complaint Tracking Register"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -2),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "property_project", label: __("Property Project"), fieldtype: "Link", options: "Property Project" },
		{
			fieldname: "view",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Open", label: __("Open") },
				{ value: "Overdue", label: __("Overdue") },
				{ value: "Closed", label: __("Closed") },
			],
		},
		{
			fieldname: "severity",
			label: __("Severity"),
			fieldtype: "Select",
			options: ["", { value: "Ordinary", label: __("Ordinary") }, { value: "Major", label: __("Major") }],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.overdue && ["reply_due", "status"].includes(column.fieldname)) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
