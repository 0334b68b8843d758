// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Home Service Analysis"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -1),
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Item", label: __("Service Item") },
				{ value: "Department", label: __("Department") },
				{ value: "Staff", label: __("Staff Member") },
			],
			default: "Item",
			reqd: 1,
		},
		{
			fieldname: "chart_on",
			label: __("Chart"),
			fieldtype: "Select",
			options: [
				{ value: "orders", label: __("Orders") },
				{ value: "revenue", label: __("Revenue") },
				{ value: "compliance", label: __("Response Compliance (%)") },
				{ value: "satisfaction", label: __("Satisfaction (1-5)") },
				{ value: "warranty", label: __("Warranty Repairs") },
				{ value: "declined", label: __("Declined Requests") },
				{ value: "complaints", label: __("Complaints") },
			],
			default: "orders",
		},
	],
};
