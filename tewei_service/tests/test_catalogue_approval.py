"""C1-C4 on a real site: the approval Workflow as real users, the ERPNext Item and Item Price it
writes, fee versions, and the price band against the fee in force."""

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import add_days, today

from erpnext.stock.get_item_details import get_price_list_rate_for

from tewei_service.catalogue.fees import fee_in_force, validate_charged_price
from tewei_service.exceptions import (
	ApprovalError,
	NotOrderableError,
	PriceBandError,
	ServicePermissionError,
)
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	FINANCE,
	LEADER,
	SECOND_LEADER,
	CatalogueTestCase,
	act,
	approved_item,
	draft_item,
)


def erpnext_price(item_code: str, on_date) -> float | None:
	"""The rate ERPNext itself would put on an invoice line from the special-services price list."""
	return get_price_list_rate_for(
		frappe._dict(price_list="Special Services", uom="Hour", transaction_date=on_date, qty=1), item_code
	)


class TestCatalogueApproval(CatalogueTestCase):
	def test_full_approval_writes_item_item_price_and_history(self):
		doc = draft_item("Indoor cleaning (test)", 80)
		self.assertEqual(doc.workflow_state, "Draft")
		self.assertFalse(doc.item)

		doc = act(doc, "Submit for Review", BRANCH_MANAGER)
		self.assertEqual((doc.workflow_state, doc.proposed_by), ("Finance Review", BRANCH_MANAGER))
		doc = act(doc, "Approve", FINANCE)
		self.assertEqual(doc.workflow_state, "Leadership Approval")
		doc = act(doc, "Approve", LEADER)
		self.assertEqual(doc.workflow_state, "Approved")

		item = frappe.get_doc("Item", doc.item)
		self.assertEqual(
			(item.item_name, item.is_stock_item, item.item_group), (doc.service_name, 0, "Special Services")
		)
		self.assertEqual(erpnext_price(doc.item, today()), 80)
		self.assertEqual(doc.standard_fee, 80)
		self.assertEqual([(row.fee, row.approved_by) for row in doc.fee_history], [(80, LEADER)])
		self.assertEqual(fee_in_force(doc.name), 80)

	def test_each_step_is_open_only_to_its_role(self):
		doc = draft_item("Plant care (test)", 50)
		for wrong_user in (FINANCE, LEADER):
			with self.assertRaises(WorkflowTransitionError):
				act(doc, "Submit for Review", wrong_user)
		doc = act(doc, "Submit for Review", BRANCH_MANAGER)
		for wrong_user in (BRANCH_MANAGER, LEADER):
			with self.assertRaises(WorkflowTransitionError):
				act(doc, "Approve", wrong_user)
		doc = act(doc, "Approve", FINANCE)
		for wrong_user in (BRANCH_MANAGER, FINANCE):
			with self.assertRaises(WorkflowTransitionError):
				act(doc, "Approve", wrong_user)
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), "Leadership Approval")

	def test_state_cannot_be_forced_by_saving_the_field(self):
		doc = draft_item("Laundry (test)", 20)
		frappe.set_user(BRANCH_MANAGER)
		doc.workflow_state = "Approved"
		with self.assertRaisesRegex(frappe.ValidationError, "transition not allowed"):
			doc.save()
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), "Draft")

	def test_no_self_approval_at_the_last_step(self):
		doc = draft_item("Copying (test)", 1, user=SECOND_LEADER)
		doc = act(doc, "Submit for Review", SECOND_LEADER)
		doc = act(doc, "Approve", FINANCE)
		with self.assertRaisesRegex(frappe.ValidationError, "Self approval is not allowed"):
			act(doc, "Approve", SECOND_LEADER)
		self.assertEqual(act(doc, "Approve", LEADER).workflow_state, "Approved")

	def test_proposer_cannot_approve_a_fee_change_either(self):
		doc = approved_item("Meeting room (test)", 200)
		doc = act(doc, "Change Fee", SECOND_LEADER)
		doc.proposed_fee = 220
		frappe.set_user(SECOND_LEADER)
		doc.save()
		doc = act(doc, "Submit for Review", SECOND_LEADER)
		doc = act(doc, "Approve", FINANCE)
		with self.assertRaises(ServicePermissionError):
			act(doc, "Approve", SECOND_LEADER)

	def test_rejection_needs_a_reason_and_revise_starts_again(self):
		doc = act(draft_item("Errand (test)", 5), "Submit for Review", BRANCH_MANAGER)
		with self.assertRaisesRegex(frappe.ValidationError, "reason"):
			act(doc, "Reject", FINANCE)
		frappe.set_user(FINANCE)
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.rejection_reason = "Fee below the cost of materials"
		doc.save()
		doc = act(doc, "Reject", FINANCE)
		self.assertEqual(doc.workflow_state, "Rejected")
		doc = act(doc, "Revise", BRANCH_MANAGER)
		self.assertEqual((doc.workflow_state, doc.rejection_reason), ("Draft", None))

	def test_proposal_is_frozen_during_review(self):
		doc = act(draft_item("Alarm repair (test)", 60), "Submit for Review", BRANCH_MANAGER)
		for user in (BRANCH_MANAGER, FINANCE):
			frappe.set_user(user)
			doc = frappe.get_doc(doc.doctype, doc.name)
			doc.proposed_fee = 1
			with self.assertRaises(ApprovalError):
				doc.save()

	def test_approval_fields_cannot_be_typed_in(self):
		doc = draft_item("Alarm move (test)", 60)
		frappe.set_user(BRANCH_MANAGER)
		doc.standard_fee = 999
		with self.assertRaises(ApprovalError):
			doc.save()

	def test_unapproved_item_cannot_be_ordered(self):
		doc = act(draft_item("Rental agency (test)", 300), "Submit for Review", BRANCH_MANAGER)
		with self.assertRaises(NotOrderableError):
			fee_in_force(doc.name)
		with self.assertRaises(NotOrderableError):
			validate_charged_price(doc.name, 300)
		self.assertFalse(frappe.db.exists("Item", doc.name))

	def test_pending_fee_change_leaves_the_old_fee_in_force(self):
		doc = approved_item("Window cleaning (test)", 100)
		doc = act(doc, "Change Fee", BRANCH_MANAGER)
		frappe.set_user(BRANCH_MANAGER)
		doc.proposed_fee, doc.effective_date = 150, add_days(today(), 7)
		doc.save()
		doc = act(doc, "Submit for Review", BRANCH_MANAGER)
		doc = act(doc, "Approve", FINANCE)

		# Pending at leadership: the old fee is what applies, today and next week.
		self.assertEqual((fee_in_force(doc.name), doc.standard_fee), (100, 100))
		self.assertEqual(fee_in_force(doc.name, add_days(today(), 7)), 100)
		self.assertEqual(erpnext_price(doc.item, add_days(today(), 7)), 100)

		doc = act(doc, "Approve", LEADER)
		self.assertEqual((fee_in_force(doc.name), doc.standard_fee), (100, 100))
		self.assertEqual(fee_in_force(doc.name, add_days(today(), 7)), 150)
		self.assertEqual(erpnext_price(doc.item, today()), 100)
		self.assertEqual(erpnext_price(doc.item, add_days(today(), 7)), 150)
		self.assertEqual([row.fee for row in doc.fee_history], [100, 150])

	def test_price_band_against_the_fee_in_force(self):
		doc = approved_item("Deep cleaning (test)", 100)
		validate_charged_price(doc.name, 70)
		validate_charged_price(doc.name, 130)
		# The message names the service and the band.
		with self.assertRaisesRegex(PriceBandError, r"Deep cleaning \(test\) is outside ±30%"):
			validate_charged_price(doc.name, 131)
		with self.assertRaises(PriceBandError):
			validate_charged_price(doc.name, 69)

	def test_next_approver_is_notified_at_every_step(self):
		doc = act(draft_item("Carpet cleaning (test)", 40), "Submit for Review", BRANCH_MANAGER)
		self.assertTrue(self.notified(FINANCE, doc.name))
		self.assertFalse(self.notified(LEADER, doc.name))
		doc = act(doc, "Approve", FINANCE)
		self.assertTrue(self.notified(LEADER, doc.name))
		act(doc, "Approve", LEADER)
		self.assertTrue(self.notified(BRANCH_MANAGER, doc.name))

	@staticmethod
	def notified(user: str, name: str) -> bool:
		return bool(
			frappe.db.exists(
				"Notification Log",
				{"for_user": user, "document_type": "Service Catalogue Item", "document_name": name},
			)
		)
