// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.query_reports["Errand Register Gaps"] = {
	filters: [
		{ fieldname: "from_number", label: __("From Number"), fieldtype: "Int" },
		{ fieldname: "to_number", label: __("To Number"), fieldtype: "Int" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "finding" && data) {
			const colour = { Deleted: "red", "Never Issued": "orange", Voided: "grey" }[data.kind];
			value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
