"""Desk alerts (Notification Log) that the app's jobs and actions send to one user."""

import frappe


def alert(
	user: str, subject: str, content: str, document_type: str, document_name: str | None = None
) -> None:
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"document_type": document_type,
			"document_name": document_name,
			"subject": subject,
			"email_content": content,
		}
	).insert(ignore_permissions=True)
