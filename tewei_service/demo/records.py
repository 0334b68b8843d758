"""The records of issue 13, when the site has them: complaints registered by customer service
(R1), and whatever else exists of sign-offs, surveys and tariffs. Each is guarded, so the demo
runs on an app without them."""

from datetime import timedelta

import frappe

from tewei_service.demo.context import Demo, as_user

COMPLAINTS = (
	("師傅遲到一小時且未通知。The staff member came an hour late without calling.", "Ordinary"),
	("清潔後客廳地板仍有污漬。The living-room floor was still stained after cleaning.", "Ordinary"),
	("維修後水管再次漏水，淹到樓下。The pipe leaked again after the repair and flooded downstairs.", "Major"),
)


def has(doctype: str) -> bool:
	return bool(frappe.db.exists("DocType", doctype))


def schedule_records(demo: Demo) -> None:
	if has("Satisfaction Survey Campaign"):
		demo.at(demo.end - timedelta(days=6), lambda: surveys(demo))
	if has("Monthly Service Analysis"):
		# The department manager's analysis of last month, once its revisits are in (V4).
		first = demo.end.date().replace(day=1)
		demo.at(demo.end - timedelta(minutes=30), lambda: monthly_analysis(demo, first), must=True)
	if has("Service Complaint"):
		for index, (description, severity) in enumerate(COMPLAINTS[: demo.count(len(COMPLAINTS))]):
			moment = demo.end - timedelta(days=3 * index + 1, hours=2)
			demo.at(
				moment,
				lambda description=description, severity=severity: complaint(demo, description, severity),
			)


def complaint(demo: Demo, description: str, severity: str) -> None:
	from tewei_service.complaints.register import create_complaint

	served = frappe.get_all(
		"Service Work Order",
		{"workflow_state": "Checked", "name": ("in", demo.made.get("Service Work Order", []))},
		["name", "household", "customer", "property_project"],
		order_by="completed_on desc",
		limit=10,
	)
	if not served:
		return
	order = demo.rng.choice(served)
	cs = demo.users[("cs_riverside", "cs_maple")[demo.projects.index(order.property_project)]]
	name = as_user(
		cs,
		create_complaint,
		order.household,
		order.customer,
		description,
		"Hotline",
		work_order=order.name,
		severity=severity,
	)
	demo.note("Service Complaint", name)


SURVEY_TOPICS = ("Cleaning Management", "Special Services", "Service Attitude", "Overall Evaluation")
SURVEY_RATINGS = ("Satisfied", "Satisfied", "Fairly Satisfied", "Fair", "Dissatisfied")


def surveys(demo: Demo) -> None:
	"""R2: the year's satisfaction survey of the first project, a household in three answering."""
	from frappe.utils import getdate, today

	project = demo.projects[0]
	year = getdate().year
	cs = demo.users["cs_riverside"]
	campaign = as_user(
		cs,
		lambda: frappe.get_doc(
			{
				"doctype": "Satisfaction Survey Campaign",
				"property_project": project,
				"year": year,
				"status": "Open",
				"start_date": today(),
				"end_date": frappe.utils.add_days(today(), 30),
			}
		).insert(),
	).name
	demo.note("Satisfaction Survey Campaign", campaign)
	for household in [row for row in demo.households if row.project == project][::3]:
		survey = as_user(
			cs,
			lambda household=household: frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"campaign": campaign,
					"property_project": project,
					"year": year,
					"household": household.name,
					"customer": household.customer,
					"surveyed_on": today(),
					"surveyed_by": cs,
					"ratings": [
						{"topic": topic, "rating": demo.rng.choice(SURVEY_RATINGS)} for topic in SURVEY_TOPICS
					],
				}
			).insert(),
		)
		as_user(cs, lambda survey=survey: frappe.get_doc("Satisfaction Survey", survey.name).submit())
		demo.note("Satisfaction Survey", survey.name)


def monthly_analysis(demo: Demo, this_month) -> None:
	"""V4: 《居家服務情況統計分析報告》 of last month, prepared and approved by the branch manager."""
	from frappe.utils import add_months

	bm = demo.users["bm_riverside"]
	analysis = as_user(
		bm,
		lambda: frappe.get_doc(
			{
				"doctype": "Monthly Service Analysis",
				"month": add_months(this_month, -1),
				"group_by": "Item",
				"company": demo.company,
				"property_project": demo.projects[0],
				"analysis": "清潔服務需求穩定，維修響應仍需加快。Cleaning demand is steady; repairs must answer faster.",
				"manager_opinion": "Add one repair technician on weekends.",
			}
		).insert(),
	)
	as_user(bm, lambda: frappe.get_doc("Monthly Service Analysis", analysis.name).submit())
	demo.note("Monthly Service Analysis", analysis.name)
