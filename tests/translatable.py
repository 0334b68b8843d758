"""Every user-facing string of the app, found where Frappe translates it (pure Python).

Frappe translates by the English text: DocType names, labels, descriptions and Select options
from the JSON; `_()` in Python and Jinja; `__()` in JS; report, print format, workspace, number
card and chart names; workflow states and actions by their text; roles. A `_()` of a variable
must say in DYNAMIC where its values come from.

`python3 tests/translatable.py zh-TW` prints the strings a language still lacks, as CSV rows.
"""

import ast
import csv
import json
import re
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "tewei_service"
MODULE = APP / "tewei_service"
LANGUAGES = ("zh", "zh-TW")

# Values that reach `_()` / `__()` through a variable: strings found elsewhere already ("doctype",
# "label", "option", "state", "role"), strings Frappe or ERPNext translate or the user types
# ("external"), or the app's constants (file, names[, index of the element in each row]).
_COMPLAINTS = "tewei_service/report/complaint_statistics/complaint_statistics.py"
_ANALYSIS = "tewei_service/report/home_service_analysis/home_service_analysis.py"
DYNAMIC = {
	("billing/immediate.py", "doctype"): "doctype",
	("demo/build.py", "doctype"): "doctype",
	("billing/references.py", "doctype"): "doctype",
	("locks.py", "doc.doctype"): "doctype",
	("complaints/register.py", "label"): "label",
	("locks.py", "doc.meta.get_label(field)"): "label",
	("records.py", "doc.doctype"): "doctype",
	("records.py", "doctype"): "doctype",
	("validation.py", "doc.meta.get_label(fieldname)"): "label",
	("validation.py", "role"): "role",
	("tewei_service/doctype/service_settings/service_settings.py", "self.meta.get_label(fieldname)"): "label",
	("tewei_service/doctype/service_settings/service_settings.py", "doctype"): "doctype",
	("tewei_service/doctype/revisit_record/revisit_record.py", "state"): "state",
	(
		"tewei_service/doctype/service_catalogue_item/service_catalogue_item.py",
		"before.workflow_state if before else State.DRAFT",
	): "state",
	(
		"tewei_service/notification/service_fee_decided/service_fee_decided.json",
		"doc.workflow_state",
	): "state",
	("www/my_household.html", "order.workflow_state"): "state",
	("www/my_household.html", "agreement.workflow_state"): "state",
	("www/my_household.html", "order.payment_status"): "option",
	("www/my_household.html", "agreement.billing_cycle"): "option",
	("templates/includes/service_price_list.html", "category"): "option",
	("templates/includes/service_price_list.html", "row.unit_of_charge"): "option",
	(
		"tewei_service/print_format/service_work_order/service_work_order.html",
		'row.unit_of_charge or ""',
	): "option",
	(
		"tewei_service/print_format/home_service_record/home_service_record.html",
		'row.unit_of_charge or ""',
	): "option",
	("tewei_service/print_format/errand_purchase/errand_purchase.html", "doc.payment_status"): "option",
	(
		"tewei_service/print_format/errand_purchase/errand_purchase.html",
		'doc.payment_status or "Unbilled"',
	): "option",
	("tewei_service/doctype/billing_run/billing_run_list.js", "doc.status"): "option",
	("work_orders/commitments.py", "order.commitment"): "option",
	("catalogue/tariffs.py", "before.workflow_state"): "state",
	("templates/includes/portal/macros.html", 'state or ""'): "state",
	("www/service_order.html", "step"): "state",
	("tewei_service/doctype/household/household.js", "entry.doctype"): "doctype",
	("tewei_service/doctype/household/household.js", 'entry.status || ""'): "option",
	("tewei_service/report/special_service_register/special_service_register.js", "value"): "option",
	("tewei_service/report/complaint_statistics/complaint_statistics.py", "row['group_value']"): "option",
	(
		"tewei_service/report/satisfaction_survey_analysis/satisfaction_survey_analysis.py",
		"row['topic']",
	): "option",
	("surveys/follow_up.py", "reason"): "option",
	("tewei_service/print_format/satisfaction_survey/satisfaction_survey.html", "rating"): "option",
	("tewei_service/print_format/satisfaction_survey/satisfaction_survey.html", "row.topic"): "option",
	("tewei_service/print_format/service_complaint/service_complaint.html", 'doc.channel or ""'): "option",
	("tewei_service/print_format/service_complaint/service_complaint.html", 'doc.category or ""'): "option",
	("tewei_service/print_format/service_complaint/service_complaint.html", "doc.reply_method"): "option",
	("www/my_work.html", "mode"): "option",
	("www/my_work.html", "row.request_type"): "option",
	("www/service_bills.html", "agreement.billing_cycle"): "option",
	("www/service_order.html", "order.request_type"): "option",
	("www/service_prices.html", "category"): "option",
	("dashboards.py", "desk"): "option",
	(
		"tewei_service/doctype/satisfaction_survey/satisfaction_survey.js",
		'frm.doc.follow_up_status || ""',
	): "option",
	("tewei_service/doctype/service_complaint/service_complaint_list.js", "doc.status"): "option",
	("www/service_complaints.html", "category"): "option",
	("www/service_complaints.html", "complaint.category"): "option",
	("www/service_prices.html", 'row.unit_of_charge or ""'): "option",
	("www/service_request.html", "request_type"): "option",
	("www/service_request.html", 'row.unit_of_charge or ""'): "option",
	("tewei_service/print_format/billing_notice/billing_notice.html", "row.uom"): "external",
	("tewei_service/print_format/cash_receipt/cash_receipt.html", 'doc.mode_of_payment or ""'): "external",
	("setup/billing_items.py", "item_code"): (
		"setup/billing_items.py",
		("ERRAND_GOODS", "TEMPORARY_SERVICE"),
	),
	("work_orders/commitments.py", "label"): ("work_orders/commitments.py", ("MILESTONES",)),
	("revisits/plan.py", "reason"): ("rules/revisits.py", ("REASONS",)),
	("tewei_service/report/response_commitment_compliance/response_commitment_compliance.py", "s"): (
		"work_orders/commitment_compliance.py",
		("STATUSES",),
	),
	(_COMPLAINTS, "GROUP_LABELS[group_by]"): (_COMPLAINTS, ("GROUP_LABELS",)),
	(_ANALYSIS, "GROUP_LABELS[group_by]"): (_ANALYSIS, ("GROUP_LABELS",)),
	(_ANALYSIS, "CHART_MEASURES[measure]"): (_ANALYSIS, ("MEASURES",), 1),
	(_ANALYSIS, "label"): (_ANALYSIS, ("MEASURES",), 1),
}

