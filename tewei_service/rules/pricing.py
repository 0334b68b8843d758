"""The price band (SPEC C4): a charged price may float within ±band% of the standard fee."""

from decimal import Decimal

from tewei_service.rules import Violation, _
from tewei_service.rules.money import round_money


def price_band(standard_fee: float, band_percent: float) -> tuple[Decimal, Decimal]:
	"""The lowest and highest price allowed without a price confirmation."""
	fee, band = Decimal(str(standard_fee)), Decimal(str(band_percent)) / 100
	return round_money(fee * (1 - band)), round_money(fee * (1 + band))


def check_price_band(
	item: str,
	standard_fee: float,
	charged_price: float,
	band_percent: float,
	has_price_confirmation: bool = False,
) -> Violation | None:
	"""None when the price may be charged; otherwise why not (both directions are checked)."""
	low, high = price_band(standard_fee, band_percent)
	if low <= round_money(Decimal(str(charged_price))) <= high or has_price_confirmation:
		return None
	return Violation(
		_(
			"The price {price} for {item} is outside ±{band}% of its standard fee {fee} (allowed {low} to {high}). "
			"Charge within the band or attach an approved Price Confirmation."
		),
		{
			"price": f"{Decimal(str(charged_price)):.2f}",
			"item": item,
			"band": f"{Decimal(str(band_percent)).normalize():f}",
			"fee": f"{Decimal(str(standard_fee)):.2f}",
			"low": f"{low:.2f}",
			"high": f"{high:.2f}",
		},
	)
