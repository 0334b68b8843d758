frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Service Revenue by Service per Month"] = {
	method: "tewei_service.tewei_service.dashboard_chart_source.service_revenue_by_service_per_month.service_revenue_by_service_per_month.get",
	filters: [],
};
