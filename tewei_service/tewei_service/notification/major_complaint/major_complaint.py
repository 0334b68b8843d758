# The message is in major_complaint.json; Frappe imports this module for an optional get_context.
