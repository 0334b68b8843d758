# The message is in service_fee_awaiting_leadership_approval.json; Frappe imports this module for an optional get_context.
