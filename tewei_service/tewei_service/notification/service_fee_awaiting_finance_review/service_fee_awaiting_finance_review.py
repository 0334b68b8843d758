# The message is in service_fee_awaiting_finance_review.json; Frappe imports this module for an optional get_context.
