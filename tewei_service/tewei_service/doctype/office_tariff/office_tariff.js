// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Office Tariff", {
	setup(frm) {
		// R6: a tariff sets fees for approved catalogue items only.
		frm.set_query("catalogue_item", "items", () => ({ filters: { item: ["is", "set"] } }));
	},
});
