"""Command ``python -m generator import-mps``: its options and its work are the importer's own."""

from generator.importers.mps import add_arguments, run

__all__ = ["add_arguments", "run"]
