"""Command ``python -m generator import-dashboard``: its options and its work are the importer's own."""

from generator.importers.dashboard import add_arguments, run

__all__ = ["add_arguments", "run"]
