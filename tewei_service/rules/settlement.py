"""How a billed order stands (SPEC S1): from its invoice's total and what is still outstanding."""

UNBILLED, BILLED, PARTLY_PAID, PAID = "Unbilled", "Billed", "Partly Paid", "Paid"


def payment_status(invoice_total: float | None, outstanding: float | None, invoice_active: bool) -> str:
	"""An order on a cancelled (or no) invoice is unbilled again; otherwise paid as far as the invoice is."""
	if not invoice_active or invoice_total is None:
		return UNBILLED
	if (outstanding or 0) <= 0:
		return PAID
	if outstanding < invoice_total:
		return PARTLY_PAID
	return BILLED
