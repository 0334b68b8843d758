"""Revisits (V1-V4): on the first of each month the plan job samples last month's served
households and adds the mandatory cases; customer service then calls (or visits) and records
the ratings, now and then a complaint."""

from datetime import datetime, time, timedelta

import frappe
from frappe.utils import add_months

from tewei_service.demo.context import Demo, as_user
from tewei_service.revisits.plan import make_monthly_plan

COMMENTS = (
	"服務準時，態度很好。On time and friendly.",
	"打掃乾淨，滿意。Clean work, satisfied.",
	"師傅技術好，下次還找他。Skilled; will ask for him again.",
	"希望能提前電話通知。Please call before coming.",
)
COMPLAINT = "師傅遲到一小時且未通知。The staff member came an hour late without calling."


def schedule_plans(demo: Demo) -> None:
	month = demo.start.date().replace(day=1)
	while (first := add_months(month, 1)) <= demo.end.date():
		demo.at(datetime.combine(first, time(7)), lambda month=month: plan(demo, month), must=True)
		month = first


def plan(demo: Demo, month) -> None:
	"""The scheduler's monthly job, as it runs on the first (as Administrator)."""
	make_monthly_plan(month, demo.company)
	revisits = frappe.get_all(
		"Revisit Record",
		{"plan_month": month, "status": "Planned", "property_project": ("in", demo.projects)},
		["name", "property_project"],
		order_by="name",
	)
	demo.note("Revisit Plan", str(month))
	now = frappe.utils.now_datetime()
	for revisit in revisits:
		if demo.rng.random() < 0.85:
			when = now + timedelta(days=demo.rng.randint(0, 12), hours=demo.rng.randint(1, 9))
			demo.at(when, lambda revisit=revisit: revisit_done(demo, revisit))


def revisit_done(demo: Demo, revisit) -> None:
	rng = demo.rng
	user = demo.users[("cs_riverside", "cs_maple")[demo.projects.index(revisit.property_project)]]
	complaint = rng.random() < 0.08
	ratings = [str(rng.choices((5, 4, 3, 2), (50, 35, 10, 5))[0]) for _ in range(3)]
	if complaint:
		ratings = ["2", "3", "2"]

	def save():
		doc = frappe.get_doc("Revisit Record", revisit.name)
		doc.update(
			{
				"status": "Done",
				"method": rng.choice(("Phone", "Phone", "Visit")),
				"revisited_by": frappe.session.user,
				"revisited_on": frappe.utils.now_datetime(),
				"timeliness": ratings[0],
				"skill": ratings[1],
				"attitude": ratings[2],
				"comments": COMPLAINT if complaint else rng.choice(COMMENTS),
				"complaint": int(complaint),
				"complaint_details": COMPLAINT if complaint else None,
			}
		)
		doc.save()

	as_user(user, save)
	demo.note("Revisit Record", revisit.name)
