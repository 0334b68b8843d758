// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Revisit Plan Compliance"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "from_month",
			label: __("From Month"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -6),
			reqd: 1,
		},
		{
			fieldname: "to_month",
			label: __("To Month"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -1),
			reqd: 1,
		},
		{ fieldname: "property_project", label: __("Property Project"), fieldtype: "Link", options: "Property Project" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname === "done" && data.done < data.required) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
