"""Judge the figures: disclosure control first, then rates, change, status and summaries."""
