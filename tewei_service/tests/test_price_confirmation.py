"""C5 on a real site: computed price, department heads' signatures, the Branch Manager's approval."""

import frappe
from frappe.model.workflow import WorkflowTransitionError

from tewei_service.catalogue.fees import validate_charged_price
from tewei_service.exceptions import ApprovalError, PriceBandError, ServicePermissionError
from tewei_service.tests.catalogue_builders import (
	BRANCH_MANAGER,
	CUSTOMER_SERVICE,
	DEPARTMENT_HEAD,
	CatalogueTestCase,
	act,
	approved_item,
)
from tewei_service.tests.price_confirmation_builders import (
	draft_confirmation,
	pending_confirmation,
	sign,
)


class TestPriceConfirmation(CatalogueTestCase):
	def test_price_is_computed_in_company_currency(self):
		doc = draft_confirmation()
		self.assertEqual(doc.currency, "CNY")
		self.assertEqual([row.amount for row in doc.labour], [315])
		self.assertEqual([row.amount for row in doc.materials], [222])
		self.assertEqual(
			(doc.total_cost, doc.management_fee, doc.tax_amount, doc.grand_total, doc.margin, doc.below_cost),
			(537, 53.7, 35.44, 626.14, 53.7, 0),
		)

	def test_negative_or_empty_inputs_are_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "at least one labour or material row"):
			draft_confirmation(labour=[], materials=[])
		with self.assertRaisesRegex(frappe.ValidationError, "Labour row 1"):
			draft_confirmation(labour=[{"work": "x", "staff_count": 1, "hours": -2, "hourly_cost": 40}])
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be negative"):
			draft_confirmation(management_fee_percent=-5)

	def test_a_total_below_cost_is_flagged(self):
		doc = draft_confirmation(discount_amount=80)
		self.assertEqual((doc.margin, doc.below_cost), (-26.3, 1))

	def test_signed_by_a_head_and_approved_by_the_branch_manager(self):
		doc = draft_confirmation()
		with self.assertRaises(ApprovalError):
			act(doc, "Submit for Approval", CUSTOMER_SERVICE)
		with self.assertRaises(ServicePermissionError):
			sign(doc, CUSTOMER_SERVICE)
		doc = sign(doc)
		self.assertEqual([row.head for row in doc.signatures], [DEPARTMENT_HEAD])
		with self.assertRaisesRegex(frappe.ValidationError, "already signed"):
			sign(doc)

		doc = act(doc, "Submit for Approval", CUSTOMER_SERVICE)
		self.assertEqual(doc.workflow_state, "Pending Approval")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": BRANCH_MANAGER, "document_name": doc.name})
		)
		for wrong_user in (CUSTOMER_SERVICE, DEPARTMENT_HEAD):
			with self.assertRaises(WorkflowTransitionError):
				act(doc, "Approve", wrong_user)
		doc = act(doc, "Approve", BRANCH_MANAGER)
		self.assertEqual(
			(doc.workflow_state, doc.docstatus, doc.approved_by), ("Approved", 1, BRANCH_MANAGER)
		)

	def test_changing_the_price_clears_signatures(self):
		doc = sign(draft_confirmation())
		frappe.set_user(CUSTOMER_SERVICE)
		doc.labour[0].hours = 5
		doc.save()
		self.assertEqual((doc.signatures, doc.labour_cost), ([], 450))

	def test_signatures_cannot_be_edited_by_hand(self):
		doc = sign(draft_confirmation())
		frappe.set_user(CUSTOMER_SERVICE)
		doc.signatures[0].head = CUSTOMER_SERVICE
		with self.assertRaises(ApprovalError):
			doc.save()

	def test_an_approved_confirmation_lifts_no_band_by_itself(self):
		# C4: outside its own order (work_orders.pricing, tested with the order) a confirmation,
		# approved or not, changes nothing about the price band.
		item = approved_item("Small renovation (test)", 100)
		act(pending_confirmation(), "Approve", BRANCH_MANAGER)
		with self.assertRaises(PriceBandError):
			validate_charged_price(item.name, 626.14)
		validate_charged_price(item.name, 129)
