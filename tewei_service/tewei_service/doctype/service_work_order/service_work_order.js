// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Work Order", {
	refresh(frm) {
		const State = tewei_service.states().WorkOrderState;
		// S2: a completed order with immediate settlement is paid at the finance desk.
		tewei_service.add_settle_button(frm, frm.doc.workflow_state === State.COMPLETED && frm.doc.settlement_mode === "Immediate");
		add_correct_time_button(frm);
		add_sign_register_button(frm, State);
		add_sign_off_button(frm, State);
		const open = State.NOT_STARTED.includes(frm.doc.workflow_state);
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

// W10: the stamped times are corrected only by a department head, with the reason on record.
function add_correct_time_button(frm) {
	if (frm.is_new() || !frm.doc.commitment || !frappe.user.has_role("Service Department Head")) return;
	frm.add_custom_button(__("Correct Time"), () => {
		frappe.prompt(
			[
				{ fieldname: "milestone", label: __("Time"), fieldtype: "Select", reqd: 1, options: [
					{ value: "arrived_on", label: __("Arrived On Site") },
					{ value: "resolved_on", label: __("Fixed On") },
					{ value: "answered_on", label: __("Answered On") },
				] },
				{ fieldname: "value", label: __("Correct Time"), fieldtype: "Datetime", reqd: 1 },
				{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
			],
			(values) => frm.call("correct_commitment_time", values).then(() => frm.reload_doc()),
			__("Correct Time"),
		);
	});
}

// R3: the customer signs off with their comment on 《居家服務情況記錄表》; every signature stays in the
// Customer Sign-off history, and a "not satisfied" sends the order to Rework.
function add_sign_off_button(frm, State) {
	// The pad on the form only shows the signature: signing goes through the dialog.
	frm.set_df_property("customer_signature", "read_only", 1);
	if (frm.is_new() || !State.SIGNABLE.includes(frm.doc.workflow_state)) return;
	if (frm.doc.customer_signature && frm.doc.workflow_state === State.COMPLETED && frm.doc.sales_invoice) return;
	frm.add_custom_button(__("Customer Sign-off"), () => {
		const dialog = new frappe.ui.Dialog({
			title: __("Customer Sign-off"),
			fields: [
				{ fieldname: "satisfied", label: __("The customer is satisfied"), fieldtype: "Check", default: frm.doc.customer_signature ? 0 : 1, read_only: frm.doc.customer_signature ? 1 : 0 },
				{ fieldname: "comment", label: __("Customer's Comment"), fieldtype: "Small Text", mandatory_depends_on: "eval:!doc.satisfied" },
				{ fieldname: "signature", label: __("Customer's Signature"), fieldtype: "Signature", reqd: 1 },
			],
			primary_action_label: __("Sign"),
			primary_action(values) {
				frm.call("sign_off", values).then(() => {
					dialog.hide();
					frm.reload_doc();
				});
			},
		});
		dialog.show();
	});
}

// R7: after the customer has signed, the staff member signs the order's line of the daily register.
function add_sign_register_button(frm, State) {
	if (frm.is_new() || frm.doc.register_signed_by || !State.SERVED.includes(frm.doc.workflow_state)) return;
	if (!frappe.user.has_role("Service Staff")) return;
	frm.add_custom_button(__("Sign the Register"), () => frm.call("sign_register").then(() => frm.reload_doc()));
}
