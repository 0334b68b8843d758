// 月結批次 (SPEC S1): the run's jobs report how far they are; the form follows them live.
frappe.ui.form.on("Billing Run", {
	onload(frm) {
		frappe.realtime.off("tewei_billing_run_progress");
		frappe.realtime.on("tewei_billing_run_progress", (data) => {
			if (data.name !== frm.doc.name) return;
			if (["Queued", "Running"].includes(data.status)) {
				Object.assign(frm.doc, data);
				frm.trigger("show_progress");
				frm.refresh_fields();
			} else {
				frm.reload_doc();
			}
		});
	},

	refresh(frm) {
		frm.disable_save();
		if (frm.is_new()) {
			frm.enable_save();
			return;
		}
		frm.trigger("show_progress");
		if (["Queued", "Running"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Cancel Run"), () =>
				frappe.confirm(__("Stop the run? What it has billed stays billed."), () =>
					frappe
						.call("tewei_service.billing.billing_run.cancel_run", { run: frm.doc.name })
						.then(() => frm.reload_doc()),
				),
			);
		}
		if (["Failed", "Queued", "Running"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Resume"), () =>
				frappe
					.call("tewei_service.billing.billing_run.resume_run", { run: frm.doc.name })
					.then(() => frm.reload_doc()),
			);
		}
	},

	show_progress(frm) {
		if (!["Queued", "Running"].includes(frm.doc.status) || !frm.doc.customers) return;
		const done = frm.doc.customers_done || 0;
		frm.dashboard.show_progress(
			__("Billing notices"),
			(done * 100) / frm.doc.customers,
			__("{0} of {1} customers, {2} billing notices, {3} orders skipped", [
				done,
				frm.doc.customers,
				frm.doc.invoices || 0,
				frm.doc.skipped || 0,
			]),
		);
	},
});
