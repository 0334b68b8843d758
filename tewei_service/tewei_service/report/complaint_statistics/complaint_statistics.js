// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Complaint Statistics"] = {
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
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -11),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "property_project", label: __("Property Project"), fieldtype: "Link", options: "Property Project" },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "category", label: __("Category") },
				{ value: "property_project", label: __("Property Project") },
				{ value: "staff", label: __("Staff") },
				{ value: "month", label: __("Month") },
			],
			default: "category",
		},
		{
			fieldname: "severity",
			label: __("Severity"),
			fieldtype: "Select",
			options: ["", { value: "Ordinary", label: __("Ordinary") }, { value: "Major", label: __("Major") }],
		},
	],
};
