"""Settlement rules (SPEC S1-S5): how a billed order stands, who may collect, what closes an order."""

from tewei_service.rules import Violation, _
from tewei_service.states import WorkOrderState

UNBILLED, BILLED, PARTLY_PAID, PAID, CREDITED = "Unbilled", "Billed", "Partly Paid", "Paid", "Credited"
# The work order's settlement modes (W6, S4)
MONTH_END_SETTLEMENT, IMMEDIATE_SETTLEMENT, AGREEMENT_SETTLEMENT = "Month-end", "Immediate", "Agreement"


def payment_status(
	invoice_total: float | None,
	outstanding: float | None,
	invoice_active: bool,
	order_amount: float = 0,
	order_credited: float = 0,
) -> str:
	"""An order on a cancelled (or no) invoice is unbilled again; an order whose lines a credit note
	returned in full is credited; otherwise it is paid as far as its invoice is."""
	if not invoice_active or invoice_total is None:
		return UNBILLED
	if order_amount > 0 and order_credited >= order_amount:
		return CREDITED
	if (outstanding or 0) <= 0:
		return PAID
	if outstanding < invoice_total:
		return PARTLY_PAID
	return BILLED


def check_immediate_settlement(settlement_mode: str | None, state: str | None, invoice: str | None):
	"""S2: only a completed order settled on the spot, and only once."""
	if settlement_mode != IMMEDIATE_SETTLEMENT:
		return [Violation(_("Only orders with immediate settlement are paid at the finance desk."))]
	if state != WorkOrderState.COMPLETED:
		return [Violation(_("Only a completed order can be settled (now: {state})."), {"state": state})]
	if invoice:
		return [Violation(_("The order is already invoiced on {invoice}."), {"invoice": invoice})]
	return []


def check_collection(amount: float, limit: float, collector_may_collect_any_amount: bool):
	"""S3: below a department head, staff collect only amounts under the limit themselves."""
	if amount <= 0:
		return [Violation(_("The amount received must be more than zero."), {}, "paid_amount")]
	if amount >= limit and not collector_may_collect_any_amount:
		return [
			Violation(
				_(
					"{amount} is not under the staff collection limit of {limit}: a department head or "
					"finance must collect it (S3)."
				),
				{"amount": f"{amount:.2f}", "limit": f"{limit:.2f}"},
				"tewei_collected_by",
			)
		]
	return []


def check_no_side_payment(unallocated_amount: float):
	"""S5: money for a service invoice beyond what it is owed (a tip, a side payment) is refused."""
	if unallocated_amount > 0:
		return [
			Violation(
				_("{amount} is more than the service invoices owe. Tips and side payments are refused (S5)."),
				{"amount": f"{unallocated_amount:.2f}"},
				"unallocated_amount",
			)
		]
	return []


def check_closing(settlement_mode: str | None, status: str | None):
	"""S5: an order settled on the spot is closed only once its Payment Entry has paid it."""
	if settlement_mode == IMMEDIATE_SETTLEMENT and status != PAID:
		return [
			Violation(
				_(
					"The order is settled immediately but its invoice is not paid ({status}): record the "
					"payment at finance with a Payment Entry first (S5)."
				),
				{"status": status or UNBILLED},
			)
		]
	return []
