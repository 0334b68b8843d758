"""The price of a temporary service (SPEC C5, 《特約維修價格確認單》): "cover cost, small profit".

labour    = sum of staff * hours * hourly cost (each row rounded to the cent)
materials = sum of quantity * unit cost (each row rounded to the cent)
cost      = labour + materials
fee       = cost * management fee rate
tax       = (cost + fee - discount) * tax rate
total     = cost + fee - discount + tax
margin    = fee - discount (what is earned above cost); negative means below cost.
"""

from dataclasses import dataclass
from decimal import Decimal

from tewei_service.rules import Violation, _
from tewei_service.rules.money import round_money


@dataclass(frozen=True)
class LabourRow:
	work: str
	staff: float
	hours: float
	hourly_cost: float


@dataclass(frozen=True)
class MaterialRow:
	description: str
	quantity: float
	unit_cost: float


@dataclass(frozen=True)
class PriceBreakdown:
	labour_amounts: tuple[Decimal, ...]
	material_amounts: tuple[Decimal, ...]
	labour: Decimal
	materials: Decimal
	cost: Decimal
	management_fee: Decimal
	tax: Decimal
	total: Decimal
	margin: Decimal

	@property
	def below_cost(self) -> bool:
		return self.margin < 0


def check_inputs(
	labour: list[LabourRow],
	materials: list[MaterialRow],
	management_fee_percent: float,
	tax_percent: float,
	discount: float = 0,
) -> list[Violation]:
	"""Refuse empty confirmations and negative or zero quantities."""
	problems = []
	if not labour and not materials:
		problems.append(Violation(_("Add at least one labour or material row."), {}, "labour"))
	for index, row in enumerate(labour, 1):
		if row.staff <= 0 or row.hours <= 0 or row.hourly_cost < 0:
			problems.append(
				Violation(
					_(
						"Labour row {row}: staff and hours must be above zero and the hourly cost not negative."
					),
					{"row": index},
					"labour",
				)
			)
	for index, row in enumerate(materials, 1):
		if row.quantity <= 0 or row.unit_cost < 0:
			problems.append(
				Violation(
					_("Material row {row}: the quantity must be above zero and the unit cost not negative."),
					{"row": index},
					"materials",
				)
			)
	for fieldname, value in (
		("management_fee_percent", management_fee_percent),
		("tax_percent", tax_percent),
		("discount_amount", discount),
	):
		if value < 0:
			problems.append(Violation(_("{field} cannot be negative."), {}, fieldname))
	return problems


def compute(
	labour: list[LabourRow],
	materials: list[MaterialRow],
	management_fee_percent: float,
	tax_percent: float,
	discount: float = 0,
) -> PriceBreakdown:
	labour_amounts = tuple(
		round_money(Decimal(str(r.staff)) * Decimal(str(r.hours)) * Decimal(str(r.hourly_cost)))
		for r in labour
	)
	material_amounts = tuple(
		round_money(Decimal(str(r.quantity)) * Decimal(str(r.unit_cost))) for r in materials
	)
	labour_total, material_total = sum(labour_amounts, Decimal(0)), sum(material_amounts, Decimal(0))
	cost = labour_total + material_total
	fee = round_money(cost * Decimal(str(management_fee_percent)) / 100)
	discount_amount = round_money(discount)
	tax = round_money((cost + fee - discount_amount) * Decimal(str(tax_percent)) / 100)
	return PriceBreakdown(
		labour_amounts=labour_amounts,
		material_amounts=material_amounts,
		labour=labour_total,
		materials=material_total,
		cost=cost,
		management_fee=fee,
		tax=tax,
		total=cost + fee - discount_amount + tax,
		margin=fee - discount_amount,
	)
