"""Business rules of shared/SPEC.md as plain Python.

Nothing here imports frappe, so plain pytest proves these rules anywhere. A rule reports what
is wrong as `Violation`s; the frappe-aware caller (`tewei_service.validation`) translates and
raises them. Message texts are English source strings marked with `_` so that Frappe's string
extraction finds them.
"""

from dataclasses import dataclass, field


def _(message: str) -> str:
	"""Mark a message for translation; translating happens where it is shown."""
	return message


@dataclass(frozen=True)
class Violation:
	"""One broken rule: a message template, its parameters and the field it concerns.

	`{field}` in the message stands for the (translated) label of `fieldname`.
	"""

	message: str
	params: dict = field(default_factory=dict)
	fieldname: str | None = None

	def render(self, translate=lambda message: message, field_label: str | None = None) -> str:
		return translate(self.message).format(field=field_label or self.fieldname, **self.params)
