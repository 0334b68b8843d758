"""The figures of 《居家服務情況統計分析報告》 (SPEC V4): a month's home service by service item,
department or staff member. Every figure describes the service delivered in the month:

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
- Warranty repairs (R4): those of the month's orders that repair a repeat fault free of charge.
- Declined (R5): the requests declined in the month (`declined_on`), by their services, department
  or (none yet) staff.
- Department: the order's department, else the service's delivering department; for an agreement,
  the agreement's department.

A reader limited to some property projects (P2) gets the figures of theirs only: the orders,
agreements and revisits of those projects, and the invoice lines of those orders and agreements.
"""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe.utils import add_days

from tewei_service.revisits.served import agreements_named, company_projects, served_orders, with_rows
from tewei_service.rules import revisits as rules
from tewei_service.rules.revisits import Figures, analyse
from tewei_service.states import WorkOrderState

ITEM, DEPARTMENT, STAFF = "Item", "Department", "Staff"
GROUP_BY = (ITEM, DEPARTMENT, STAFF)
TOTAL = "total"


@dataclass
class MonthFigures:
	groups: dict[str, Figures]  # by service item, department or staff member
	total: Figures  # the whole month


def month_figures(
	month: date, company: str | None, group_by: str, projects: list[str] | None = None
) -> MonthFigures:
	"""The figures of the month starting on `month`, by `group_by` and in total; of `projects`
	only, unless None."""
	return MonthFacts(month, company, projects).figures(group_by)


class MonthFacts:
	"""What a month's figures are made of: its orders, invoice lines and revisits, each read once."""

	def __init__(self, month: date, company: str | None, projects: list[str] | None = None):
		end = rules.add_months(month, 1)
		self.company = company
		self.orders = {
			order.name: order
			for order in served_orders(month, end, company)
			if projects is None or order.property_project in projects
		}
		catalogue = frappe.get_all("Service Catalogue Item", fields=["name", "item", "department"])
		self.catalogue_of_item = {row.item: row.name for row in catalogue if row.item}
		self.item_department = {row.name: row.department for row in catalogue}
		self.order_invoices = order_invoice_lines(list(self.orders))
		self.agreement_invoices = agreement_invoice_lines(month, end, company, projects)
		self.order_revisits = order_revisits(list(self.orders))
		self.declined = declined_requests(month, end, company, projects)
		self.agreement_revisits = agreement_revisits(month, end, projects)
		self.agreements = agreements_named(
			{line.agreement for line in self.agreement_invoices}
			| {revisit.service_agreement for revisit in self.agreement_revisits}
		)

	# Groups
	# ------

	def order_keys(self, order, group_by: str) -> set:
		if group_by == ITEM:
			return {row.catalogue_item for row in order["items"]} or {None}
		if group_by == DEPARTMENT:
			if order.department:
				return {order.department}
			return {self.item_department.get(row.catalogue_item) for row in order["items"]} or {None}
		return {order.assigned_staff}

	@staticmethod
	def agreement_keys(agreement, group_by: str, catalogue_item: str | None = None) -> set:
		services = [
			row for row in agreement["services"] if not catalogue_item or row.catalogue_item == catalogue_item
		]
		if group_by == ITEM:
			return {row.catalogue_item for row in services} or {catalogue_item}
		if group_by == DEPARTMENT:
			return {agreement.department}
		return {row.staff for row in services} or {None}

	# Figures
	# -------

	def figures(self, group_by: str) -> MonthFigures:
		"""One pass over the facts gives both the groups' figures and the month's total."""
		orders = [(self.order_keys(order, group_by), order.response_status) for order in self.orders.values()]
		lines = self.revenue_lines(group_by)
		revisits = self.revisit_entries(group_by)
		groups = analyse(
			orders,
			[(key, amount / len(keys)) for keys, amount in lines for key in keys],
			revisits,
		)
		total = analyse(
			[({TOTAL}, status) for _keys, status in orders],
			[(TOTAL, amount) for _keys, amount in lines],
			[({TOTAL}, average, complaint) for _keys, average, complaint in revisits],
		)
		total = total.get(TOTAL) or Figures()
		self.count_orders(groups, total, group_by)
		return MonthFigures(groups, total)

	def count_orders(self, groups: dict[str, Figures], total: Figures, group_by: str) -> None:
		"""R4, R5: the warranty repairs among the month's orders, and the requests declined."""
		counted = (
			("warranty", [order for order in self.orders.values() if order.warranty_of]),
			("declined", self.declined),
		)
		for measure, orders in counted:
			for order in orders:
				for group in [groups.setdefault(key, Figures()) for key in self.order_keys(order, group_by)]:
					setattr(group, measure, getattr(group, measure) + 1)
				setattr(total, measure, getattr(total, measure) + 1)

	def revenue_lines(self, group_by: str) -> list[tuple[set, float]]:
		"""Each invoice line that counts, with the groups it is shared out among."""
		lines = []
		for line in self.order_invoices:
			keys = self.order_keys(self.orders[line.work_order], group_by)
			if group_by == ITEM:
				keys = {self.catalogue_of_item.get(line.item_code) or sorted(keys, key=str)[0]}
			lines.append((keys, line.amount))
		for line in self.agreement_invoices:
			agreement = self.agreements.get(line.agreement)
			if agreement:
				keys = self.agreement_keys(agreement, group_by, self.catalogue_of_item.get(line.item_code))
				lines.append((keys, line.amount))
		return lines

	def revisit_entries(self, group_by: str) -> list[tuple]:
		"""(groups, average rating, complaint) of each Done revisit that counts, and its complaint."""
		entries = []
		for revisit in self.order_revisits:
			keys = set().union(*(self.order_keys(self.orders[name], group_by) for name in revisit["orders"]))
			entries += rating_and_complaint(revisit, keys, group_by)
		for revisit in self.agreement_revisits:
			agreement = self.agreements.get(revisit.service_agreement)
			if agreement and (not self.company or agreement.company == self.company):
				entries += rating_and_complaint(revisit, self.agreement_keys(agreement, group_by), group_by)
		return entries


