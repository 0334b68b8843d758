"""The app's error classes, one per main rule, so callers and tests can tell the rules apart.

Each is a Frappe ValidationError (HTTP 417) or PermissionError (HTTP 403), so the desk and the REST
API show them as they show Frappe's own.
"""

import frappe


class NotOrderableError(frappe.ValidationError):
	"""C2: the service has no approved fee in force on the date."""


class PriceBandError(frappe.ValidationError):
	"""C4: a charged price outside the band without an approved Price Confirmation."""


class ApprovalError(frappe.ValidationError):
	"""C2, C5, A1: a value that only an approval or a signature may write."""


class BookingConflictError(frappe.ValidationError):
	"""W3: the staff member's bookings overlap, or keep less than the booking slack."""


class RequoteNeededError(frappe.ValidationError):
	"""W4: the confirmed scope or price changes only through Re-quote."""


class SignatureLockedError(frappe.ValidationError):
	"""W6, E1: a customer's signature, and what it was given for, cannot change."""


class PrivateSettlementError(frappe.ValidationError):
	"""S5: invoice and payment status written by hand, or money beyond what an invoice owes."""


class CollectionLimitError(frappe.ValidationError):
	"""S3: a collector below department head took the limit or more."""


class ServicePermissionError(frappe.PermissionError):
	"""P2 and the roles of SPEC "People": the user's roles do not allow the action."""


class KeptOnFileError(frappe.ValidationError):
	"""P1, E2, W5, V3: a record the procedures keep is cancelled or voided, never deleted."""


class BillingRunActiveError(frappe.ValidationError):
	"""S1: a Billing Run of the company for an overlapping period is already going."""


class MonthlyAnalysisError(frappe.ValidationError):
	"""R8: one monthly service analysis per month and scope, approved only with its analysis written."""


class SignOffError(frappe.ValidationError):
	"""R3: a sign-off out of turn, a dissatisfied one without its comment, or a rework without one."""


class WarrantyError(frappe.ValidationError):
	"""R4: a warranty repair claimed on the wrong order, out of its period, or charged."""


class MisroutedRequestError(frappe.ValidationError):
	"""R5: a request taken at a desk that does not take it, or declined without the reason."""


class DemoRefusedError(frappe.ValidationError):
	"""The demo is built only on a site without app data, unless told to reset it."""
