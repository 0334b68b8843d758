"""`bench --site SITE tewei-demo`: a living month of the app, built through its own APIs and the
real Workflows by the people of each step (see `build`). Split by theme: people, catalogue,
households, orders, billing, agreements, revisits, errands, records; `reset` wipes it again."""
