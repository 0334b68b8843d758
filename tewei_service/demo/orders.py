"""About 250 Service Work Orders over the two months, each lived through the real Workflow by
the people of its step (W1-W10): registered by customer service, quoted and confirmed, dispatched
by the department head, started and completed on site with the customer's signature, checked the
next morning; some rescheduled by either side, some cancelled, some with nobody at home (a
message slip), some not signed off the same day, some temporary jobs priced by a Price
Confirmation, response commitments met and breached. What would happen after now has not."""

import importlib
import importlib.util
from datetime import datetime, time, timedelta

import frappe
from frappe.utils import flt

from tewei_service.catalogue.fees import fee_in_force
from tewei_service.demo import people
from tewei_service.demo.catalogue import SERVICES, price_confirmation_for
from tewei_service.demo.context import SIGNATURE, Demo, act, as_user, edit

ORDER = "Service Work Order"
# R3's sign-off (issue 13), where the app has it: every signing path goes through it.
SIGN_OFF = (
	importlib.import_module("tewei_service.work_orders.sign_off")
	if importlib.util.find_spec("tewei_service.work_orders.sign_off")
	else None
)
# service → how often it is asked for
MIX = {
	"cleaning": 30,
	"windows": 10,
	"plants": 6,
	"laundry": 10,
	"copying": 5,
	"meeting_room": 5,
	"repair": 18,
	"alarm_install": 3,
	"alarm_move": 2,
	"alarm_repair": 5,
	"rental": 2,
}
QUANTITY = {"Hour": (1, 4), "Nos": (1, 6), "Set": (1, 1)}
PIECES = {"laundry": (3, 15), "copying": (10, 120)}
CHANNELS = ("Phone", "Phone", "Phone", "Walk-in", "App", "Email")
WORK_HOURS = (time(8), time(19))
CANCEL_REASONS = {
	"Customer": ("The family is travelling that week.", "Found another way to do it."),
	"Company": ("The part is out of stock with the supplier.",),
}
RESCHEDULE_REASONS = {
	"Customer": ("The customer has guests that afternoon.", "Please come after work, after 17:00."),
	"Company": ("The staff member is off sick.", "An emergency repair took the slot."),
}


# The first orders take each case once, so that a small demo has every one of them too.
SHOWCASE = (
	("repair", {"temporary": True, "fate": "done"}),
	("cleaning", {"fate": "not_at_home"}),
	("windows", {"fate": "rescheduled"}),
	("laundry", {"fate": "cancelled"}),
	("cleaning", {"fate": "done", "settlement": "Immediate"}),
	("alarm_repair", {"fate": "done"}),
	("repair", {"fate": "declined", "temporary": False}),
)


class Bookings:
	"""Each staff member's appointments, so the demo books only what keeps the slack (W3)."""

	def __init__(self, slack_minutes: int):
		self.slack = timedelta(minutes=slack_minutes + 1)
		self.taken: dict[str, list[tuple[datetime, datetime]]] = {}

	def book(self, staff: str, wanted: datetime, hours: float) -> tuple[datetime, datetime]:
		length = timedelta(hours=hours)
		start = max(wanted, datetime.combine(wanted.date(), WORK_HOURS[0]))
		while True:
			if start + length > datetime.combine(start.date(), WORK_HOURS[1]):
				start = datetime.combine(start.date() + timedelta(days=1), WORK_HOURS[0])
				continue
			clashes = [
				end
				for begin, end in self.taken.get(staff, [])
				if start < end + self.slack and begin < start + length + self.slack
			]
			if not clashes:
				break
			start = max(clashes) + self.slack
		self.taken.setdefault(staff, []).append((start, start + length))
		return start, start + length


