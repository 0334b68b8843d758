"""The procedures' catalogue of special services (C1-C3), each fee drafted by a branch manager,
passed by finance and approved by leadership through the Workflow; one proposal rejected, one
waiting for finance, one fee changed during the month; and the price notice for the lobby."""

from datetime import timedelta

import frappe
from frappe.utils import today

from tewei_service.demo.context import Demo, act, as_user
from tewei_service.states import CatalogueState

# key → (service name, category, unit of charge, fee, department, request type)
SERVICES = {
	"rental": ("租賃代理 Rental agency", "Rental Agency", "Nos", 800, None, "Other"),
	"cleaning": ("室內清潔 Indoor cleaning", "Cleaning", "Hour", 45, "housekeeping", "Housekeeping"),
	"windows": ("玻璃清潔 Window cleaning", "Cleaning", "Hour", 60, "housekeeping", "Housekeeping"),
	"plants": ("植物養護 Plant care", "Plant Care", "Nos", 30, "housekeeping", "Housekeeping"),
	"repair": ("有償維修 Paid repair (per hour)", "Repair", "Hour", 80, "repairs", "Home Repair"),
	"meeting_room": ("會議室租用 Meeting-room rental", "Meeting Room", "Hour", 100, None, "Housekeeping"),
	"laundry": ("洗衣 Laundry (per piece)", "Laundry", "Nos", 12, "housekeeping", "Housekeeping"),
	"copying": ("複印 Copying (per page)", "Copying", "Nos", 0.5, None, "Housekeeping"),
	"alarm_install": ("家居報警安裝 Home alarm install", "Home Alarm", "Set", 380, "repairs", "Home Alarm"),
	"alarm_move": ("家居報警移位 Home alarm move", "Home Alarm", "Set", 150, "repairs", "Home Alarm"),
	"alarm_repair": ("家居報警維修 Home alarm repair", "Home Alarm", "Nos", 90, "repairs", "Home Alarm"),
	"errand": ("代客購物服務費 Errand fee", "Errand", "Nos", 5, None, "Housekeeping"),
}
REJECTED = ("地毯清洗 Carpet shampoo", "Cleaning", "Hour", 200)
WAITING = ("寵物照料 Pet sitting", "Other", "Day", 120)


def make_catalogue(demo: Demo) -> None:
	effective = (demo.start - timedelta(days=7)).date()
	for key, (name, category, unit, fee, department_key, _request) in SERVICES.items():
		item = draft(demo, name, category, unit, fee, effective, department_key)
		approve(demo, item)
		demo.catalogue[key] = item
	rejected = draft(demo, *REJECTED, effective, "housekeeping")
	act("Service Catalogue Item", rejected, "Submit for Review", demo.users["bm_riverside"])
	act(
		"Service Catalogue Item",
		rejected,
		"Reject",
		demo.users["finance"],
		rejection_reason="The fee is far above what the market charges; please revise.",
	)
	waiting = draft(demo, *WAITING, effective, "housekeeping")
	act("Service Catalogue Item", waiting, "Submit for Review", demo.users["bm_maple"])
	demo.note("Service Catalogue Item", rejected)


def change_fee(demo: Demo, key: str, new_fee: float) -> None:
	"""A fee change is a new proposal through the same steps; the old fee stays until approved."""
	item = demo.catalogue[key]
	act("Service Catalogue Item", item, "Change Fee", demo.users["bm_riverside"])

	as_user(
		demo.users["bm_riverside"],
		lambda: (
			frappe.get_doc("Service Catalogue Item", item)
			.update({"proposed_fee": new_fee, "effective_date": today()})
			.save()
		),
	)
	approve(demo, item)


def draft(demo: Demo, name, category, unit, fee, effective, department_key) -> str:
	if not frappe.db.exists("UOM", unit):
		unit = "Nos"
	doc = as_user(
		demo.users["bm_riverside"],
		lambda: frappe.get_doc(
			{
				"doctype": "Service Catalogue Item",
				"service_name": name,
				"category": category,
				"unit_of_charge": unit,
				"department": demo.departments.get(department_key),
				"proposed_fee": fee,
				"effective_date": effective,
			}
		).insert(),
	)
	return doc.name


def approve(demo: Demo, item: str) -> None:
	if frappe.db.get_value("Service Catalogue Item", item, "workflow_state") != CatalogueState.FINANCE_REVIEW:
		act("Service Catalogue Item", item, "Submit for Review", demo.users["bm_riverside"])
	act("Service Catalogue Item", item, "Approve", demo.users["finance"])
	act("Service Catalogue Item", item, "Approve", demo.users["leader"])


def make_price_notices(demo: Demo) -> None:
	"""C3: the approved catalogue announced on each project's lobby board."""

	for project in demo.projects:
		notice = as_user(
			demo.users["bm_riverside"] if project == demo.projects[0] else demo.users["bm_maple"],
			lambda project=project: frappe.get_doc(
				{"doctype": "Service Price Notice", "notice_date": today(), "property_project": project}
			).insert(),
		)
		demo.note("Service Price Notice", notice.name)


def price_confirmation_for(demo: Demo, story) -> str:
	"""C5: a temporary job priced by labour and materials, signed by the department head and
	approved by the branch manager (the Workflow submits it)."""
	rng = demo.rng
	confirmation = as_user(
		story.cs,
		lambda: frappe.get_doc(
			{
				"doctype": "Price Confirmation",
				"company": demo.company,
				"customer": story.household.customer,
				"work_order": story.name,
				"posting_date": today(),
				"department": demo.departments["repairs"],
				"work_description": "更換衛生間水管並重鋪瓷磚 Replace the bathroom pipe and re-tile the floor",
				"labour": [
					{
						"work": "Plumbing 水管",
						"staff_count": 1,
						"hours": rng.choice((2, 3)),
						"hourly_cost": 45,
					},
					{
						"work": "Tiling 鋪磚",
						"staff_count": 2,
						"hours": rng.choice((2.5, 3.5)),
						"hourly_cost": 40,
					},
				],
				"materials": [
					{"description": "PPR pipe 水管", "qty": rng.randint(2, 5), "unit_cost": 18},
					{"description": "Floor tiles 瓷磚", "qty": rng.randint(8, 16), "unit_cost": 22.5},
				],
				"management_fee_percent": 10,
				"tax_percent": 6,
			}
		).insert(),
	).name
	as_user(story.head, lambda: frappe.get_doc("Price Confirmation", confirmation).sign())
	act("Price Confirmation", confirmation, "Submit for Approval", story.cs)
	act("Price Confirmation", confirmation, "Approve", story.bm)
	demo.note("Price Confirmation", confirmation)
	return confirmation
