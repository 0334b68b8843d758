// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Work Order", {
	refresh(frm) {
		add_settle_button(frm);
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

// S2: the customer pays at the finance desk; invoice and payment are made together.
function add_settle_button(frm) {
	const finance = ["Accounts User", "Accounts Manager"].some((role) => frappe.user.has_role(role));
	const due = frm.doc.workflow_state === "Completed" && frm.doc.settlement_mode === "Immediate";
	if (!finance || !due || frm.doc.sales_invoice) return;
	frm.add_custom_button(__("Settle at Finance"), () => {
		frappe.prompt(
			[
				{ fieldname: "mode_of_payment", label: __("Mode of Payment"), fieldtype: "Link", options: "Mode of Payment", default: "Cash", reqd: 1 },
				{ fieldname: "collected_by", label: __("Collected By"), fieldtype: "Link", options: "User", description: __("The service employee who took the money, if not finance.") },
				{ fieldname: "collected_on", label: __("Collected On"), fieldtype: "Date", depends_on: "collected_by" },
			],
			(values) =>
				frappe
					.call("tewei_service.billing.immediate.settle_work_order", { work_order: frm.doc.name, ...values })
					.then((r) => {
						frm.reload_doc();
						frappe.set_route("print", "Payment Entry", r.message.payment_entry);
					}),
			__("Settle at Finance"),
		);
	});
}