class OrderStory:
	"""One order's life, step by step on the demo's timeline."""

	def __init__(self, demo: Demo, bookings: Bookings, reported: datetime, service: str, **plan):
		rng = demo.rng
		self.demo, self.bookings, self.reported, self.service = demo, bookings, reported, service
		self.household = plan.get("household") or rng.choice(demo.households)
		_name, _category, unit, _fee, department, request_type = SERVICES[service]
		self.request_type = request_type
		self.department_key = department or "housekeeping"
		self.cs = demo.users[("cs_riverside", "cs_maple")[demo.projects.index(self.household.project)]]
		self.bm = demo.users[("bm_riverside", "bm_maple")[demo.projects.index(self.household.project)]]
		self.head = demo.users[people.HEADS[self.department_key]]
		low, high = PIECES.get(service) or QUANTITY.get(unit, (1, 3))
		self.qty = rng.randint(low, high)
		self.hours = min(4, self.qty) if unit == "Hour" else rng.choice((1, 1.5, 2))
		self.settlement = plan.get("settlement") or rng.choices(("Month-end", "Immediate"), (78, 22))[0]
		self.temporary = plan.get("temporary", service == "repair" and rng.random() < 0.15)
		self.commitment = self.pick_commitment()
		self.fate = (
			plan.get("fate")
			or rng.choices(
				("done", "cancelled", "rescheduled", "not_at_home", "unsigned", "stalled"),
				(70, 6, 9, 6, 4, 5),
			)[0]
		)
		self.name = None

	def pick_commitment(self) -> str | None:
		if self.request_type == "Home Repair":
			return self.demo.rng.choices(("Small Repair", "Urgent", "Large Repair"), (70, 15, 15))[0]
		if self.request_type == "Home Alarm":
			return "Ordinary Problem" if self.service == "alarm_repair" else None
		return None

	def after(self, moment: datetime, low: int, high: int) -> datetime:
		return moment + timedelta(minutes=self.demo.rng.randint(low, high))

	# The steps ----------------------------------------------------------------------------------

	def begin(self) -> None:
		self.demo.at(self.reported, self.register)

	def register(self) -> None:
		rng = self.demo.rng
		rate = 0
		items = []
		if not self.temporary:
			item = self.demo.catalogue[self.service]
			fee = fee_in_force(item, self.reported.date())
			rate = flt(fee * rng.choice((1, 1, 1, 0.9, 1.1)), 2)
			items = [{"catalogue_item": item, "qty": self.qty, "rate": rate}]
		values = {
			"doctype": ORDER,
			"household": self.household.name,
			"customer": self.household.customer,
			"order_date": self.reported.date(),
			"channel": rng.choice(CHANNELS),
			"request_type": self.request_type,
			"request_details": request_details(self.service, self.temporary),
			"reported_on": self.reported,
			"department": self.demo.departments[self.department_key],
			"items": items,
		}
		if self.commitment:
			values["commitment"] = self.commitment
		self.name = as_user(self.cs, lambda: frappe.get_doc(values).insert()).name
		self.demo.note(ORDER, self.name)
		quick = self.commitment in ("Urgent", "Ordinary Problem")
		if self.fate == "declined":
			self.demo.at(self.after(self.reported, 5, 30), self.decline)
		elif self.temporary:
			self.demo.at(self.after(self.reported, 20, 90), self.price_confirmation)
		elif self.fate == "stalled" and rng.random() < 0.4:
			return  # still waiting for a quote
		else:
			self.demo.at(
				self.after(self.reported, 1, 3) if quick else self.after(self.reported, 10, 45), self.quote
			)

	def price_confirmation(self) -> None:
		"""C5: the temporary job priced by labour and materials, signed and approved."""
		confirmation = price_confirmation_for(self.demo, self)
		edit(ORDER, self.name, self.cs, price_confirmation=confirmation)
		self.quote()

	def quote(self) -> None:
		act(ORDER, self.name, "Quote", self.cs)
		if self.fate == "stalled":
			return  # the customer has not answered yet
		quick = self.commitment in ("Urgent", "Ordinary Problem")
		self.demo.at(
			self.after(frappe.utils.now_datetime(), 1, 2) if quick else self.after_now(10, 120), self.confirm
		)

	def after_now(self, low: int, high: int) -> datetime:
		return self.after(frappe.utils.now_datetime(), low, high)

	def confirm(self) -> None:
		who = frappe.db.get_value("Customer", self.household.customer, "customer_name")
		act(ORDER, self.name, "Record Customer Confirmation", self.cs, confirmed_by_customer=f"{who} (phone)")
		if self.fate == "cancelled" and self.demo.rng.random() < 0.5:
			self.demo.at(self.after_now(30, 600), self.cancel)
			return
		self.demo.at(
			self.after_now(1, 2)
			if self.commitment in ("Urgent", "Ordinary Problem")
			else self.after_now(10, 90),
			self.dispatch,
		)

	def dispatch(self) -> None:
		rng = self.demo.rng
		now = frappe.utils.now_datetime()
		self.staff_user = self.demo.users[rng.choice(people.STAFF[self.department_key])]
		self.staff = self.demo.employees[self.staff_user]
		if self.commitment in ("Urgent", "Ordinary Problem"):
			# Met when someone is free at once; breached when the nearest slot is later.
			wanted = now + timedelta(minutes=1 if rng.random() < 0.7 else 40)
		elif self.fate == "unsigned" or (self.commitment == "Small Repair" and rng.random() < 0.75):
			wanted = now + timedelta(hours=rng.randint(1, 5))
		else:
			wanted = datetime.combine(
				now.date() + timedelta(days=rng.randint(1, 3)), time(rng.randint(8, 16))
			)
		start, end = self.bookings.book(self.staff, wanted, self.hours)
		act(
			ORDER,
			self.name,
			"Dispatch",
			self.head,
			assigned_staff=self.staff,
			appointment_start=start,
			appointment_end=end,
		)
		if self.fate == "cancelled":
			self.demo.at(self.after(now, 30, 240), self.cancel)
		elif self.fate == "rescheduled":
			self.demo.at(min(start - timedelta(minutes=30), self.after(now, 30, 300)), self.reschedule)
		else:
			self.demo.at(start, self.arrive)

	def cancel(self) -> None:
		side = self.demo.rng.choice(("Customer", "Customer", "Company"))
		act(
			ORDER,
			self.name,
			"Cancel",
			self.cs,
			cancelled_by_side=side,
			cancellation_reason=self.demo.rng.choice(CANCEL_REASONS[side]),
		)

	def decline(self) -> None:
		"""R5: a request outside what the company does is declined with the reason told."""
		act(
			ORDER,
			self.name,
			"Decline",
			self.cs,
			decline_reason="外牆結構維修不屬本公司服務範圍，已建議聯繫業主委員會。"
			"Repairs to the building's outer wall are not ours to do; the owners' committee was suggested.",
		)

	def reschedule(self, side: str | None = None, reason: str | None = None) -> None:
		rng = self.demo.rng
		side = side or rng.choice(("Customer", "Company"))
		reason = reason or rng.choice(RESCHEDULE_REASONS[side])
		now = frappe.utils.now_datetime()
		wanted = datetime.combine(now.date() + timedelta(days=rng.randint(1, 2)), time(rng.randint(9, 16)))
		start, end = self.bookings.book(self.staff, wanted, self.hours)
		as_user(
			self.cs,
			lambda: frappe.get_doc(ORDER, self.name).reschedule(start, end, side, reason),
		)
		self.fate = "done"
		self.demo.at(start, self.arrive)

	def arrive(self) -> None:
		if self.fate == "not_at_home":
			self.leave_slip()
			return
		act(ORDER, self.name, "Start Work", self.staff_user)
		end = frappe.db.get_value(ORDER, self.name, "appointment_end")
		if self.fate == "unsigned":
			self.demo.at(end, self.not_signed_off)
		else:
			self.demo.at(end, self.complete)

	def leave_slip(self) -> None:
		"""W9: nobody at home, so a 《留言條》 at the door, and a new visit the next day."""
		slip = as_user(
			self.staff_user,
			lambda: frappe.get_doc(
				{
					"doctype": "Service Message Slip",
					"work_order": self.name,
					"visited_on": frappe.utils.now_datetime(),
					"staff": self.staff,
					"message": "今日上門服務時家中無人，請致電客服中心另約時間。Nobody was at home; please call us to book again.",
				}
			).insert(),
		)
		self.demo.note("Service Message Slip", slip.name)
		self.demo.at(self.after_now(60, 240), lambda: self.slip_answered(slip.name))

	def slip_answered(self, slip: str) -> None:
		edit(
			"Service Message Slip",
			slip,
			self.cs,
			returned=1,
			returned_on=frappe.utils.now_datetime(),
			reply="The customer called back and asked for tomorrow.",
		)
		self.reschedule("Customer", "Nobody at home at the first visit (message slip left).")

	def not_signed_off(self) -> None:
		"""R7/W8: work not finished by the end of the day is reported with reason and expected finish."""
		now = frappe.utils.now_datetime()
		finish = datetime.combine(now.date() + timedelta(days=3), time(11))
		edit(
			ORDER,
			self.name,
			self.staff_user,
			unsigned_reason="Waiting for a spare part; the customer agreed to finish when it arrives.",
			expected_finish=finish,
		)
		self.demo.at(finish, self.complete)

	def complete(self) -> None:
		if SIGN_OFF:
			# R3: the customer signs off on the pad; now and then not satisfied, and the work redone.
			satisfied = getattr(self, "reworked", False) or self.demo.rng.random() > 0.05
			comment = None if satisfied else "廚房角落沒有清潔乾淨。The kitchen corners are still dirty."
			as_user(self.staff_user, SIGN_OFF.sign_off, self.name, SIGNATURE, comment, int(satisfied))
			if not satisfied:
				self.reworked = True
				self.demo.at(self.after_now(60, 180), self.complete)
				return
			act(ORDER, self.name, "Complete", self.staff_user, settlement_mode=self.settlement)
		else:
			act(
				ORDER,
				self.name,
				"Complete",
				self.staff_user,
				customer_signature=SIGNATURE,
				settlement_mode=self.settlement,
			)
		from tewei_service.demo.billing import settle_order

		now = frappe.utils.now_datetime()
		if self.settlement == "Immediate":
			self.demo.at(self.after(now, 30, 1200), lambda: settle_order(self.demo, self))
		else:
			self.demo.at(self.next_morning(now), self.check)

	def next_morning(self, moment: datetime) -> datetime:
		day = moment.date() + timedelta(days=1)
		return datetime.combine(day, time(9)) + timedelta(minutes=self.demo.rng.randint(0, 90))

	def check(self) -> None:
		act(ORDER, self.name, "Check", self.head)


