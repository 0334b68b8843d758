// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Satisfaction Survey", {
	onload(frm) {
		// A new form lists the paper's topics, in its order (the rating table's own options).
		if (!frm.is_new() || (frm.doc.ratings || []).length) return;
		const topics = frappe.meta.get_docfield("Satisfaction Survey Rating", "topic").options.split("\n");
		topics.filter(Boolean).forEach((topic) => frm.add_child("ratings", { topic }));
		frm.refresh_field("ratings");
	},
	refresh(frm) {
		if (frm.doc.follow_up_revisit) {
			frm.dashboard.set_headline(
				__("Follow-up revisit {0}: {1}", [frm.doc.follow_up_revisit, __(frm.doc.follow_up_status || "")])
			);
		}
	},
});
