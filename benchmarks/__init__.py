"""Benchmarks and budgets for the site build: ``python -m benchmarks`` prints figures, never fails on time."""
