# Copyright (c) 2026, Tewei Property Services and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from tewei_service.households import validate_household_customer
from tewei_service.records import keep_on_file
from tewei_service.rules import surveys as rules
from tewei_service.surveys.follow_up import plan_follow_up

FOLLOW_UP_FIELDS = ("follow_up_reason", "follow_up_revisit", "follow_up_status")
from tewei_service.validation import throw_violations


class SatisfactionSurvey(Document):
	"""《業主滿意度調查表》 (SPEC R2): one household's answers in a project's yearly campaign."""

	def validate(self):
		self.keep_follow_up()
		self.complete_the_form()
		throw_violations(
			rules.check_ratings(row.as_dict() for row in self.ratings), self, _("Survey Not Valid")
		)
		self.validate_campaign()
		self.customer = self.customer or frappe.db.get_value("Household", self.household, "primary_customer")
		validate_household_customer(self)
		if getdate(self.surveyed_on) > getdate(today()):
			frappe.throw(_("Collected On cannot be in the future."))

	def keep_follow_up(self):
		"""The follow-up fields are written by §5.4's own step (`surveys.follow_up`) only."""
		before = self.get_doc_before_save()
		for fieldname in FOLLOW_UP_FIELDS:
			self.set(fieldname, before.get(fieldname) if before else None)

	def complete_the_form(self):
		"""Every topic of the paper, once, in its order (unanswered ones left blank)."""
		answered = {row.topic for row in self.ratings}
		for row in rules.blank_ratings():
			if row["topic"] not in answered:
				self.append("ratings", row)
		order = {topic: index for index, topic in enumerate(rules.TOPIC_NAMES)}
		self.ratings.sort(key=lambda row: order.get(row.topic, len(order)))
		for index, row in enumerate(self.ratings, 1):
			row.idx, row.topic_zh = index, rules.chinese_topic(row.topic)

	def validate_campaign(self):
		campaign = frappe.db.get_value(
			"Satisfaction Survey Campaign",
			self.campaign,
			["property_project", "year", "status"],
			as_dict=True,
		)
		self.property_project, self.year = campaign.property_project, campaign.year
		if campaign.status == "Closed" and self.docstatus == 0:
			frappe.throw(_("Survey Campaign {0} is closed.").format(self.campaign))
		project = frappe.db.get_value("Household", self.household, "property_project")
		if project != campaign.property_project:
			frappe.throw(
				_("Household {0} is not in {1}, the campaign's property project.").format(
					self.household, campaign.property_project
				)
			)
		if frappe.db.exists(
			"Satisfaction Survey",
			{
				"campaign": self.campaign,
				"household": self.household,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
		):
			frappe.throw(
				_("Household {0} already has a survey in {1}.").format(self.household, self.campaign)
			)

	def rating_scale(self) -> tuple:
		"""The answers the paper form prints for each topic: (rating, its name on the paper)."""
		return rules.SCALE

	def on_submit(self):
		plan_follow_up(self)

	def on_trash(self):
		keep_on_file(self)
