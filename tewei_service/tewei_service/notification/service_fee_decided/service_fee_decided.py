# The message is in service_fee_decided.json; Frappe imports this module for an optional get_context.