_QUOTED = r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`)"""
# `__("…")` in JS; `_("…")` in Jinja (not `__(`, `x._(`); then a call of anything but a literal.
JS_CALL = re.compile(r"(?<![\w.$])__\(\s*" + _QUOTED)
JINJA_CALL = re.compile(r"(?<![\w.$])_\(\s*" + _QUOTED)
JS_DYNAMIC = re.compile(r"(?<![\w.$])__\(\s*(?![\s\"'`)])([^,)]+(?:\([^()]*\))?[^,)]*)")
JINJA_DYNAMIC = re.compile(r"(?<![\w.$])_\(\s*(?![\s\"'`)])([^,)]+(?:\([^()]*\))?[^,)]*)")


def _sources(pattern: str):
	return sorted(
		path
		for path in APP.rglob(pattern)
		if not {"tests", "dist", "node_modules", "__pycache__"} & set(path.relative_to(APP).parts)
	)


def _relative(path: Path) -> str:
	return path.relative_to(APP).as_posix()


def _unquote(literal: str) -> str | None:
	if literal[0] == "`":
		return None if "${" in literal else literal[1:-1].replace("\\`", "`")
	return ast.literal_eval(literal)


class Catalogue:
	"""The strings (each with the first place it was found) and the `_()` of unknown variables."""

	def __init__(self):
		self.strings: dict[str, str] = {}
		self.unexplained: list[str] = []
		self.dynamic: list[tuple[str, str]] = []

	def add(self, text, place: str) -> None:
		if isinstance(text, str) and text.strip() and not text.startswith(("eval:", "fa fa-")):
			self.strings.setdefault(text.strip(), place)

	def template(self, text: str, place: str, script=False) -> None:
		"""Jinja `_()` (and JS `__()` where the template holds a script)."""
		for call, dynamic in ((JINJA_CALL, JINJA_DYNAMIC), *([(JS_CALL, JS_DYNAMIC)] if script else ())):
			for match in call.finditer(text):
				self.add(_unquote(match.group(1)), place)
			for match in dynamic.finditer(text):
				self.dynamic.append((place, match.group(1).strip()))


