"""Check a data package against its Table Schemas and the site's rules; collect every problem.

The checks live in ``generator.validation``, one concept per module; this module runs them in
order and gathers what they find into one report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.validation.descriptor import read_package
from generator.validation.domain import domain_problems
from generator.validation.files import read_table
from generator.validation.keys import key_problems, reference_problems
from generator.validation.periods import period_verdict
from generator.validation.report import Problem, Report
from generator.validation.table import Table
from generator.validation.text_safety import unsafe_text_verdict
from generator.validation.ward_boundaries import boundary_problems

__all__ = ["period_verdict", "unsafe_text_verdict", "validate_package"]


def validate_package(data_dir: Path, today: date | None = None) -> Report:
    """Check every file of the data package in data_dir and report every problem found."""
    # `today` decides what counts as a future period or release; tests and benchmarks pin it.
    today = today or date.today()
    label = f"{data_dir.resolve().name}/"
    problems: list[Problem] = []
    # 1. datapackage.json: without a usable description there is nothing to check the files by.
    resources = read_package(data_dir, label, problems)
    if resources is None:
        return Report(label, tuple(problems))
    # 2. Each CSV file: encoding, header, row shape and every cell against its schema.
    tables: dict[str, Table] = {}
    for spec in (spec for spec in resources if spec.is_table):
        table = read_table(data_dir, label, spec, problems)
        if table is not None:
            tables[spec.name] = table
    # 3. Keys: rows that repeat within a file, values missing from the file they refer to.
    for table in tables.values():
        problems.extend(key_problems(table))
    problems.extend(reference_problems(tables))
    # 4. Domain rules, on the cells that passed the schema checks.
    problems.extend(domain_problems(tables, today))
    maps = [spec.path for spec in resources if not spec.is_table]
    problems.extend(boundary_problems(data_dir, label, maps, tables))
    counts = {name: len(table) for name, table in tables.items()}
    return Report(label, tuple(problems), counts)
