// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Work Order", {
	refresh(frm) {
		const open = ["Registered", "Quoted", "Confirmed", "Dispatched"].includes(frm.doc.workflow_state);
		if (frm.is_new() || !open) return;
		frm.add_custom_button(__("Reschedule"), () => {
			frappe.prompt(
				[
					{ fieldname: "new_start", label: __("Appointment From"), fieldtype: "Datetime", reqd: 1 },
					{ fieldname: "new_end", label: __("Appointment To"), fieldtype: "Datetime", reqd: 1 },
					{ fieldname: "requested_by", label: __("Requested By"), fieldtype: "Select", options: "Customer\nCompany", reqd: 1 },
					{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
				],
				(values) => frm.call("reschedule", values).then(() => frm.reload_doc()),
				__("Reschedule"),
			);
		});
		frm.add_custom_button(__("Not at Home: Message Slip"), () => {
			frappe.new_doc("Service Message Slip", { work_order: frm.doc.name });
		});
	},
});
