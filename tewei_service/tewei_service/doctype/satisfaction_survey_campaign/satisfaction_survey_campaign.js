// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Satisfaction Survey Campaign", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Satisfaction Survey Analysis"), () =>
			frappe.set_route("query-report", "Satisfaction Survey Analysis", {
				year: frm.doc.year,
				property_project: frm.doc.property_project,
			})
		);
		if (frm.perm[0].write) {
			frm.add_custom_button(__("Create Follow-up Revisits"), () =>
				frm.call("create_follow_up_revisits").then(({ message }) => {
					frappe.show_alert({
						message: __("{0} follow-up revisits created", [(message || []).length]),
						indicator: "green",
					});
				})
			);
		}
	},
});
