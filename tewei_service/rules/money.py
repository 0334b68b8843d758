"""One rounding rule for every amount the app computes: half up, to the cent (yuan and fen)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_money(value) -> Decimal:
	return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
