"""Every error the generator reports to the person running it, under one root.

A command catches ``GeneratorError`` to print the message and exit 1; anything else is a bug.
Each message says what is wrong and how to fix it. Problems in the data themselves are not
raised one by one: validation collects them into a report (``generator.validation.report``),
each with a stable ``code``, and ``InvalidDataError`` carries that report as a whole.
"""

from __future__ import annotations


class GeneratorError(Exception):
    """Something the person running the generator can put right; the message says how."""


class ConfigError(GeneratorError):
    """mkdocs.yml lacks a fact the site needs (an address, the partnership's name)."""


class InvalidDataError(GeneratorError):
    """The data package failed validation; the message is the full report for the editor."""


class PeriodError(GeneratorError, ValueError):
    """A period code that cannot be read; the message says how to write it."""


class PermalinkError(GeneratorError):
    """The registry or the redirects file cannot be read; the message says what to fix."""


class PublishError(GeneratorError):
    """The downloads could not be written or put in place."""


class WorkerError(GeneratorError):
    """Work done in the build's second process failed; the message carries its traceback."""


class ImportRefused(GeneratorError):
    """An import cannot go ahead; the message says why and what to do."""


class ReturnFileError(GeneratorError):
    """The figures spreadsheet cannot be opened or is not the one made by return-template."""
