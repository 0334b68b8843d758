"""Errand purchases (E1-E2): registered by customer service in the register ERR-00001…, bought,
receipt checked and signed for by the customer; goods at or over the threshold settled at the
finance desk; one entry deleted while a draft and one voided by the head, so the register shows
its gaps (report Errand Register Gaps); one not bought, with the reason."""

from datetime import datetime, time, timedelta

import frappe

from tewei_service.billing.immediate import settle
from tewei_service.demo import people
from tewei_service.demo.context import SIGNATURE, Demo, as_user, edit

ERRAND = "Errand Purchase"
GOODS = (
	("大米 Rice", "五常", "5 kg", 1, 68),
	("食用油 Cooking oil", "金龍魚", "5 L", 1, 79.9),
	("牛奶 Milk", "蒙牛", "1 L", 6, 12.5),
	("衛生紙 Tissues", "維達", "10 rolls", 2, 29.9),
	("藥品 Cold medicine", "感康", "12 tablets", 1, 8),
	("燈泡 Light bulb", "飛利浦", "9 W", 3, 15),
)


def schedule_errands(demo: Demo) -> None:
	days = max(1, (demo.end - demo.start).days)
	for index in range(demo.count(14)):
		moment = demo.start + timedelta(days=int(index * days / demo.count(14)), hours=10 + index % 6)
		demo.at(moment, lambda index=index: errand(demo, index))


def errand(demo: Demo, index: int) -> None:
	rng = demo.rng
	household = rng.choice(demo.households)
	cs = demo.users[("cs_riverside", "cs_maple")[demo.projects.index(household.project)]]
	buyer_user = demo.users[people.STAFF["housekeeping"][index % 3]]
	item, brand, spec, quantity, price = GOODS[index % len(GOODS)]
	now = frappe.utils.now_datetime()
	doc = as_user(
		cs,
		lambda: frappe.get_doc(
			{
				"doctype": ERRAND,
				"household": household.name,
				"customer": household.customer,
				"purchased_by": demo.employees[buyer_user],
				"registered_on": now,
				"deadline": now + timedelta(hours=4),
				"item_name": item,
				"brand": brand,
				"spec": spec,
				"quantity": quantity,
				"price": price,
				"service_item": demo.catalogue["errand"],
			}
		).insert(),
	)
	demo.note(ERRAND, doc.name)
	if index == 2:
		# Registered by mistake and deleted while a draft (by the system manager, the only role
		# that may): its number stays a gap.
		frappe.delete_doc(ERRAND, doc.name)
		return
	if index == 5:
		head = demo.users["head_housekeeping"]
		as_user(head, lambda: frappe.get_doc(ERRAND, doc.name).void("Registered for the wrong household."))
		return
	demo.at(now + timedelta(hours=rng.randint(1, 3)), lambda: deliver(demo, doc.name, buyer_user, index))


def deliver(demo: Demo, name: str, buyer_user: str, index: int) -> None:
	if index == 8:
		edit(ERRAND, name, buyer_user, not_purchased=1, not_purchased_reason="Sold out in every shop nearby.")
	else:
		edit(ERRAND, name, buyer_user, receipt_checked=1)
		edit(ERRAND, name, buyer_user, customer_signature=SIGNATURE)
	as_user(buyer_user, lambda: frappe.get_doc(ERRAND, name).submit())
	if index != 8:
		moment = datetime.combine(frappe.utils.getdate(), time(17, 30))
		demo.at(max(moment, frappe.utils.now_datetime()), lambda: settle_errand(demo, name))


def settle_errand(demo: Demo, name: str) -> None:
	result = as_user(demo.users["finance"], settle, ERRAND, name, mode_of_payment="Cash")
	demo.note("Errand Payment Entry", result["payment_entry"])
