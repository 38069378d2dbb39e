"""Command ``python -m generator import-population``: its options and its work are the importer's own."""

from generator.importers.population import add_arguments, run

__all__ = ["add_arguments", "run"]
