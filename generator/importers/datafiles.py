"""Read the data package's CSV files the way the importers need them."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from generator.importers.problems import InputError, shown
from generator.package.load import DESCRIPTOR_NAME, read_descriptor, read_rows, read_text
from generator.package.periods import PeriodError, parse_period


def descriptor_of(data_dir: Path) -> dict[str, Any]:
    """Return the data package's datapackage.json, or say that data_dir is not a data package."""
    if not (data_dir / DESCRIPTOR_NAME).is_file():
        raise InputError([
            f"{shown(data_dir)} is not a data package directory: it has no {DESCRIPTOR_NAME}. "
            "Give the data/ directory of this project with --data-dir."
        ])
    return read_descriptor(data_dir)


def read_existing(path: Path, fields: list[str]) -> list[dict[str, str]]:
    """Return the rows already in a data file (none if it does not exist yet).

    Refuses a file with columns the schema does not have, because rewriting it would drop them.
    """
    if not path.exists():
        return []
    header = next(csv.reader(io.StringIO(read_text(path))), [])
    unknown = [name for name in header if name.strip() and name.strip() not in fields]
    if unknown:
        raise InputError([
            f"{shown(path)} has columns the data package does not define: "
            f"{', '.join(unknown)}. Remove them (or add them to datapackage.json) and import again."
        ])
    return [
        {name: value for name, value in row.items() if name in fields} for row in read_rows(path)
    ]


def id_from_name(name: str) -> str:
    """Return the stable id a name gives: 'Carshalton South & Clockhouse' ->
    'carshalton-south-clockhouse'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def row_order(row: dict[str, str]) -> tuple[str, str, str, date, str, str]:
    """Sort rows by indicator, area, breakdown, period start, period, then what revised them."""
    try:
        start = parse_period(row.get("period", "")).start
    except PeriodError:
        # Another row's bad period is left for validation to report; it sorts last meanwhile.
        start = date.max
    return (row.get("indicator", ""), row.get("area", ""), row.get("breakdown", ""), start,
            row.get("period", ""), row.get("revised_by", ""))
