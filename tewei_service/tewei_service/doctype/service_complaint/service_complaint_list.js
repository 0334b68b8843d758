// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.listview_settings["Service Complaint"] = {
	add_fields: ["status", "severity", "reply_due"],
	get_indicator(doc) {
		const awaiting = ["Open", "Investigating", "Reopened"].includes(doc.status);
		if (awaiting && doc.reply_due && frappe.datetime.now_datetime() > doc.reply_due) {
			return [__("Overdue"), "red", `status,=,${doc.status}`];
		}
		const colours = { Open: "orange", Investigating: "yellow", Replied: "blue", Closed: "green", Reopened: "purple" };
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
