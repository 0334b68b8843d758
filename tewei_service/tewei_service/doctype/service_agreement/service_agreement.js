// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Agreement", {
	refresh(frm) {
		if (frm.doc.workflow_state === tewei_service.states().AgreementState.ACTIVE && frappe.model.can_write("Service Agreement")) {
			frm.add_custom_button(__("End Early"), () => {
				frappe.prompt(
					[
						{ fieldname: "side", label: __("Ended By"), fieldtype: "Select", options: "Customer\nCompany", reqd: 1 },
						{ fieldname: "last_day", label: __("Last Day of Service"), fieldtype: "Date", reqd: 1 },
						{ fieldname: "notice_date", label: __("Written Notice Given On"), fieldtype: "Date", mandatory_depends_on: "eval:doc.side=='Company'", depends_on: "eval:doc.side=='Company'" },
						{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
					],
					(values) => frm.call("end_early", values).then(() => frm.reload_doc()),
					__("End Early"),
				);
			});
		}
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("Billing"), () => {
				frappe.set_route("query-report", "Agreement Billing", { service_agreement: frm.doc.name });
			});
		}
	},
	household(frm) {
		if (!frm.doc.household) return;
		frappe.db.get_doc("Household", frm.doc.household).then((household) => {
			const primary = (household.customers || []).find((row) => row.is_primary) || (household.customers || [])[0];
			if (primary && !frm.doc.customer) frm.set_value("customer", primary.customer);
		});
	},
});
