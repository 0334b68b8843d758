from tewei_service.rules.settlement import payment_status


def test_payment_status_follows_the_invoice():
	assert payment_status(300, 300, True) == "Billed"
	assert payment_status(300, 100, True) == "Partly Paid"
	assert payment_status(300, 0, True) == "Paid"
	assert payment_status(300, -5, True) == "Paid"  # overpaid or credited
	assert payment_status(300, 300, False) == "Unbilled"  # cancelled invoice frees the order
	assert payment_status(None, None, True) == "Unbilled"
