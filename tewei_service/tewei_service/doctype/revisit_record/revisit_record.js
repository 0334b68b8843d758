// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Revisit Record", {
	setup(frm) {
		// V1: only the orders that were served are revisited.
		frm.set_query("work_order", "orders", () => ({
			filters: {
				household: frm.doc.household,
				workflow_state: ["in", frappe.boot.tewei.states.WorkOrderState.SERVED],
			},
		}));
	},
	status(frm) {
		if (frm.doc.status === "Done") {
			if (!frm.doc.revisited_by) frm.set_value("revisited_by", frappe.session.user);
			if (!frm.doc.revisited_on) frm.set_value("revisited_on", frappe.datetime.now_datetime());
		}
	},
});
