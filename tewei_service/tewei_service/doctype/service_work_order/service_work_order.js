// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Work Order", {
	refresh(frm) {
		const State = tewei_service.states().WorkOrderState;
		// S2: a completed order with immediate settlement is paid at the finance desk.
		tewei_service.add_settle_button(frm, frm.doc.workflow_state === State.COMPLETED && frm.doc.settlement_mode === "Immediate");
		add_correct_time_button(frm);
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
