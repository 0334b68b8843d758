// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Cash Hand-over"] = {
	filters: [
		{ fieldname: "date", label: __("Collected On"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "collected_by", label: __("Collected By"), fieldtype: "Link", options: "User" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "hand_over" && data && data.hand_over !== __("Same day")) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
