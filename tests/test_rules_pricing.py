from decimal import Decimal

from tewei_service.rules.pricing import check_price_band, price_band


def test_band_is_symmetric_around_the_fee():
	assert price_band(100, 30) == (Decimal("70.00"), Decimal("130.00"))
	assert price_band(33.33, 30) == (Decimal("23.33"), Decimal("43.33"))


def test_prices_inside_and_on_the_edges_pass():
	for price in (70, 99.99, 100, 130):
		assert check_price_band("Indoor cleaning", 100, price, 30) is None


def test_prices_outside_fail_in_both_directions():
	for price in (69.99, 130.01, 0, 1000):
		violation = check_price_band("Indoor cleaning", 100, price, 30)
		assert violation is not None, price


def test_message_names_item_fee_band_and_price():
	message = check_price_band("Indoor cleaning", 100, 150, 30).render()
	assert message.startswith(
		"The price 150.00 for Indoor cleaning is outside ±30% of its standard fee 100.00"
	)
	assert "(allowed 70.00 to 130.00)" in message


def test_an_approved_price_confirmation_allows_any_price():
	assert check_price_band("Small renovation", 100, 500, 30, has_price_confirmation=True) is None


def test_band_is_a_setting():
	assert check_price_band("Indoor cleaning", 100, 115, 10) is not None
	assert check_price_band("Indoor cleaning", 100, 115, 20) is None
