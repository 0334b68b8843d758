"""The office tariff (SPEC R6, procedure 5 §5.6.1): each management office sets one fee per
catalogue item within the band of its standard fee, and its orders are charged at that fee."""

from decimal import Decimal

from tewei_service.rules import Violation, _
from tewei_service.rules.money import round_money
from tewei_service.rules.pricing import price_band


def within_band(standard_fee: float, tariff_fee: float, band_percent: float) -> bool:
	low, high = price_band(standard_fee, band_percent)
	return low <= round_money(Decimal(str(tariff_fee))) <= high


def check_tariff_fee(
	item: str, standard_fee: float, tariff_fee: float, band_percent: float
) -> Violation | None:
	"""None when the office may set `tariff_fee` for the item; otherwise why not."""
	if within_band(standard_fee, tariff_fee, band_percent):
		return None
	low, high = price_band(standard_fee, band_percent)
	return Violation(
		_(
			"The tariff fee {price} for {item} is outside ±{band}% of its standard fee {fee} "
			"(allowed {low} to {high})."
		),
		{
			"price": f"{Decimal(str(tariff_fee)):.2f}",
			"item": item,
			"band": f"{Decimal(str(band_percent)).normalize():f}",
			"fee": f"{Decimal(str(standard_fee)):.2f}",
			"low": f"{low:.2f}",
			"high": f"{high:.2f}",
		},
	)


def check_unique_items(items: list[str]) -> Violation | None:
	"""One fee per catalogue item in a tariff."""
	seen, repeated = set(), []
	for item in items:
		if item in seen and item not in repeated:
			repeated.append(item)
		seen.add(item)
	if not repeated:
		return None
	return Violation(
		_("A tariff sets one fee per service: {items} appear more than once."), {"items": ", ".join(repeated)}
	)


def check_off_tariff(item: str, tariff_fee: float, price: float) -> Violation | None:
	"""An order is charged at its office's published tariff; any other price needs the order's own
	Price Confirmation (the caller decides whether one covers it)."""
	if round_money(Decimal(str(price))) == round_money(Decimal(str(tariff_fee))):
		return None
	return Violation(
		_(
			"The price {price} for {item} is off the office tariff {fee}. "
			"Charge the tariff fee or attach an approved Price Confirmation for this order."
		),
		{"price": f"{Decimal(str(price)):.2f}", "item": item, "fee": f"{Decimal(str(tariff_fee)):.2f}"},
	)
