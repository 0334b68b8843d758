import frappe

from tewei_service.dashboards import orders_per_day_by_desk


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
	return orders_per_day_by_desk(to_date)
