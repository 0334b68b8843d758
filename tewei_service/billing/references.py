"""Which orders and errands a Sales Invoice bills, and how each of them stands (SPEC S1, S5).

Each invoice line names the document it bills (Sales Invoice Item → Service Work Order or Errand
Purchase); the billed document's invoice and payment status are written here and nowhere else.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import flt, fmt_money, now_datetime

from tewei_service.exceptions import PrivateSettlementError
from tewei_service.rules.errands import DELIVERED
from tewei_service.rules.settlement import payment_status
from tewei_service.states import WorkOrderState

# Sales Invoice Item field → the document each line was billed for
REFERENCES = {"tewei_work_order": "Service Work Order", "tewei_errand_purchase": "Errand Purchase"}
# What may be billed: an order whose service was given, an errand delivered (field, values,
# and what is never billed: a warranty repair, R4).
BILLABLE = {
	"Service Work Order": ("workflow_state", WorkOrderState.SERVED, "ifnull(record.warranty_of, '') != ''"),
	"Errand Purchase": ("status", (DELIVERED,), "0"),
}


def refresh_references(invoice) -> None:
	"""Set each billed document's invoice and payment status from the invoice as it now stands.

	The billed lines are the invoice's own rows, already in memory; one update per status.
	"""
	billed = billed_amounts(invoice)
	if not billed:
		return
	active = invoice.docstatus == 1
	# An invoice being submitted has no credit notes yet.
	credited = returned_amounts(invoice.name) if active and invoice.get("_action") != "submit" else {}
	names_by_status = defaultdict(list)
	for (doctype, name), amount in billed.items():
		status = payment_status(
			invoice.rounded_total or invoice.grand_total,
			invoice.outstanding_amount,
			active,
			order_amount=amount,
			order_credited=-credited.get((doctype, name), 0),
		)
		names_by_status[(doctype, status)].append(name)
	for (doctype, status), names in names_by_status.items():
		table = frappe.qb.DocType(doctype)
		query = (
			frappe.qb.update(table)
			.set(table.payment_status, status)
			.set(table.sales_invoice, invoice.name if active else None)
			.set(table.modified, now_datetime())
			.set(table.modified_by, frappe.session.user)
			.where(table.name.isin(names))
		)
		if not active:
			# Cancelling the invoice frees the documents it billed to be billed again.
			query = query.where(table.sales_invoice == invoice.name)
		query.run()
		for name in names:
			frappe.clear_document_cache(doctype, name)


def billed_amounts(invoice) -> dict[tuple[str, str], float]:
	"""The invoice's line amounts per billed document, as {(doctype, name): amount}."""
	amounts = defaultdict(float)
	for row in invoice.get("items") or []:
		for field, doctype in REFERENCES.items():
			if row.get(field):
				amounts[(doctype, row.get(field))] += flt(row.amount)
	return amounts


def returned_amounts(invoice_name: str) -> dict[tuple[str, str], float]:
	"""What the submitted credit notes against the invoice return, per billed document (negative)."""
	amounts = defaultdict(float)
	fields = reference_columns()
	if not fields:
		return amounts
	for row in frappe.db.sql(
		f"""select item.amount, {", ".join(f"item.`{field}`" for field in fields)}
		from `tabSales Invoice Item` item join `tabSales Invoice` credit on credit.name = item.parent
		where credit.return_against = %s and credit.is_return = 1 and credit.docstatus = 1""",
		invoice_name,
		as_dict=True,
	):
		for field in fields:
			if row[field]:
				amounts[(REFERENCES[field], row[field])] += flt(row.amount)
	return amounts


def reference_columns() -> list[str]:
	return [field for field in REFERENCES if frappe.db.has_column("Sales Invoice Item", field)]


def check_billed_once(invoice) -> None:
	"""S1, E1: one invoice per billed thing, whatever made the invoice (the desk, its Duplicate, REST,
	an import). A line may bill an order or errand only for its own customer, at its own amount,
	and only if no other submitted invoice bills it. Credit notes give back what was billed."""
	if invoice.get("is_return"):
		return
	billed = billed_amounts(invoice)
	if not billed:
		return
	# Insert and submit validate the same lines in one go: they are read once.
	checked = (invoice.customer, tuple(sorted(billed.items())))
	if invoice.flags.tewei_billed_once == checked:
		return
	for doctype in {doctype for doctype, _name in billed}:
		names = [name for billed_doctype, name in billed if billed_doctype == doctype]
		records = {
			record.name: record
			for record in frappe.db.sql(
				f"""select record.name, record.customer, record.sales_invoice, record.total_amount,
					record.`{BILLABLE[doctype][0]}` in %(billable)s as billable,
					{BILLABLE[doctype][2]} as free_of_charge,
					(select item.parent from `tabSales Invoice Item` item
					join `tabSales Invoice` other on other.name = item.parent
					where item.`{reference_field(doctype)}` = record.name and other.docstatus = 1
					and other.is_return = 0 and other.name != %(invoice)s limit 1) as other_invoice
				from `tab{doctype}` record where record.name in %(names)s""",
				{"names": names, "invoice": invoice.name or "", "billable": BILLABLE[doctype][1]},
				as_dict=True,
			)
		}
		for name in names:
			check_line(invoice, doctype, name, billed[(doctype, name)], records.get(name))
	invoice.flags.tewei_billed_once = checked


