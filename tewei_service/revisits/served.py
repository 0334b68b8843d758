"""Served households (SPEC V1, V3): who received home service in a period, and what.

A household is served in a period when
- one of its Service Work Orders was completed in it (state Completed or Checked, `completed_on` in
  the period), or
- it had a Service Agreement in force for at least a day of it (submitted, Active or Terminated,
  start date on or before the period's last day, end date and any early last day of service on or
  after its first day): regular service under an agreement is home service every month it runs.
Periods are [start, end): `end` is the first day after the period.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe.utils import getdate

from tewei_service.rules.revisits import HouseholdService
from tewei_service.states import AgreementState, WorkOrderState

AGREEMENT_FIELDS = [
	"name",
	"household",
	"customer",
	"property_project",
	"department",
	"company",
	"start_date",
	"terminated_on",
]


def company_projects(company: str) -> list[str]:
	return frappe.get_all("Property Project", {"company": company}, pluck="name")


def served_orders(start: date, end: date, company: str | None = None) -> list[dict]:
	"""The orders completed in the period, each with its `items` (catalogue item, amount) and its
	household's property project (`household_project`)."""
	order = frappe.qb.DocType("Service Work Order")
	household = frappe.qb.DocType("Household")
	item = frappe.qb.DocType("Service Work Order Item")
	# The period's orders are found by the (workflow_state, completed_on) index; their item rows
	# join them on the same condition rather than taking a list of every order's name.
	served = (
		order.workflow_state.isin(WorkOrderState.SERVED)
		& (order.completed_on >= start)
		& (order.completed_on < end)
	)
	if company:
		served &= order.property_project.isin(company_projects(company) or [""])
	orders = (
		frappe.qb.from_(order)
		.left_join(household)
		.on(household.name == order.household)
		.select(
			order.name,
			order.household,
			order.customer,
			order.property_project,
			order.department,
			order.assigned_staff,
			order.completed_on,
			order.response_status,
			order.total_amount,
			order.warranty_of,
			household.property_project.as_("household_project"),
		)
		.where(served)
		.orderby(order.completed_on)
		.orderby(order.name)
		.run(as_dict=True)
	)
	rows = defaultdict(list)
	for row in (
		frappe.qb.from_(item)
		.join(order)
		.on(order.name == item.parent)
		.select(item.parent, item.catalogue_item, item.amount)
		.where((item.parenttype == "Service Work Order") & served)
		.orderby(item.parent)
		.orderby(item.idx)
		.run(as_dict=True)
	):
		rows[row.parent].append(row)
	for record in orders:
		record["items"] = rows[record.name]
	return orders


def agreements_in_force(start: date, end: date, company: str | None = None) -> list[dict]:
	"""The submitted agreements that ran for at least one day of the period (an agreement ended
	early runs to its last day of service)."""
	filters = [
		["docstatus", "=", 1],
		["workflow_state", "in", AgreementState.SERVED],
		["start_date", "<", end],
	]
	if company:
		filters.append(["company", "=", company])
	agreements = [
		agreement
		for agreement in frappe.get_all(
			"Service Agreement",
			filters=filters,
			or_filters=[["end_date", "is", "not set"], ["end_date", ">=", start]],
			fields=AGREEMENT_FIELDS,
			order_by="start_date, name",
		)
		if not agreement.terminated_on or getdate(agreement.terminated_on) >= start
	]
	return with_services(agreements)


def agreements_named(names) -> dict[str, dict]:
	"""The named agreements (any state), by name, each with its `services`."""
	names = [name for name in set(names) if name]
	if not names:
		return {}
	agreements = frappe.get_all("Service Agreement", {"name": ("in", names)}, AGREEMENT_FIELDS)
	return {agreement.name: agreement for agreement in with_services(agreements)}


def with_services(agreements: list[dict]) -> list[dict]:
	"""Give each agreement its `services` (catalogue item, staff)."""
	return with_rows(
		agreements, "Service Agreement", "services", "Service Agreement Item", ["catalogue_item", "staff"]
	)


def with_rows(records: list[dict], doctype: str, table: str, child_doctype: str, fields: list[str]):
	"""Give each record its child rows under `table`, read in one query."""
	rows = defaultdict(list)
	if records:
		for row in frappe.get_all(
			child_doctype,
			filters={"parenttype": doctype, "parent": ("in", [record.name for record in records])},
			fields=["parent", *fields],
			order_by="idx",
		):
			rows[row.parent].append(row)
	for record in records:
		record[table] = rows[record.name]
	return records


class ServedPeriod:
	"""Everything served in a period, by the household's property project.

	The orders and agreements are grouped by household (and households by project) once, so each
	question below costs what its answer holds, not the whole period's size."""

	def __init__(self, start: date, end: date, company: str | None = None):
		self.start, self.end = start, end
		self.orders = served_orders(start, end, company)
		self.agreements = agreements_in_force(start, end, company)
		self.by_household_orders = defaultdict(list)
		self.by_household_agreements = defaultdict(list)
		for order in self.orders:
			self.by_household_orders[order.household].append(order)
		for agreement in self.agreements:
			self.by_household_agreements[agreement.household].append(agreement)
		households = set(self.by_household_orders) | set(self.by_household_agreements)
		self.projects = {order.household: order.household_project for order in self.orders}
		others = list(set(self.by_household_agreements) - set(self.projects))
		if others:
			self.projects |= dict(
				frappe.get_all(
					"Household",
					filters={"name": ("in", others)},
					fields=["name", "property_project"],
					as_list=True,
				)
			)
		self.all_households = sorted(households)
		self.by_project = defaultdict(list)
		for household in self.all_households:
			self.by_project[self.projects.get(household)].append(household)

	def households(self, project: str | None = None) -> list[str]:
		"""The served households (of one project), sorted."""
		if project is None:
			return list(self.all_households)
		return list(self.by_project.get(project) or [])

	def project_names(self) -> list[str]:
		return sorted(project for project in self.by_project if project)

	def orders_of(self, household: str) -> list[dict]:
		return self.by_household_orders.get(household) or []

	def agreements_of(self, household: str) -> list[dict]:
		return self.by_household_agreements.get(household) or []

	def agreements_of_project(self, project: str) -> list[dict]:
		"""The agreements in force of the project's households, in start order."""
		return [
			agreement for agreement in self.agreements if self.projects.get(agreement.household) == project
		]

	def services(self, project: str | None = None) -> dict[str, HouseholdService]:
		"""Per served household, the service items it received and the staff who did the work (on
		its orders, and named on its agreements)."""
		found = {}
		for household in self.households(project):
			service = found[household] = HouseholdService()
			for order in self.orders_of(household):
				service.items |= {row.catalogue_item for row in order["items"] if row.catalogue_item}
				if order.assigned_staff:
					service.staff.add(order.assigned_staff)
			for agreement in self.agreements_of(household):
				service.items |= {row.catalogue_item for row in agreement["services"] if row.catalogue_item}
				service.staff |= {row.staff for row in agreement["services"] if row.staff}
		return found
