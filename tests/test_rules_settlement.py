from tewei_service.rules.settlement import (
	check_closing,
	check_collection,
	check_immediate_settlement,
	check_no_side_payment,
	payment_status,
)


def test_payment_status_follows_the_invoice():
	assert payment_status(300, 300, True) == "Billed"
	assert payment_status(300, 100, True) == "Partly Paid"
	assert payment_status(300, 0, True) == "Paid"
	assert payment_status(300, -5, True) == "Paid"  # overpaid
	assert payment_status(300, 300, False) == "Unbilled"  # cancelled invoice frees the order
	assert payment_status(None, None, True) == "Unbilled"


def test_a_credit_note_for_an_orders_lines_marks_that_order_credited():
	assert payment_status(300, 100, True, order_amount=200, order_credited=200) == "Credited"
	assert payment_status(300, 100, True, order_amount=100, order_credited=0) == "Partly Paid"
	assert payment_status(300, 250, True, order_amount=200, order_credited=50) == "Partly Paid"
	assert payment_status(300, 300, False, order_amount=200, order_credited=200) == "Unbilled"


def test_immediate_settlement_needs_a_completed_immediate_order_not_yet_invoiced():
	assert check_immediate_settlement("Immediate", "Completed", None) == []
	assert check_immediate_settlement("Month-end", "Completed", None)
	assert check_immediate_settlement("Immediate", "In Progress", None)[0].params == {"state": "In Progress"}
	assert check_immediate_settlement("Immediate", "Completed", "SINV-1")


def test_staff_collect_only_under_the_limit():
	assert check_collection(99.99, 100, False) == []
	assert check_collection(100, 100, False)[0].params == {"amount": "100.00", "limit": "100.00"}
	assert check_collection(100, 100, True) == []
	assert check_collection(0, 100, True)
	assert check_collection(-5, 100, True)


def test_no_tips_and_no_closing_without_payment():
	assert check_no_side_payment(0) == []
	assert check_no_side_payment(5)
	assert check_closing("Month-end", "Unbilled") == []
	assert check_closing("Immediate", "Paid") == []
	assert check_closing("Immediate", "Billed")[0].params == {"status": "Billed"}
	assert check_closing("Immediate", None)[0].params == {"status": "Unbilled"}
