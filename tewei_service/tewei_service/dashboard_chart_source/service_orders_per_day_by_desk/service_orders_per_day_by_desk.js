frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Service Orders per Day by Desk"] = {
	method: "tewei_service.tewei_service.dashboard_chart_source.service_orders_per_day_by_desk.service_orders_per_day_by_desk.get",
	filters: [],
};
