"""Write CSV the same way every time, so diffs show only real changes: one writer for every cell.

Conventions: UTF-8 without a byte-order mark, LF line endings, quotes only where a cell needs them,
columns in the order the resource's schema lists them, whole numbers without ".0" and fractions
without binary noise (0.1 + 0.2 is written 0.3). Files for the public (downloads) also have
text that a spreadsheet would run as a formula defused; data/ files keep text exactly as typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

# Ten decimal places is far beyond any published figure yet well above float noise (~1e-16).
_DECIMALS_KEPT = 10
_INFINITIES = (float("inf"), float("-inf"))
# Excel and LibreOffice run a cell that starts with one of these as a formula.
_FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))

Cell = str | int | float | bool | date | Enum | None


def number_text(value: float | int) -> str:
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
    """Return the number number_text writes, read back: 209 not 209.0, 0.3 not 0.30000000000000004."""
    if type(value) is float and value == value and value not in _INFINITIES:
        rounded = round(value, _DECIMALS_KEPT)
        # The float of number_text's text is the rounded float itself, whatever its notation.
        return int(rounded) if rounded == int(rounded) else rounded
    text = number_text(value)
    return float(text) if "." in text else int(text)


def cell_text(value: Cell, *, defuse: bool) -> str:
    """Return the CSV text of one cell; with defuse, text a spreadsheet would run as a formula
    gets a leading apostrophe, so the spreadsheet shows it as typed. Numbers are data, never
    formulas: -3.2 stays -3.2."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        text = str(value.value)
    elif isinstance(value, int | float):
        return number_text(value)
    elif isinstance(value, date):
        return value.isoformat()
    else:
        text = value
    return "'" + text if defuse and text[:1] in _FORMULA_STARTS else text


def field_names(descriptor: Mapping[str, Any], resource: str) -> list[str]:
    """Return the resource's column names in schema order."""
    return [str(field["name"]) for field in schema_fields(descriptor, resource)]


def schema_fields(descriptor: Mapping[str, Any], resource: str) -> list[Mapping[str, Any]]:
    """Return the resource's Table Schema fields in order."""
    for entry in descriptor["resources"]:
        if entry["name"] == resource:
            fields: list[Mapping[str, Any]] = entry["schema"]["fields"]
            return fields
    raise KeyError(f"datapackage.json has no resource called '{resource}'")


def render_csv(columns: list[str], rows: Iterable[Mapping[str, Cell]]) -> str:
    """Return a data/ file's CSV text: a header row and one line per row, in column order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:
            raise KeyError(f"columns not in the schema: {', '.join(sorted(unknown))}")
        writer.writerow([cell_text(row.get(column), defuse=False) for column in columns])
    return buffer.getvalue()


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Return CSV bytes of a header and rows whose cells are already written as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def column_texts(values: Sequence[Cell], *, number: bool) -> list[str]:
    """Return the download text of one column's cells, each written as cell_text(defuse=True).

    ``number`` says the schema types the column as numbers, which only picks the faster way.
    """
    if number:
        # Only text can be run as a formula: numbers are written as they are, -3.2 as -3.2.
        return [
            "" if value is None
            else number_text(value) if type(value) is float or type(value) is int
            else cell_text(value, defuse=True)
            for value in values
        ]
    kinds = set(map(type, values))
    if bool in kinds and kinds & {int, float}:
        # True == 1 would share one text below; such a column is written cell by cell.
        return [cell_text(value, defuse=True) for value in values]
    # Text columns repeat a few values (ids, periods, notes) many times: each is written once.
    texts = {value: cell_text(value, defuse=True) for value in set(values)}
    return list(map(texts.__getitem__, values))
