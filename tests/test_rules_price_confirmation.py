from decimal import Decimal

from tewei_service.rules.price_confirmation import LabourRow, MaterialRow, check_inputs, compute

LABOUR = [LabourRow("Tiling", 2, 3.5, 45), LabourRow("Cleanup", 1, 0.5, 33.33)]
MATERIALS = [MaterialRow("Tiles", 12, 18.5), MaterialRow("Grout", 1.5, 9.99)]


def test_breakdown():
	price = compute(LABOUR, MATERIALS, management_fee_percent=10, tax_percent=6)
	assert price.labour_amounts == (Decimal("315.00"), Decimal("16.67"))  # 16.665 rounds half up
	assert price.material_amounts == (Decimal("222.00"), Decimal("14.99"))  # 14.985 rounds half up
	assert price.labour == Decimal("331.67")
	assert price.materials == Decimal("236.99")
	assert price.cost == Decimal("568.66")
	assert price.management_fee == Decimal("56.87")  # 56.866
	assert price.tax == Decimal("37.53")  # 6% of 625.53 = 37.5318
	assert price.total == Decimal("663.06")
	assert price.margin == Decimal("56.87")
	assert not price.below_cost


def test_total_is_the_sum_of_its_rounded_parts():
	price = compute([LabourRow("x", 3, 1 / 3, 10)], [], 12.5, 13)
	assert price.total == price.cost + price.management_fee + price.tax
	for amount in (price.cost, price.management_fee, price.tax, price.total):
		assert amount == amount.quantize(Decimal("0.01"))


def test_a_discount_beyond_the_fee_is_below_cost():
	price = compute(LABOUR, MATERIALS, 10, 6, discount=60)
	assert price.margin == Decimal("-3.13")
	assert price.below_cost
	assert price.tax == Decimal("33.93")  # tax on the discounted price: 6% of 565.53 = 33.9318
	assert price.total == Decimal("599.46")


def test_empty_and_negative_inputs_are_refused():
	assert [v.fieldname for v in check_inputs([], [], 10, 6)] == ["labour"]
	problems = check_inputs([LabourRow("x", 0, 1, 10)], [MaterialRow("y", 1, -1)], -1, 6, -5)
	assert [v.fieldname for v in problems] == [
		"labour",
		"materials",
		"management_fee_percent",
		"discount_amount",
	]
	assert "Labour row 1" in problems[0].render()
	assert check_inputs(LABOUR, MATERIALS, 0, 0) == []