def check_line(invoice, doctype: str, name: str, amount: float, record) -> None:
	if not record:
		frappe.throw(_("{0} {1} does not exist.").format(_(doctype), name), PrivateSettlementError)
	if record.free_of_charge:
		frappe.throw(
			_("{0} {1} is a warranty repair, free of charge: it is never billed (R4).").format(
				_(doctype), name
			),
			PrivateSettlementError,
			title=_("Billed Once"),
		)
	other = record.sales_invoice if record.sales_invoice != invoice.name else None
	if other := other or record.other_invoice:
		frappe.throw(
			_("{0} {1} is already billed on {2}.").format(_(doctype), name, other),
			PrivateSettlementError,
			title=_("Billed Once"),
		)
	if record.customer != invoice.customer:
		frappe.throw(
			_("{0} {1} is for {2}, not {3}.").format(_(doctype), name, record.customer, invoice.customer),
			PrivateSettlementError,
			title=_("Billed Once"),
		)
	if abs(amount - flt(record.total_amount)) >= 0.005:
		frappe.throw(
			_("The lines of {0} {1} come to {2}, but it is for {3}.").format(
				_(doctype), name, fmt_money(amount), fmt_money(record.total_amount)
			),
			PrivateSettlementError,
			title=_("Billed Once"),
		)
	if not record.billable:
		frappe.throw(
			_("{0} {1} is not done yet, so it cannot be billed.").format(_(doctype), name),
			PrivateSettlementError,
			title=_("Billed Once"),
		)


def check_cycle_billed_once(invoice) -> None:
	"""S4: an agreement cycle is billed on one submitted invoice."""
	if invoice.get("is_return") or not invoice.get("tewei_service_agreement"):
		return
	other = frappe.db.get_value(
		"Sales Invoice",
		{
			"tewei_service_agreement": invoice.tewei_service_agreement,
			"tewei_cycle_start": invoice.tewei_cycle_start,
			"docstatus": 1,
			"is_return": 0,
			"name": ("!=", invoice.name or ""),
		},
	)
	if other:
		frappe.throw(
			_("The cycle of {0} from {1} is already billed on {2}.").format(
				invoice.tewei_service_agreement,
				frappe.format_value(invoice.tewei_cycle_start, {"fieldtype": "Date"}),
				other,
			),
			PrivateSettlementError,
			title=_("Billed Once"),
		)


def reference_field(doctype: str) -> str:
	return next(field for field, target in REFERENCES.items() if target == doctype)


def is_service_invoice(name: str) -> bool:
	"""An invoice this app made: for orders, errands or an agreement cycle."""
	conditions = " or ".join(f"ifnull(item.`{field}`, '') != ''" for field in reference_columns()) or "0"
	return bool(
		frappe.db.sql(
			f"""select 1 from `tabSales Invoice` invoice
			where invoice.name = %(name)s and (ifnull(invoice.tewei_service_agreement, '') != ''
				or exists (select 1 from `tabSales Invoice Item` item
				where item.parent = invoice.name and item.parenttype = 'Sales Invoice' and ({conditions})))""",
			{"name": name},
		)
	)


def pays_agreements_only(payment) -> bool:
	"""S4: every invoice a Payment Entry pays is an agreement cycle's."""
	invoices = [row.reference_name for row in payment.references if row.reference_doctype == "Sales Invoice"]
	return bool(invoices) and all(
		frappe.db.get_value("Sales Invoice", name, "tewei_service_agreement") for name in invoices
	)


def carry_references_to_return(credit_note) -> None:
	"""A credit note's lines name what they give back: ERPNext maps a return from the invoice but
	skips no_copy fields, which the references are so that Duplicate never bills twice (S1, S5)."""
	if not (credit_note.get("is_return") and credit_note.get("return_against")):
		return
	originals = {row.sales_invoice_item for row in credit_note.items if row.get("sales_invoice_item")}
	if not originals:
		return
	fields = [*reference_columns(), "tewei_household"]
	by_row = {
		row.name: row
		for row in frappe.get_all(
			"Sales Invoice Item",
			{"name": ("in", list(originals)), "parent": credit_note.return_against},
			["name", *fields],
		)
	}
	for row in credit_note.items:
		if original := by_row.get(row.get("sales_invoice_item")):
			row.update({field: original[field] for field in fields})
