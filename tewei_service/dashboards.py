"""The data of the workspace's custom charts (dashboard_chart_source/): read with frappe.get_list,
so each user's chart counts only what they may see (P2: staff their own orders, office roles
their projects)."""

from collections import defaultdict
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_months, flt, getdate, today

from tewei_service.states import WorkOrderState

ORDER = "Service Work Order"
DAYS_SHOWN = 30
MONTHS_SHOWN = 6


def orders_per_day_by_desk(to_date=None) -> dict:
	"""Orders taken each day of the last month, one dataset per desk (W2)."""
	end = getdate(to_date or today())
	start = end - timedelta(days=DAYS_SHOWN - 1)
	rows = frappe.get_list(
		ORDER,
		fields=["order_date", "desk", "count(name) as orders"],
		filters=[[ORDER, "order_date", "between", [start, end]]],
		group_by="order_date, desk",
		order_by="order_date",
	)
	days = [start + timedelta(days=offset) for offset in range(DAYS_SHOWN)]
	counts = defaultdict(dict)
	for row in rows:
		counts[row.desk or _("Not Set")][getdate(row.order_date)] = row.orders
	return {
		"labels": [frappe.format_value(day, {"fieldtype": "Date"}) for day in days],
		"datasets": [
			{"name": _(desk), "values": [by_day.get(day, 0) for day in days]}
			for desk, by_day in sorted(counts.items())
		],
	}


def revenue_by_service_per_month(to_date=None) -> dict:
	"""What the served orders of each of the last months charged, per service (S1, S2)."""
	end = getdate(to_date or today())
	first = add_months(end.replace(day=1), 1 - MONTHS_SHOWN)
	rows = frappe.get_list(
		ORDER,
		fields=[
			"completed_on",
			"`tabService Work Order Item`.service_name as service",
			"`tabService Work Order Item`.amount as amount",
		],
		filters=[
			[ORDER, "workflow_state", "in", WorkOrderState.SERVED],
			[ORDER, "completed_on", ">=", first],
		],
	)
	months = [add_months(first, offset) for offset in range(MONTHS_SHOWN)]
	totals = defaultdict(lambda: defaultdict(float))
	for row in rows:
		if row.completed_on and row.amount:
			totals[row.service or _("Temporary service")][getdate(row.completed_on).replace(day=1)] += flt(
				row.amount
			)
	return {
		"labels": [month.strftime("%Y-%m") for month in months],
		"datasets": [
			{"name": service, "values": [flt(by_month.get(month, 0), 2) for month in months]}
			for service, by_month in sorted(totals.items())
		],
	}
