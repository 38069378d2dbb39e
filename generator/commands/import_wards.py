"""Command ``python -m generator import-wards``: its options and its work are the importer's own."""

from generator.importers.wards import add_arguments, run

__all__ = ["add_arguments", "run"]
