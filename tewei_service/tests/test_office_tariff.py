"""R6 on a real site: the office tariff reviewed by Finance, filed by Quality, published once per
project and day, announced on the price notice, and the price its project's orders are charged."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import add_days, today

from tewei_service.catalogue.tariffs import priced_services, published_tariff, tariff_fee
from tewei_service.exceptions import ApprovalError, KeptOnFileError, NotOrderableError, PriceBandError
from tewei_service.states import TariffState
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	FINANCE,
	LEADER,
	act,
	approved_item,
	draft_item,
	fresh,
)
from tewei_service.tests.price_confirmation_builders import approved_confirmation
from tewei_service.tests.site import as_user, make_household, make_property_project
from tewei_service.tests.tariff_builders import (
	QUALITY,
	draft_tariff,
	make_tariff_users,
	publish_tariff,
)
from tewei_service.tests.work_order_builders import WorkOrderTestCase


class TestOfficeTariff(WorkOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_tariff_users()

	def setUp(self):
		# A project of each test's own: tariffs stay published until the class rolls back.
		self.tariff_project = make_property_project(f"Tariff Garden {frappe.generate_hash(length=6)}")
		self.tariff_household = make_household(self.tariff_project, "T-1", self.customer)

	def test_published_after_finance_review_and_quality_filing(self):
		doc = draft_tariff(self.tariff_project, {self.cleaning: 88})
		self.assertEqual([(row.standard_fee, row.tariff_fee) for row in doc.items], [(100, 88)])
		self.assertIsNone(tariff_fee(self.tariff_project, self.cleaning))
		doc = act(doc, "Submit for Review", BRANCH_MANAGER)
		doc = act(doc, "Approve", FINANCE)
		doc = act(doc, "File and Publish", QUALITY)
		self.assertEqual((doc.workflow_state, doc.docstatus), (TariffState.PUBLISHED, 1))
		self.assertEqual(
			(doc.submitted_by, doc.finance_reviewed_by, doc.filed_by), (BRANCH_MANAGER, FINANCE, QUALITY)
		)
		self.assertEqual(published_tariff(self.tariff_project), doc.name)
		self.assertEqual(tariff_fee(self.tariff_project, self.cleaning), 88)
		# Announced on the project's price notice and page, the standard fee kept beside it.
		(service,) = [
			row for row in priced_services(self.tariff_project) if row["catalogue_item"] == self.cleaning
		]
		self.assertEqual(
			(service["fee"], service["standard_fee"], service["office_tariff"]), (88, 100, doc.name)
		)
		with as_user(CUSTOMER_SERVICE):
			notice = frappe.get_doc(
				{"doctype": "Service Price Notice", "property_project": self.tariff_project}
			).insert()
		self.assertEqual(notice.office_tariff, doc.name)
		self.assertIn(88, [row.fee for row in notice.items if row.catalogue_item == self.cleaning])
		html = frappe.get_print("Service Price Notice", notice.name, "Service Price Notice")
		self.assertIn("品質管理部審核及備案", html)
		# Other projects keep the standard fee.
		self.assertIsNone(tariff_fee(self.project, self.cleaning))

	def test_a_tariff_fee_outside_the_band_is_refused(self):
		for fee in (131, 69):
			with self.assertRaisesRegex(PriceBandError, r"outside ±30% of its standard fee 100\.00"):
				draft_tariff(self.tariff_project, {self.cleaning: fee})
		doc = draft_tariff(self.tariff_project, {self.cleaning: 130})
		with as_user(BRANCH_MANAGER), self.assertRaises(PriceBandError):
			doc = fresh(doc)
			doc.items[0].tariff_fee = 200
			doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "more than once"):
			self.duplicated_rows()
		with self.assertRaises(NotOrderableError):
			draft_tariff(self.tariff_project, {draft_item("Unapproved (tariff test)", 50).name: 50})

	def duplicated_rows(self):
		with as_user(BRANCH_MANAGER):
			frappe.get_doc(
				{
					"doctype": "Office Tariff",
					"property_project": self.tariff_project,
					"items": [{"catalogue_item": self.cleaning, "tariff_fee": fee} for fee in (90, 95)],
				}
			).insert()

	def test_no_tariff_is_published_without_finance_and_quality(self):
		draft = draft_tariff(self.tariff_project, {self.cleaning: 90})
		with self.assertRaises((WorkflowTransitionError, WorkflowPermissionError)):
			act(draft, "File and Publish", BRANCH_MANAGER)
		with as_user(QUALITY), self.assertRaises(frappe.ValidationError):
			fresh(draft).submit()
		with as_user(BRANCH_MANAGER), self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Office Tariff",
					"property_project": self.tariff_project,
					"workflow_state": TariffState.PUBLISHED,
					"items": [{"catalogue_item": self.cleaning, "tariff_fee": 90}],
				}
			).insert()
		with as_user(BRANCH_MANAGER), self.assertRaises(ApprovalError):
			doc = fresh(draft)
			doc.finance_reviewed_by = FINANCE
			doc.save()
		in_review = act(draft, "Submit for Review", BRANCH_MANAGER)
		with self.assertRaises((WorkflowTransitionError, WorkflowPermissionError)):
			act(in_review, "Approve", BRANCH_MANAGER)
		with as_user(FINANCE), self.assertRaises(ApprovalError):
			doc = fresh(in_review)
			doc.items[0].tariff_fee = 95
			doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "reason for rejecting"):
			act(in_review, "Reject", FINANCE)
		filing = act(in_review, "Approve", FINANCE)
		with self.assertRaises((WorkflowTransitionError, WorkflowPermissionError)):
			act(filing, "File and Publish", FINANCE)
		self.assertIsNone(published_tariff(self.tariff_project))
		# Rejected by Quality, revised by the office, reviewed again from the start.
		with as_user(QUALITY):
			doc = fresh(filing)
			doc.rejection_reason = "Fees not shown to owners' committee"
			doc.save()
		revised = act(act(doc, "Reject", QUALITY), "Revise", BRANCH_MANAGER)
		self.assertEqual((revised.workflow_state, revised.finance_reviewed_by), (TariffState.DRAFT, None))

	def test_two_published_tariffs_for_one_project_are_refused(self):
		first = publish_tariff(self.tariff_project, {self.cleaning: 88})
		with self.assertRaisesRegex(ApprovalError, f"already has the published tariff {first.name}"):
			publish_tariff(self.tariff_project, {self.cleaning: 92})
		# Orders already priced stay as they were: no tariff reaches back before its publication.
		older = approved_item(f"Window cleaning {frappe.generate_hash(length=6)}", 50, add_days(today(), -10))
		with self.assertRaisesRegex(ApprovalError, "comes into force from the day it is published"):
			publish_tariff(self.tariff_project, {older.name: 55}, valid_from=add_days(today(), -1))
		later = publish_tariff(self.tariff_project, {self.cleaning: 92}, valid_from=add_days(today(), 1))
		self.assertEqual(tariff_fee(self.tariff_project, self.cleaning), 88)
		self.assertEqual(tariff_fee(self.tariff_project, self.cleaning, add_days(today(), 1)), 92)
		self.assertEqual(published_tariff(self.tariff_project, add_days(today(), 5)), later.name)
		# Withdrawn, the tariff no longer applies; the record stays on file.
		act(first, "Withdraw", BRANCH_MANAGER)
		self.assertIsNone(tariff_fee(self.tariff_project, self.cleaning))
		with self.assertRaises(KeptOnFileError):
			frappe.delete_doc("Office Tariff", first.name)
		# The desk's Duplicate starts a new draft, with none of the review's stamps.
		with as_user(BRANCH_MANAGER):
			copy = frappe.copy_doc(fresh(later), ignore_no_copy=False)
			copy.docstatus = 0  # frappe.copy_doc keeps it while tests run; the desk's copy does not
			copy.valid_from = add_days(today(), 2)
			copy.insert()
		self.assertEqual(
			(copy.workflow_state, copy.finance_reviewed_by, copy.filed_by), (TariffState.DRAFT, None, None)
		)

	def test_orders_are_charged_at_their_projects_tariff(self):
		publish_tariff(self.tariff_project, {self.cleaning: 88})
		doc = self.register(
			household=self.tariff_household, items=[{"catalogue_item": self.cleaning, "qty": 2}]
		)
		self.assertEqual((doc.items[0].rate, doc.items[0].tariff_fee, doc.total_amount), (88, 88, 176))
		# The standard fee lies within the band, but off the office's tariff.
		with self.assertRaisesRegex(PriceBandError, "off the office tariff 88.00"):
			self.register(
				household=self.tariff_household,
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": 100}],
			)
		confirmation = approved_confirmation(customer=self.customer)
		doc = self.register(
			household=self.tariff_household,
			items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": confirmation.grand_total}],
			price_confirmation=confirmation.name,
		)
		self.assertEqual(frappe.db.get_value("Price Confirmation", confirmation.name, "work_order"), doc.name)
		# Bound to that order, the confirmation prices no other.
		with self.assertRaisesRegex(PriceBandError, f"was made for {doc.name}"):
			self.register(
				household=self.tariff_household,
				items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": confirmation.grand_total}],
				price_confirmation=confirmation.name,
			)
		# The other project's order keeps the standard fee and its band.
		self.assertEqual(
			self.register(items=[{"catalogue_item": self.cleaning, "qty": 1, "rate": 120}]).total_amount, 120
		)

	def test_a_new_standard_fee_that_leaves_the_tariff_outside_its_band_prices_the_orders(self):
		def changed_fee(doc, fee):
			doc = act(doc, "Change Fee", BRANCH_MANAGER)
			with as_user(BRANCH_MANAGER):
				doc.proposed_fee, doc.effective_date = fee, today()
				doc.save()
			for action, user in (
				("Submit for Review", BRANCH_MANAGER),
				("Approve", FINANCE),
				("Approve", LEADER),
			):
				doc = act(doc, action, user)
			return doc

		def told(tariff):
			return frappe.get_all(
				"Notification Log",
				{"document_type": "Office Tariff", "document_name": tariff.name},
				pluck="for_user",
			)

		def charged(item):
			line = self.register(
				household=self.tariff_household, items=[{"catalogue_item": item, "qty": 1}]
			).items[0]
			return line.rate, line.tariff_fee

		hash = frappe.generate_hash(length=5)
		moved, kept = (approved_item(f"{name} {hash}", 100) for name in ("Sofa cleaning", "Rug cleaning"))
		tariff = publish_tariff(self.tariff_project, {moved.name: 88, kept.name: 95})
		self.assertEqual((charged(moved.name), charged(kept.name)), ((88, 88), (95, 95)))

		changed_fee(moved, 150)  # 88 lies outside ±30% of 150
		self.assertEqual(told(tariff), [BRANCH_MANAGER])
		self.assertEqual(charged(moved.name), (150, 0))
		services = {row["catalogue_item"]: row for row in priced_services(self.tariff_project)}
		self.assertEqual((services[moved.name]["fee"], services[moved.name]["office_tariff"]), (150, None))
		self.assertEqual(
			(services[kept.name]["fee"], services[kept.name]["office_tariff"]), (95, tariff.name)
		)

		# The way round: a new fee whose band still holds the tariff's fee changes nothing.
		changed_fee(kept, 110)
		self.assertEqual(told(tariff), [BRANCH_MANAGER])
		self.assertEqual(charged(kept.name), (95, 95))
