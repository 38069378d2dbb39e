"""Write data package resources as CSV the same way every time, so diffs show only real changes.

Conventions: UTF-8 without a byte-order mark, LF line endings, quotes only where a cell needs them,
columns in the order the resource's schema lists them, whole numbers without ".0" and fractions
without binary noise (0.1 + 0.2 is written 0.3).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

# Ten decimal places is far beyond any published figure yet well above float noise (~1e-16).
_DECIMALS_KEPT = 10
_INFINITIES = (float("inf"), float("-inf"))

Cell = str | int | float | bool | date | Enum | None


def format_number(value: float | int) -> str:
    """Return a number as the data package writes it: 12, 2.9, 0.3 (never 12.0 or 1e-05)."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is not float:
        if isinstance(value, bool):
            raise TypeError("a boolean is not a number cell")
        if isinstance(value, int):
            return str(value)
    if value != value or value in _INFINITIES:
        raise ValueError(f"{value!r} cannot be written to a CSV number column")
    rounded = round(value, _DECIMALS_KEPT)
    if rounded == int(rounded):
        return str(int(rounded))
    # repr gives the shortest text that reads back as the same float, and never ends in a zero
    # unless the number is whole; only very small or large numbers need Decimal to avoid exponents.
    text = repr(rounded)
    if "e" not in text:
        return text
    text = format(Decimal(text), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def stored_number(value: float | int) -> float | int:
    """Return the number format_number writes, read back: 209 not 209.0, 0.3 not 0.30000000000000004."""
    if type(value) is float and value == value and value not in _INFINITIES:
        rounded = round(value, _DECIMALS_KEPT)
        # The float of format_number's text is the rounded float itself, whatever its notation.
        return int(rounded) if rounded == int(rounded) else rounded
    text = format_number(value)
    return float(text) if "." in text else int(text)


def format_cell(value: Cell) -> str:
    """Return the CSV text of one cell value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def field_names(descriptor: Mapping[str, Any], resource: str) -> list[str]:
    """Return the resource's column names in schema order."""
    for entry in descriptor["resources"]:
        if entry["name"] == resource:
            return [str(field["name"]) for field in entry["schema"]["fields"]]
    raise KeyError(f"datapackage.json has no resource called '{resource}'")


def render_csv(columns: list[str], rows: Iterable[Mapping[str, Cell]]) -> str:
    """Return CSV text with a header row and one line per row, in the given column order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:
            raise KeyError(f"columns not in the schema: {', '.join(sorted(unknown))}")
        writer.writerow([format_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def write_text_atomic(path: Path, text: str) -> None:
    """Write text to path so readers see either the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file readable by its owner only; keep the mode the file had before.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_resource(
    path: Path, descriptor: Mapping[str, Any], resource: str, rows: Iterable[Mapping[str, Cell]]
) -> None:
    """Write a resource's rows to path as deterministic CSV, replacing the file atomically."""
    write_text_atomic(path, render_csv(field_names(descriptor, resource), rows))
