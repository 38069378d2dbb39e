"""Read an upstream table, published as CSV or converted to Parquet, into named columns.

Copies of police files come both as the publisher's CSV and as other people's Parquet
conversions, whose column names are the publisher's lower-cased and snake-cased
(``LookUp_BoroughName`` becomes ``lookup_boroughname``). Names are therefore matched by their
``key`` (``normalised_header``: case, spaces and underscores ignored), so one importer reads
both.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importers.mps_file import normalised_header
from generator.importers.problems import InputError, shown
from generator.package.load import read_text


@dataclass(frozen=True)
class UpstreamTable:
    """A table's columns by key, with the header as written and how to name a row in messages."""

    path: Path
    header: tuple[str, ...]
    columns: dict[str, list[Any]]
    first_row: int  # the row number of the first data row as a reader would count it
    rows: int
    kept: tuple[int, ...] | None = None  # positions in the file of the rows read, if filtered

    def where(self, index: int) -> str:
        """Return how a message names the data row at index: the file and its row number."""
        position = self.kept[index] if self.kept is not None else index
        return f"{shown(self.path)}, row {self.first_row + position}"

    def count(self, index: int, key: str, problems: list[str]) -> int:
        """Return the whole number in a cell, or 0 after adding a problem naming the cell."""
        cell = self.columns[key][index]
        if isinstance(cell, int) and not isinstance(cell, bool) and cell >= 0:
            return cell
        text = "" if cell is None else str(cell).strip()
        if text.isdigit():
            return int(text)
        problems.append(f"{self.where(index)}, column {key}: {text!r} is not a count of "
                        "offences; it must be a whole number such as 0 or 12.")
        return 0

    def require(self, keys: Sequence[str], layout: str) -> None:
        """Refuse a table that lacks any of the columns with these keys, naming what it has."""
        missing = [key for key in keys if key not in self.columns]
        if missing:
            found = ", ".join(self.header[:8]) + (", ..." if len(self.header) > 8 else "")
            raise InputError([
                f"{shown(self.path)}: this is not a layout the importer knows: it has no column "
                f"{' or '.join(repr(key) for key in missing)} (names are matched ignoring case, "
                f"spaces and underscores). Its columns are: {found}. Known layouts have {layout}."
            ])


def read_upstream_table(path: Path, header_row: int = 1,
                        only: tuple[str, str] | None = None) -> UpstreamTable:
    """Read a CSV (header on header_row) or Parquet file into columns keyed by normalised_header.

    ``only`` = (key, text) keeps, from a Parquet file, just the rows whose cell in that column
    is that text in any case: a large file is then filtered before it becomes Python objects.
    The rows of a CSV file are all kept (row numbers must stay those of the file).
    """
    if path.suffix.lower() == ".parquet":
        return _parquet(path, only)
    return _csv(path, header_row)


def _parquet(path: Path, only: tuple[str, str] | None) -> UpstreamTable:
    # Imported here: pyarrow is a large import that only the Parquet copies need.
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as error:
        raise InputError([f"{shown(path)}: cannot be read as Parquet ({error})."]) from None
    names = {normalised_header(name): name for name in table.column_names}
    kept: tuple[int, ...] | None = None
    if only is not None and only[0] in names:
        column = pc.utf8_lower(pc.cast(table[names[only[0]]], "string"))
        mask = pc.fill_null(pc.equal(column, only[1]), False)
        kept = tuple(pc.indices_nonzero(mask).to_pylist())
        table = table.filter(mask)
    data = table.to_pydict()
    # A Parquet file has no header row: its first record is row 1.
    return _table(path, list(data), list(data.values()), first_row=1, kept=kept)


def _csv(path: Path, header_row: int) -> UpstreamTable:
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        raise InputError([f"{shown(path)}: is not a UTF-8 text file."]) from None
    records = list(csv.reader(io.StringIO(text)))
    if len(records) < header_row:
        raise InputError([f"{shown(path)}: has no header row (expected on row {header_row})."])
    header = records[header_row - 1]
    body = records[header_row:]
    short = next((i for i, record in enumerate(body) if len(record) != len(header)), None)
    if short is not None:
        raise InputError([
            f"{shown(path)}, row {header_row + 1 + short}: has {len(body[short])} cells but the "
            f"header has {len(header)} columns."
        ])
    columns = [list(cells) for cells in zip(*body, strict=True)] if body else [[] for _ in header]
    return _table(path, header, columns, first_row=header_row + 1)


def _table(path: Path, header: Sequence[str], columns: Sequence[list[Any]],
           first_row: int, kept: tuple[int, ...] | None = None) -> UpstreamTable:
    keyed: dict[str, list[Any]] = {}
    for name, cells in zip(header, columns, strict=True):
        key = normalised_header(name)
        if key in keyed:
            raise InputError([
                f"{shown(path)}: the column {name!r} appears twice (names are matched ignoring "
                "case, spaces and underscores); keep one of them."
            ])
        keyed[key] = cells
    rows = len(columns[0]) if columns else 0
    return UpstreamTable(path, tuple(str(name) for name in header), keyed, first_row, rows, kept)
