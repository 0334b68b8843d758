// Shared desk pieces of the special services (loaded on every desk page through app_include_js).
frappe.provide("tewei_service");

// The server's names (tewei_service.boot): workflow states and who works at the finance desk.
tewei_service.states = () => frappe.boot.tewei.states;
tewei_service.is_finance = () => frappe.user.has_role(frappe.boot.tewei.finance_roles);

// S2: the customer pays at the finance desk; invoice and payment are made together, and the
// receipt opens for printing.
tewei_service.add_settle_button = (frm, due) => {
	if (!due || !tewei_service.is_finance() || frm.doc.sales_invoice) return;
	frm.add_custom_button(__("Settle at Finance"), () => {
		frappe.prompt(
			[
				{ fieldname: "mode_of_payment", label: __("Mode of Payment"), fieldtype: "Link", options: "Mode of Payment", default: "Cash", reqd: 1 },
				{ fieldname: "collected_by", label: __("Collected By"), fieldtype: "Link", options: "User", description: __("The service employee who took the money, if not finance.") },
				{ fieldname: "collected_on", label: __("Collected On"), fieldtype: "Date", depends_on: "collected_by" },
			],
			(values) =>
				frappe
					.call("tewei_service.billing.immediate.settle", { doctype: frm.doc.doctype, name: frm.doc.name, ...values })
					.then((r) => {
						frm.reload_doc();
						frappe.set_route("print", "Payment Entry", r.message.payment_entry);
					}),
			__("Settle at Finance"),
		);
	});
};
