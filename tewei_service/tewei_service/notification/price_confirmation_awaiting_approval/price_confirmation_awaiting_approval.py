# The message is in price_confirmation_awaiting_approval.json; Frappe imports this module for an optional get_context.
