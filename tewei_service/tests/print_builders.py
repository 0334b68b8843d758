"""The text of a printed PDF, as a reader would find it in the file."""

import io
import unicodedata

from pypdf import PdfReader

import frappe


def pdf_text(pdf: bytes) -> str:
	# CJK fonts map some characters to compatibility code points (文 -> ⽂); NFKC folds them back.
	# Extraction separates words with tabs or newlines: fold white space to single spaces.
	text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
	return " ".join(unicodedata.normalize("NFKC", text).split())


def printed_text(doctype: str, name: str, print_format: str) -> str:
	"""The text of the document's PDF in `print_format`."""
	return pdf_text(frappe.get_print(doctype, name, print_format, as_pdf=True))
