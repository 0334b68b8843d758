# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt
"""《居家服務情況統計分析報告》 (SPEC V4): a month against the month before, by service item, department
or staff member. Every figure describes the service delivered in the month:

- Orders: the Service Work Orders completed in the month (Completed or Checked). An order with two
  services counts once for each service.
- Revenue: what ERPNext invoiced for that service, net of discounts and before tax (Sales Invoice
  Item base_net_amount of submitted invoices, credit notes deducted): the lines of the month's
  orders (`tewei_work_order`), whenever they were billed, plus the invoices of agreements
  (`tewei_service_agreement`) whose billing cycle starts in the month. An order not billed yet has
  no revenue yet.
- Response compliance: of the month's orders whose commitment was decided (Met or Breached), the
  share met.
- Satisfaction: the average of the three 1-5 ratings of the Done revisits about the month's orders
  (any method, quality checks included). Revisits of an agreement without orders count, for the
  agreement's services, in their plan month. A revisit counts once in each group it concerns.
- Complaints: those revisits that recorded a complaint; by staff, against the staff member named in
  the complaint (else the staff who did the work).
- Department: the order's department, else the service's delivering department; for an agreement,
  the agreement's department.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from tewei_service.revisits.served import ServedPeriod
from tewei_service.rules import revisits as rules
from tewei_service.rules.revisits import Figures, analyse

GROUPS = {"Item": "Service Catalogue Item", "Department": "Department", "Staff": "Employee"}
GROUP_LABELS = {"Item": "Service Item", "Department": "Department", "Staff": "Staff Member"}
MEASURES = (
	("orders", "Orders", "Int", 90),
	("revenue", "Revenue", "Currency", 120),
	("compliance", "Response Compliance (%)", "Percent", 120),
	("satisfaction", "Satisfaction (1-5)", "Float", 110),
	("complaints", "Complaints", "Int", 100),
)
TOTAL = "total"


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, dict, list[dict]]:
	filters = frappe._dict(filters or {})
	group_by = filters.group_by if filters.group_by in GROUPS else "Item"
	month = rules.month_start(getdate(filters.month or today()))
	previous = rules.add_months(month, -1)
	this_month = MonthFacts(month, filters.company)
	month_before = MonthFacts(previous, filters.company)
	current, before = this_month.figures(group_by), month_before.figures(group_by)
	data = get_data(current, before, group_by)
	chart = get_chart(data, filters.chart_on or "orders", month, previous)
	summary = get_summary(
		this_month.figures(TOTAL).get(TOTAL) or Figures(), month_before.figures(TOTAL).get(TOTAL) or Figures()
	)
	return get_columns(group_by, month, previous), data, None, chart, summary


def get_columns(group_by: str, month: date, previous: date) -> list[dict]:
	columns = [
		# Not a Link: the desk would then filter the rows by read permission on Department or
		# Employee, which Quality and customer service do not have.
		{"fieldname": "group", "label": _(GROUP_LABELS[group_by]), "fieldtype": "Data", "width": 140},
		{"fieldname": "group_name", "label": _("Name"), "fieldtype": "Data", "width": 180},
	]
	for fieldname, label, fieldtype, width in MEASURES:
		for suffix, day in (("", month), ("_previous", previous)):
			columns.append(
				{
					"fieldname": fieldname + suffix,
					"label": f"{_(label)} {day:%Y-%m}",
					"fieldtype": fieldtype,
					"width": width,
				}
			)
	return columns


class MonthFacts:
	"""What the month's figures are made of: its orders, invoice lines and revisits."""

	def __init__(self, month: date, company: str | None):
		self.month, self.end = month, rules.add_months(month, 1)
		self.company = company
		period = ServedPeriod(month, self.end, company)
		self.orders = {order.name: order for order in period.orders}
		catalogue = frappe.get_all("Service Catalogue Item", fields=["name", "item", "department"])
		self.catalogue_of_item = {row.item: row.name for row in catalogue if row.item}
		self.item_department = {row.name: row.department for row in catalogue}
		self.agreement_invoices = self.get_agreement_invoice_lines()
		self.agreements = self.get_agreements(
			{line.agreement for line in self.agreement_invoices} | self.agreement_revisit_names()
		)

	# Groups
	# ------

	def order_keys(self, order, group_by: str) -> set:
		if group_by == TOTAL:
			return {TOTAL}
		if group_by == "Item":
			return {row.catalogue_item for row in order["items"]} or {None}
		if group_by == "Department":
			if order.department:
				return {order.department}
			return {self.item_department.get(row.catalogue_item) for row in order["items"]} or {None}
		return {order.assigned_staff}

	def agreement_keys(self, agreement, group_by: str, catalogue_item: str | None = None) -> set:
		services = [
			row for row in agreement["services"] if not catalogue_item or row.catalogue_item == catalogue_item
		]
		if group_by == TOTAL:
			return {TOTAL}
		if group_by == "Item":
			return {row.catalogue_item for row in services} or {catalogue_item}
		if group_by == "Department":
			return {agreement.department}
		return {row.staff for row in services} or {None}

	# Facts
	# -----

	def get_order_invoice_lines(self) -> list[dict]:
		if not self.orders:
			return []
		return frappe.db.sql(
			"""
			select line.tewei_work_order as work_order, line.item_code, line.base_net_amount as amount
			from `tabSales Invoice Item` line
			join `tabSales Invoice` invoice on invoice.name = line.parent
			where invoice.docstatus = 1 and line.tewei_work_order in %(orders)s
			""",
			{"orders": tuple(self.orders)},
			as_dict=True,
		)

	def get_agreement_invoice_lines(self) -> list[dict]:
		return frappe.db.sql(
			"""
			select invoice.tewei_service_agreement as agreement, line.item_code,
				line.base_net_amount as amount
			from `tabSales Invoice Item` line
			join `tabSales Invoice` invoice on invoice.name = line.parent
			where invoice.docstatus = 1 and ifnull(invoice.tewei_service_agreement, '') != ''
				and coalesce(invoice.tewei_cycle_start, invoice.posting_date) >= %(start)s
				and coalesce(invoice.tewei_cycle_start, invoice.posting_date) < %(end)s
				and (%(company)s = '' or invoice.company = %(company)s)
			""",
			{"start": self.month, "end": self.end, "company": self.company or ""},
			as_dict=True,
		)

	def agreement_revisit_names(self) -> set[str]:
		return {row.service_agreement for row in self.agreement_revisits()}

	def agreement_revisits(self) -> list[dict]:
		"""Done revisits of an agreement that name no order, in their plan month."""
		if not hasattr(self, "_agreement_revisits"):
			self._agreement_revisits = frappe.db.sql(
				"""
				select rr.name, rr.average_rating, rr.complaint, rr.complaint_staff, rr.service_agreement
				from `tabRevisit Record` rr
				where rr.status = 'Done' and ifnull(rr.service_agreement, '') != ''
					and rr.plan_month >= %(start)s and rr.plan_month < %(end)s
					and not exists (select 1 from `tabRevisit Record Order` o where o.parent = rr.name)
				""",
				{"start": self.month, "end": self.end},
				as_dict=True,
			)
		return self._agreement_revisits

	@staticmethod
	def get_agreements(names: set[str]) -> dict[str, dict]:
		names = {name for name in names if name}
		if not names:
			return {}
		agreements = {
			a.name: a
			for a in frappe.get_all(
				"Service Agreement", {"name": ("in", list(names))}, ["name", "department", "company"]
			)
		}
		services = defaultdict(list)
		for row in frappe.get_all(
			"Service Agreement Item",
			{"parenttype": "Service Agreement", "parent": ("in", list(agreements))},
			["parent", "catalogue_item", "staff"],
			order_by="idx",
		):
			services[row.parent].append(row)
		for agreement in agreements.values():
			agreement["services"] = services[agreement.name]
		return agreements

	def order_revisits(self) -> list[dict]:
		"""Done revisits about the month's orders, each with the month's orders it names."""
		if not self.orders:
			return []
		rows = frappe.db.sql(
			"""
			select rr.name, rr.average_rating, rr.complaint, rr.complaint_staff, o.work_order
			from `tabRevisit Record` rr
			join `tabRevisit Record Order` o on o.parent = rr.name and o.parenttype = 'Revisit Record'
			where rr.status = 'Done' and o.work_order in %(orders)s
			""",
			{"orders": tuple(self.orders)},
			as_dict=True,
		)
		revisits = {}
		for row in rows:
			revisit = revisits.setdefault(row.name, {**row, "orders": []})
			revisit["orders"].append(row.work_order)
		return list(revisits.values())

	# Figures
	# -------

	def figures(self, group_by: str) -> dict[str, Figures]:
		orders = [(self.order_keys(order, group_by), order.response_status) for order in self.orders.values()]

		revenue = []
		for line in self.get_order_invoice_lines():
			order = self.orders[line.work_order]
			keys = self.order_keys(order, group_by)
			if group_by == "Item":
				keys = {self.catalogue_of_item.get(line.item_code) or sorted(keys, key=str)[0]}
			revenue += [(key, line.amount / len(keys)) for key in keys]
		for line in self.agreement_invoices:
			agreement = self.agreements.get(line.agreement)
			if not agreement:
				continue
			keys = self.agreement_keys(agreement, group_by, self.catalogue_of_item.get(line.item_code))
			revenue += [(key, line.amount / len(keys)) for key in keys]

		revisits = []
		for revisit in self.order_revisits():
			keys = set().union(*(self.order_keys(self.orders[name], group_by) for name in revisit["orders"]))
			revisits += self.revisit_entries(revisit, keys, group_by)
		for revisit in self.agreement_revisits():
			agreement = self.agreements.get(revisit.service_agreement)
			if agreement and (not self.company or agreement.company == self.company):
				revisits += self.revisit_entries(revisit, self.agreement_keys(agreement, group_by), group_by)
		return analyse(orders, revenue, revisits)

	@staticmethod
	def revisit_entries(revisit, keys: set, group_by: str) -> list[tuple]:
		entries = [(keys, revisit["average_rating"] or None, False)]
		if revisit["complaint"]:
			staff = revisit["complaint_staff"]
			entries.append(({staff} if group_by == "Staff" and staff else keys, None, True))
		return entries


