"""Importers that turn published source files into observations for the data package."""
