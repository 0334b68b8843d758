"""§5.4 of procedure 2 (SPEC R2): every household that rated a topic poorly or wrote a suggestion is
revisited. Recording (submitting) its survey plans the revisit, a Revisit Record assigned to the
project's customer service; the survey shows the revisit and how far it is."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import add_days, today

from tewei_service.revisits.plan import customer_service_users
from tewei_service.rules import revisits as revisit_rules
from tewei_service.rules import surveys as rules

FOLLOW_UP_DAYS = 7  # the ToDo's due date


def follow_up_reason(survey) -> str:
	"""Why the household is revisited, as the revisit and the survey show it (empty: not at all)."""
	lines = []
	for reason in rules.follow_up_reasons(row.as_dict() for row in survey.ratings):
		if reason == rules.SUGGESTIONS:
			remarks = next(row.remarks for row in survey.ratings if row.topic == rules.SUGGESTIONS)
			lines.append(_("Suggestion: {0}").format(remarks.strip()))
		else:
			lines.append(_("Dissatisfied with {0} ({1})").format(_(reason), rules.chinese_topic(reason)))
	return "\n".join(lines)


def plan_follow_up(survey) -> str | None:
	"""The survey's revisit, made once when it is needed; returns its name."""
	if survey.follow_up_revisit or not (reason := follow_up_reason(survey)):
		return None
	plan_reason = _("Satisfaction survey {0}").format(survey.name) + "\n" + reason
	revisit = frappe.get_doc(
		{
			"doctype": "Revisit Record",
			"household": survey.household,
			"customer": survey.customer,
			"status": revisit_rules.PLANNED,
			"method": revisit_rules.PHONE,
			"plan_reason": plan_reason,
		}
	).insert(ignore_permissions=True)
	users = customer_service_users(survey.property_project)
	if users:
		assign_to(
			{
				"assign_to": [users[0]],
				"doctype": revisit.doctype,
				"name": revisit.name,
				"description": plan_reason.replace("\n", "<br>"),
				"date": add_days(today(), FOLLOW_UP_DAYS),
			},
			ignore_permissions=True,
		)
	survey.db_set(
		{"follow_up_reason": reason, "follow_up_revisit": revisit.name, "follow_up_status": revisit.status}
	)
	return revisit.name


def create_follow_up_revisits(campaign: str) -> list[str]:
	"""The campaign's action: the revisits its recorded surveys still lack."""
	names = frappe.get_all(
		"Satisfaction Survey",
		{"campaign": campaign, "docstatus": 1, "follow_up_revisit": ("is", "not set")},
		pluck="name",
		order_by="name",
	)
	made = [plan_follow_up(frappe.get_doc("Satisfaction Survey", name)) for name in names]
	return [name for name in made if name]


def record_follow_up(revisit) -> None:
	"""A follow-up revisit's status, on the surveys it follows up (on its update)."""
	for survey in frappe.get_all("Satisfaction Survey", {"follow_up_revisit": revisit.name}, pluck="name"):
		frappe.db.set_value(
			"Satisfaction Survey", survey, "follow_up_status", revisit.status, update_modified=False
		)
