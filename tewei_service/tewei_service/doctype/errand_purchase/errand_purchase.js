// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Errand Purchase", {
	setup(frm) {
		// Only the household's own customers (owner or tenant).
		frm.set_query("customer", () => {
			const names = (frm.doc.household && frm.household_customers) || [];
			return names.length ? { filters: { name: ["in", names] } } : {};
		});
	},
	household(frm) {
		load_household_customers(frm);
	},
	onload(frm) {
		load_household_customers(frm);
	},
	refresh(frm) {
		// The signature cannot change once given (E1); the server refuses it too.
		frm.set_df_property("customer_signature", "read_only", frm.doc.__unsaved || !frm.doc.customer_signature ? 0 : 1);
		add_void_button(frm);
		// S2: the customer pays for the goods at the finance desk.
		tewei_service.add_settle_button(frm, frm.doc.docstatus === 1 && frm.doc.status === "Delivered");
	},
});

function load_household_customers(frm) {
	if (!frm.doc.household) return;
	frappe.db.get_doc("Household", frm.doc.household).then((household) => {
		frm.household_customers = (household.customers || []).map((row) => row.customer);
		if (!frm.doc.customer && household.primary_customer && frm.doc.docstatus === 0) {
			frm.set_value("customer", household.primary_customer);
		}
	});
}

// E2: a wrong or abandoned entry is voided with its reason, so its number stays accounted for.
function add_void_button(frm) {
	if (frm.is_new() || frm.doc.docstatus === 2 || !frappe.model.can_cancel("Errand Purchase")) return;
	frm.add_custom_button(__("Void"), () => {
		frappe.prompt(
			[{ fieldname: "reason", label: __("Reason for Voiding"), fieldtype: "Small Text", reqd: 1 }],
			(values) => frm.call("void", values).then(() => frm.reload_doc()),
			__("Void"),
		);
	});
}