def _doctype(catalogue: Catalogue, definition: dict, place: str) -> None:
	catalogue.add(definition["name"], place)
	catalogue.add(definition.get("description"), place)
	for field in definition.get("fields", []):
		_field(catalogue, field, place)
	for link in definition.get("links", []):
		catalogue.add(link.get("group"), place)
	for action in definition.get("actions", []):
		catalogue.add(action.get("label"), place)


def _field(catalogue: Catalogue, field: dict, place: str) -> None:
	for key in ("label", "description", "placeholder"):
		catalogue.add(field.get(key), place)
	# A naming series is a pattern, not words.
	if (
		field.get("fieldtype") == "Select"
		and field.get("options")
		and field.get("fieldname") != "naming_series"
	):
		for option in field["options"].split("\n"):
			catalogue.add(option, place)


def _workspace(catalogue: Catalogue, definition: dict, place: str) -> None:
	for key in ("label", "title"):
		catalogue.add(definition.get(key), place)
	for table in ("links", "shortcuts", "charts", "number_cards", "quick_lists", "custom_blocks"):
		for row in definition.get(table, []):
			catalogue.add(row.get("label"), place)
	for block in json.loads(definition.get("content") or "[]"):
		if block.get("type") == "header":
			# Frappe translates a header by its text without the markup.
			catalogue.add(re.sub(r"<[^>]+>", "", block["data"]["text"]), place)


def _record(catalogue: Catalogue, definition: dict, path: Path) -> None:
	"""The standard records shipped as JSON with the module."""
	place, kind = _relative(path), definition.get("doctype")
	if kind == "DocType":
		_doctype(catalogue, definition, place)
	elif kind == "Report":
		catalogue.add(definition["report_name"], place)
		for row in definition.get("columns", []) + definition.get("filters", []):
			catalogue.add(row.get("label"), place)
	elif kind == "Print Format":
		catalogue.add(definition["name"], place)
		catalogue.template(definition.get("html") or "", place, script=True)
	elif kind == "Notification":
		for key in ("subject", "message"):
			catalogue.template(definition.get(key) or "", place)
	elif kind == "Workspace":
		_workspace(catalogue, definition, place)
	elif kind in ("Number Card", "Dashboard Chart", "Dashboard", "Page", "Web Form"):
		for key in ("label", "chart_name", "dashboard_name", "title", "introduction_text", "success_message"):
			catalogue.add(definition.get(key), place)
		for field in definition.get("web_form_fields", []):
			_field(catalogue, field, place)


def _strings_in(node: ast.AST, index: int | None = None) -> list:
	"""The strings of a literal (dict values, row elements), without evaluating anything."""
	if isinstance(node, ast.Constant):
		return [node.value] if isinstance(node.value, str) else []
	if isinstance(node, ast.Dict):
		return [text for value in node.values for text in _strings_in(value)]
	if isinstance(node, ast.Tuple | ast.List | ast.Set):
		if index is not None:
			return [text for row in node.elts for text in _strings_in(row.elts[index])]
		return [text for element in node.elts for text in _strings_in(element)]
	if isinstance(node, ast.Starred):
		return _strings_in(node.value)
	return [node]  # a name, resolved by the caller


def constants(relative: str, names: tuple, index: int | None = None) -> list[str]:
	"""The strings of module-level constants of an app module, names resolved within it."""
	assigned = {}
	for node in ast.parse((APP / relative).read_text()).body:
		if isinstance(node, ast.Assign):
			for target in node.targets:
				if isinstance(target, ast.Name):
					assigned[target.id] = node.value
				elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
					assigned.update(zip((name.id for name in target.elts), node.value.elts, strict=True))
	found, pending = [], [_strings_in(assigned[name], index) for name in names]
	while pending:
		for item in pending.pop():
			if isinstance(item, str):
				found.append(item)
			elif isinstance(item, ast.Name) and item.id in assigned:
				pending.append(_strings_in(assigned[item.id]))
	return found


