// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

function make_plan(listview, label, method, date_label, months_back) {
	frappe.prompt(
		[
			{
				fieldname: "day",
				fieldtype: "Date",
				label: date_label,
				default: frappe.datetime.add_months(frappe.datetime.get_today(), -months_back),
				reqd: 1,
			},
		],
		(values) =>
			frappe.call(method, { [method.endsWith("make_plan_now") ? "month" : "quarter"]: values.day }).then((r) => {
				frappe.msgprint(r.message, label);
				listview.refresh();
			}),
		label,
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
		if (frappe.user.has_role(["Customer Service", "System Manager"])) {
			listview.page.add_inner_button(__("Make Monthly Revisit Plan"), () =>
				make_plan(
					listview,
					__("Make Monthly Revisit Plan"),
					"tewei_service.revisits.plan.make_plan_now",
					__("Any Day of the Month"),
					1
				)
			);
		}
		if (frappe.user.has_role(["Quality", "System Manager"])) {
			listview.page.add_inner_button(__("Draw Quarterly Spot Check"), () =>
				make_plan(
					listview,
					__("Draw Quarterly Spot Check"),
					"tewei_service.revisits.spot_check.make_spot_check_now",
					__("Any Day of the Quarter"),
					3
				)
			);
		}
	},
};
