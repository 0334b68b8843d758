// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

// The list's plan buttons: who may press them, what they call and which day they ask for.
const PLANS = [
	{
		roles: ["Customer Service", "System Manager"],
		label: __("Make Monthly Revisit Plan"),
		method: "tewei_service.revisits.plan.make_plan_now",
		argument: "month",
		date_label: __("Any Day of the Month"),
		months_back: 1,
	},
	{
		roles: ["Quality", "System Manager"],
		label: __("Draw Quarterly Spot Check"),
		method: "tewei_service.revisits.spot_check.make_spot_check_now",
		argument: "quarter",
		date_label: __("Any Day of the Quarter"),
		months_back: 3,
	},
];

function make_plan(listview, plan) {
	frappe.prompt(
		[
			{
				fieldname: "day",
				fieldtype: "Date",
				label: plan.date_label,
				default: frappe.datetime.add_months(frappe.datetime.get_today(), -plan.months_back),
				reqd: 1,
			},
		],
		// The server makes the plan on the long queue (a progress bar shows how far it is) and
		// tells the result when done (see on_job_done); tests get the result at once.
		(values) =>
			frappe.call(plan.method, { [plan.argument]: values.day }).then((r) => {
				frappe.show_alert({ message: r.message, indicator: "blue" }, 10);
			}),
		plan.label,
		__("Make Plan")
	);
}

frappe.listview_settings["Revisit Record"] = {
	add_fields: ["status", "complaint"],
	get_indicator(doc) {
		if (doc.status === "Done") {
			return doc.complaint
				? [__("Complaint"), "red", "complaint,=,1"]
				: [__("Done"), "green", "status,=,Done"];
		}
		return [__("Planned"), "orange", "status,=,Planned"];
	},
	onload(listview) {
		// One handler per page: the job's result, on whichever list asked for it.
		frappe.realtime.off("tewei_revisit_job_done");
		frappe.realtime.on("tewei_revisit_job_done", (data) => {
			frappe.hide_progress();
			frappe.msgprint(data.message, data.title);
			listview.refresh();
		});
		for (const plan of PLANS) {
			if (frappe.user.has_role(plan.roles)) {
				listview.page.add_inner_button(plan.label, () => make_plan(listview, plan));
			}
		}
	},
};
