// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Monthly Service Analysis", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.set_intro(__("The figures are taken again on every save and at approval (Submit), which freezes them."));
		}
	},
});
