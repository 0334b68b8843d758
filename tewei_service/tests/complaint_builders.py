"""Complaints and satisfaction surveys (R1, R2) for the integration tests: the users of each role,
a second project whose user must see nothing of the first, complaints and surveys made as a user."""

import frappe

from tewei_service.tests.catalogue_builders import BRANCH_MANAGER, fresh
from tewei_service.tests.matrix_builders import restrict_to_project
from tewei_service.tests.revisit_builders import RevisitTestCase
from tewei_service.tests.site import as_user, make_customer, make_household, make_property_project, make_user
from tewei_service.tests.work_order_builders import WorkOrderTestCase

COMPLAINT_CS = "cs-complaints@tewei.example"
COMPLAINT_HEAD = "head-complaints@tewei.example"
COMPLAINT_LEADER = "leader-complaints@tewei.example"
COMPLAINT_QUALITY = "quality-complaints@tewei.example"
PARK_CS = "cs-park-complaints@tewei.example"  # limited to the other project
HOSTILE = '<script>alert("x")</script><b>bold</b>'


class ComplaintScope:
	"""The work-order tests' project ("Order Garden", its branch manager, household and staff),
	a Customer Service user limited to it, and a second project with its own household and user;
	everything got or made, so that a test that commits (REST) leaves nothing a rerun trips on."""

	@classmethod
	def make_complaint_scope(cls):
		make_user(COMPLAINT_CS, "Customer Service")
		restrict_to_project(COMPLAINT_CS, cls.project)
		make_user(COMPLAINT_HEAD, "Service Department Head")
		make_user(COMPLAINT_LEADER, "Service Leadership")
		make_user(COMPLAINT_QUALITY, "Quality")
		cls.park = make_property_project("Complaint Park")
		cls.park_customer = make_customer("Complaint Park Owner")
		cls.park_household = make_household(cls.park, "CP-1", cls.park_customer)
		make_user(PARK_CS, "Customer Service")
		restrict_to_project(PARK_CS, cls.park)
		cls.branch_manager = BRANCH_MANAGER

	def complaint(self, user: str = COMPLAINT_CS, **values):
		with as_user(user):
			return fresh(
				frappe.get_doc(
					{
						"doctype": "Service Complaint",
						"household": self.household,
						"customer": self.customer,
						"channel": "Hotline",
						"category": "Service Quality",
						"description": "The kitchen was left dirty",
						**values,
					}
				).insert()
			)

	@staticmethod
	def change(doc, user: str, **values):
		"""Change a document (or its name) of its doctype as `user`."""
		with as_user(user):
			doc = frappe.get_doc(doc.doctype, doc.name)
			doc.update(values)
			doc.save()
			return fresh(doc)

	def campaign(self, year: int, project: str | None = None, user: str = COMPLAINT_QUALITY) -> str:
		project = project or self.project
		name = frappe.db.get_value(
			"Satisfaction Survey Campaign", {"property_project": project, "year": year}
		)
		if name:
			return name
		with as_user(user):
			return (
				frappe.get_doc(
					{"doctype": "Satisfaction Survey Campaign", "property_project": project, "year": year}
				)
				.insert()
				.name
			)

	@staticmethod
	def survey(
		campaign: str, household: str, ratings: dict, user: str = COMPLAINT_CS, submit: bool = True, **values
	):
		"""A survey whose `ratings` map topics to a rating, or to (rating, remarks)."""
		rows = []
		for topic, answer in ratings.items():
			rating, remarks = answer if isinstance(answer, tuple) else (answer, None)
			rows.append({"topic": topic, "rating": rating, "remarks": remarks})
		with as_user(user):
			doc = frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"campaign": campaign,
					"household": household,
					"ratings": rows,
					**values,
				}
			).insert()
			if submit:
				doc.submit()
			return fresh(doc)


class ComplaintTestCase(ComplaintScope, RevisitTestCase):
	"""Complaints and surveys next to served orders and revisits (rolled back with the class: it
	must not commit, the revisit tests' catalogue items are made afresh)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_complaint_scope()


class CommittedComplaintTestCase(ComplaintScope, WorkOrderTestCase):
	"""For the REST calls, which read only what is committed: built on got-or-made records only."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_complaint_scope()