def group_names(group_by: str, keys: list) -> dict:
	names = [key for key in keys if key]
	if not names:
		return {}
	doctype = GROUPS[group_by]
	field = {"Item": "service_name", "Department": "department_name", "Staff": "employee_name"}[group_by]
	return dict(frappe.get_all(doctype, {"name": ("in", names)}, ["name", field], as_list=True))


def get_data(current: dict[str, Figures], before: dict[str, Figures], group_by: str) -> list[dict]:
	keys = sorted(
		set(current) | set(before),
		key=lambda key: (
			-(current.get(key) or Figures()).orders,
			-(current.get(key) or Figures()).revenue,
			str(key),
		),
	)
	names = group_names(group_by, keys)
	rows = []
	for key in keys:
		row = {"group": key, "group_name": names.get(key) or (key or _("Not Set"))}
		for suffix, figures in (("", current.get(key)), ("_previous", before.get(key))):
			figures = figures or Figures()
			row.update({fieldname + suffix: getattr(figures, fieldname) for fieldname, *_rest in MEASURES})
		rows.append(row)
	return rows


CHART_MEASURES = {fieldname: label for fieldname, label, *_rest in MEASURES}


def get_chart(data: list[dict], measure: str, month: date, previous: date) -> dict:
	measure = measure if measure in CHART_MEASURES else "orders"
	return {
		"data": {
			"labels": [row["group_name"] for row in data],
			"datasets": [
				{"name": f"{previous:%Y-%m}", "values": [row[measure + "_previous"] or 0 for row in data]},
				{"name": f"{month:%Y-%m}", "values": [row[measure] or 0 for row in data]},
			],
		},
		"title": _(CHART_MEASURES[measure]),
		"type": "bar",
		"colors": ["#b0b8c1", "#2490ef"],
		"fieldtype": dict((m[0], m[2]) for m in MEASURES)[measure],
	}


def get_summary(current: Figures, before: Figures) -> list[dict]:
	summary = []
	for fieldname, label, fieldtype, _width in MEASURES:
		value, previous = getattr(current, fieldname), getattr(before, fieldname)
		better = fieldname != "complaints"
		if value is None or previous is None or value == previous:
			indicator = "Blue"
		else:
			indicator = "Green" if (value > previous) == better else "Red"
		summary.append({"value": value, "label": _(label), "datatype": fieldtype, "indicator": indicator})
	return summary
