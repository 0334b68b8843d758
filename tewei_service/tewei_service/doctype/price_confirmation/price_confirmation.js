// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Price Confirmation", {
	refresh(frm) {
		const signed = (frm.doc.signatures || []).some((row) => row.head === frappe.session.user);
		if (
			!frm.is_new() &&
			frm.doc.docstatus === 0 &&
			[undefined, ...tewei_service.states().PriceConfirmationState.SIGNABLE].includes(frm.doc.workflow_state) &&
			frappe.user.has_role("Service Department Head") &&
			!signed
		) {
			frm.add_custom_button(__("Sign"), () => frm.call("sign").then(() => frm.reload_doc()));
		}
		if (frm.doc.below_cost) {
			frm.dashboard.set_headline_alert(__("This price is below cost."), "orange");
		}
	},
});