def request_details(service: str, temporary: bool) -> str:
	if temporary:
		return "衛生間漏水，需更換水管及瓷磚 Bathroom leak: replace the pipe and re-tile."
	return {
		"cleaning": "全屋室內清潔 Whole-flat cleaning",
		"windows": "客廳及臥室玻璃清潔 Living-room and bedroom windows",
		"plants": "陽台植物養護 Balcony plants",
		"laundry": "衣物送洗 Laundry pick-up",
		"copying": "文件複印 Copying documents",
		"meeting_room": "會所會議室 Club-house meeting room",
		"repair": "廚房水龍頭漏水 Kitchen tap leaking",
		"alarm_install": "新裝家居報警器 New home alarm",
		"alarm_move": "報警器移位 Move the alarm panel",
		"alarm_repair": "報警器誤報 Alarm goes off by itself",
		"rental": "委託出租單位 Let the flat",
	}[service]


def plan_orders(demo: Demo) -> None:
	"""The orders of every day from the start to now, and a few booked for the next days."""
	from tewei_service.settings import setting

	bookings = Bookings(int(setting("booking_slack_minutes", 30) or 0))
	demo.bookings = bookings
	rng = demo.rng
	days = (demo.end.date() - demo.start.date()).days + 1
	total = demo.count(250)
	services, weights = list(MIX), list(MIX.values())
	for index in range(total):
		day = demo.start.date() + timedelta(days=min(days - 1, int(index * days / total)))
		reported = datetime.combine(day, time(8)) + timedelta(minutes=rng.randint(0, 600))
		if day == demo.end.date() and reported >= demo.end:
			reported = demo.end - timedelta(minutes=rng.randint(5, 120))
		if index < len(SHOWCASE):
			service, plan = SHOWCASE[index]
		else:
			service, plan = rng.choices(services, weights)[0], {}
		OrderStory(demo, bookings, reported, service, **plan).begin()
	# Work waiting for a part, not signed off when the demo ends (W8, R7).
	reported = datetime.combine(demo.end.date() - timedelta(days=1), time(9))
	OrderStory(demo, bookings, reported, "repair", fate="unsigned", temporary=False).begin()
