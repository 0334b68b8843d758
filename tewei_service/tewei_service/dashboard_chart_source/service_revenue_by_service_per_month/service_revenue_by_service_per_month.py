import frappe

from tewei_service.dashboards import revenue_by_service_per_month


# Not @cache_source: it caches one result per chart for every user, and each user sees their own.
@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
):
	return revenue_by_service_per_month(to_date)
