"""Command ``python -m generator import-csp``: its options and its work are the importer's own."""

from generator.importers.csp import add_arguments, run

__all__ = ["add_arguments", "run"]
