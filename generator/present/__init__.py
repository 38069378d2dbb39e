"""Present the figures: URLs, wording, page contexts, tables, charts and rendering."""