def _python(catalogue: Catalogue, path: Path) -> None:
	place = _relative(path)
	in_report = "report" in path.parts
	for node in ast.walk(ast.parse(path.read_text())):
		if isinstance(node, ast.Call) and node.args and _is_translate(node.func):
			argument = node.args[0]
			if isinstance(argument, ast.Constant):
				catalogue.add(argument.value, place)
			else:
				catalogue.dynamic.append((place, ast.unparse(argument)))
		elif in_report and isinstance(node, ast.Dict):
			# Frappe translates a report column's label on the server.
			for key, value in zip(node.keys, node.values, strict=True):
				if isinstance(key, ast.Constant) and key.value == "label" and isinstance(value, ast.Constant):
					catalogue.add(value.value, place)


def _is_translate(function: ast.AST) -> bool:
	return (isinstance(function, ast.Name) and function.id == "_") or (
		isinstance(function, ast.Attribute) and function.attr == "_"
	)


def _module_data(catalogue: Catalogue) -> None:
	"""Roles, custom fields, workflow states and actions, the portal menu: data in Python."""
	for role in constants("setup/roles.py", ("ROLES",)):
		catalogue.add(role, "setup/roles.py")
	for fields in ast.literal_eval(_assigned("setup/custom_fields.py", "CUSTOM_FIELDS")).values():
		for field in fields:
			_field(catalogue, field, "setup/custom_fields.py")
	tree = ast.parse((APP / "states.py").read_text())
	for node in tree.body:
		if isinstance(node, ast.ClassDef):
			for statement in node.body:
				if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant):
					catalogue.add(statement.value.value, "states.py")
		elif isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "").endswith("_TRANSITIONS"):
			for row in ast.walk(node.value):
				if (
					isinstance(row, ast.Tuple)
					and len(row.elts) >= 4
					and isinstance(row.elts[1], ast.Constant)
				):
					catalogue.add(row.elts[1].value, "states.py")
	catalogue.add(ast.literal_eval(_assigned("hooks.py", "app_title")), "hooks.py")
	for item in ast.literal_eval(_assigned("hooks.py", "standard_portal_menu_items")):
		catalogue.add(item["title"], "hooks.py")


def _assigned(relative: str, name: str) -> str:
	for node in ast.parse((APP / relative).read_text()).body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return ast.get_source_segment((APP / relative).read_text(), node.value)
	raise LookupError(f"{relative}: {name}")


def catalogue() -> Catalogue:
	found = Catalogue()
	for path in sorted(MODULE.glob("*/*/*.json")):
		_record(found, json.loads(path.read_text()), path)
	for path in _sources("*.py"):
		_python(found, path)
	for path in _sources("*.js"):
		text, place = path.read_text(), _relative(path)
		for match in JS_CALL.finditer(text):
			found.add(_unquote(match.group(1)), place)
		found.dynamic += [(place, match.group(1).strip()) for match in JS_DYNAMIC.finditer(text)]
	for path in _sources("*.html"):
		found.template(path.read_text(), _relative(path), script=True)
	_module_data(found)
	for place, expression in found.dynamic:
		source = DYNAMIC.get((place, expression))
		if source is None:
			found.unexplained.append(f"{place}: _({expression})")
		elif isinstance(source, tuple):
			for text in constants(*source):
				found.add(text, f"{place} ({source[0]})")
	return found


def read_translations(language: str) -> list[list[str]]:
	path = APP / "translations" / f"{language}.csv"
	if not path.exists():
		return []
	with open(path, newline="", encoding="utf-8") as fh:
		return list(csv.reader(fh))


def missing(language: str) -> list[str]:
	translated = {row[0] for row in read_translations(language) if len(row) == 2 and row[1].strip()}
	return sorted(text for text in catalogue().strings if text not in translated)


if __name__ == "__main__":
	writer = csv.writer(sys.stdout, lineterminator="\n")
	for language in sys.argv[1:] or LANGUAGES:
		for text in missing(language):
			writer.writerow([text, ""])
