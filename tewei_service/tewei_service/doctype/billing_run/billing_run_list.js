// Finance starts a month from here (New) or from the Sales Invoice list's Month-end Billing.
frappe.listview_settings["Billing Run"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = {
			Queued: "gray",
			Running: "blue",
			Completed: "green",
			"Completed with skips": "orange",
			Failed: "red",
			Cancelled: "darkgrey",
		};
		return [__(doc.status), colours[doc.status], "status,=," + doc.status];
	},
};