def rating_and_complaint(revisit, keys: set, group_by: str) -> list[tuple]:
	entries = [(keys, revisit["average_rating"] or None, False)]
	if revisit["complaint"]:
		staff = revisit["complaint_staff"]
		entries.append(({staff} if group_by == STAFF and staff else keys, None, True))
	return entries


# Facts
# -----


def declined_requests(start: date, end: date, company: str | None, projects: list[str] | None) -> list[dict]:
	"""The requests declined in [start, end) (R5), each with its `items`."""
	filters = [
		["workflow_state", "=", WorkOrderState.DECLINED],
		["declined_on", "between", (start, add_days(end, -1))],
	]
	if company:
		filters.append(["property_project", "in", company_projects(company) or [""]])
	if projects is not None:
		filters.append(["property_project", "in", projects or [""]])
	orders = frappe.get_all(
		"Service Work Order",
		filters=filters,
		fields=["name", "department", "assigned_staff", "property_project"],
	)
	return with_rows(orders, "Service Work Order", "items", "Service Work Order Item", ["catalogue_item"])


def order_invoice_lines(orders: list[str]) -> list[dict]:
	"""The submitted invoice lines (credit notes included) of the orders, whenever billed."""
	if not orders:
		return []
	return frappe.db.sql(
		"""
		select line.tewei_work_order as work_order, line.item_code, line.base_net_amount as amount
		from `tabSales Invoice Item` line
		join `tabSales Invoice` invoice on invoice.name = line.parent
		where invoice.docstatus = 1 and line.tewei_work_order in %(orders)s
		""",
		{"orders": tuple(orders)},
		as_dict=True,
	)


def agreement_invoice_lines(
	start: date, end: date, company: str | None, projects: list[str] | None = None
) -> list[dict]:
	"""The submitted agreement invoice lines whose billing cycle starts in [start, end), of the
	agreements of `projects` only, unless None."""
	return frappe.db.sql(
		"""
		select invoice.tewei_service_agreement as agreement, line.item_code,
			line.base_net_amount as amount
		from `tabSales Invoice Item` line
		join `tabSales Invoice` invoice on invoice.name = line.parent
		join `tabService Agreement` agreement on agreement.name = invoice.tewei_service_agreement
		where invoice.docstatus = 1
			and coalesce(invoice.tewei_cycle_start, invoice.posting_date) >= %(start)s
			and coalesce(invoice.tewei_cycle_start, invoice.posting_date) < %(end)s
			and (%(company)s = '' or invoice.company = %(company)s)
			and (%(every_project)s or agreement.property_project in %(projects)s)
		""",
		{
			"start": start,
			"end": end,
			"company": company or "",
			"every_project": projects is None,
			"projects": tuple(projects or [""]),
		},
		as_dict=True,
	)


def order_revisits(orders: list[str]) -> list[dict]:
	"""Done revisits about the orders, each with the orders of the list it names."""
	if not orders:
		return []
	rows = frappe.db.sql(
		"""
		select rr.name, rr.average_rating, rr.complaint, rr.complaint_staff, o.work_order
		from `tabRevisit Record` rr
		join `tabRevisit Record Order` o on o.parent = rr.name and o.parenttype = 'Revisit Record'
		where rr.status = %(done)s and o.work_order in %(orders)s
		""",
		{"done": rules.DONE, "orders": tuple(orders)},
		as_dict=True,
	)
	revisits = {}
	for row in rows:
		revisit = revisits.setdefault(row.name, {**row, "orders": []})
		revisit["orders"].append(row.work_order)
	return list(revisits.values())


def agreement_revisits(start: date, end: date, projects: list[str] | None = None) -> list[dict]:
	"""Done revisits of an agreement that name no order, planned in [start, end), of the agreements
	of `projects` only, unless None."""
	return frappe.db.sql(
		"""
		select rr.name, rr.average_rating, rr.complaint, rr.complaint_staff, rr.service_agreement
		from `tabRevisit Record` rr
		join `tabService Agreement` agreement on agreement.name = rr.service_agreement
		where rr.status = %(done)s
			and rr.plan_month >= %(start)s and rr.plan_month < %(end)s
			and not exists (select 1 from `tabRevisit Record Order` o where o.parent = rr.name)
			and (%(every_project)s or agreement.property_project in %(projects)s)
		""",
		{
			"done": rules.DONE,
			"start": start,
			"end": end,
			"every_project": projects is None,
			"projects": tuple(projects or [""]),
		},
		as_dict=True,
	)
