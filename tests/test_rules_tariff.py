from tewei_service.rules.tariff import check_off_tariff, check_tariff_fee, check_unique_items


def test_tariff_fees_inside_the_band_and_on_its_edges_pass():
	for fee in (70, 88, 100, 130):
		assert check_tariff_fee("Indoor cleaning", 100, fee, 30) is None


def test_tariff_fees_outside_the_band_fail_in_both_directions():
	for fee in (69.99, 130.01, 0):
		assert check_tariff_fee("Indoor cleaning", 100, fee, 30) is not None, fee
	message = check_tariff_fee("Indoor cleaning", 100, 150, 30).render()
	assert message.startswith("The tariff fee 150.00 for Indoor cleaning is outside ±30%")
	assert "(allowed 70.00 to 130.00)" in message


def test_a_tariff_names_each_service_once():
	assert check_unique_items(["A", "B"]) is None
	assert check_unique_items(["A", "B", "A", "A"]).render().endswith("A appear more than once.")


def test_orders_are_charged_the_tariff_fee_to_the_cent():
	assert check_off_tariff("Indoor cleaning", 88, 88.001) is None
	message = check_off_tariff("Indoor cleaning", 88, 90).render()
	assert message.startswith("The price 90.00 for Indoor cleaning is off the office tariff 88.00.")
