"""Read a file of the Metropolitan Police "Borough Level Crime" publication, whatever its layout.

The publisher's CSV files and the Parquet conversions of them read alike: header names are
compared after normalising case, spaces and underscores, so ``LookUp_BoroughName``,
``lookup boroughname`` and ``lookupboroughname`` are one column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.importers.problems import InputError, shown
from generator.package.load import read_text

# The publication has renamed its first three columns over the years; any of these pairs of
# category columns, followed by any of these area columns, is a layout we know (compared after
# normalised_header, so the lower-cased Parquet conversions match too).
CATEGORY_HEADERS: tuple[tuple[str, str], ...] = (("MajorText", "MinorText"), ("Group", "SubGroup"))
AREA_HEADERS: tuple[str, ...] = ("BoroughName", "LookUp_BoroughName", "BOCU")
PARQUET_SUFFIX = ".parquet"

KNOWN_LAYOUTS = (
    "the columns MajorText,MinorText or Group,SubGroup, then BoroughName, LookUp_BoroughName "
    "or BOCU (in any case, with or without spaces and underscores), then one column per month "
    "named YYYYMM (for example 202403)"
)

_MONTH = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")
_COUNT = re.compile(r"^\d+$")
_NOT_IN_NAMES = re.compile(r"[\s_]+")


def normalised_header(name: str) -> str:
    """Return a column name with case, spaces and underscores ignored: 'LookUp_BoroughName' ->
    'lookupboroughname'."""
    return _NOT_IN_NAMES.sub("", name).casefold()


_KNOWN_CATEGORIES = {tuple(map(normalised_header, pair)) for pair in CATEGORY_HEADERS}
_KNOWN_AREAS = {normalised_header(name) for name in AREA_HEADERS}


@dataclass(frozen=True)
class PoliceRow:
    """One row of the file: an area's monthly counts for one police offence category."""

    row_number: int  # as a spreadsheet numbers it: the header is row 1
    area: str
    major: str
    minor: str
    counts: tuple[int, ...]  # one per month, in the order of PoliceFile.months


@dataclass(frozen=True)
class PoliceFile:
    """A police file's months and rows."""

    path: Path
    months: tuple[date, ...]
    rows: tuple[PoliceRow, ...]

    @property
    def last_month(self) -> date:
        """Return the latest month the file covers."""
        return max(self.months)

    @property
    def areas(self) -> frozenset[str]:
        """Return every area name the file has rows for."""
        return frozenset(row.area for row in self.rows)


def read_police_file(path: Path) -> PoliceFile:
    """Read a police borough-level crime file (CSV, or a Parquet conversion), raising InputError
    that lists every problem found."""
    name = shown(path)
    if not path.is_file():
        raise InputError([f"{name}: there is no such file; check the path."])
    records = _parquet_records(path) if path.suffix == PARQUET_SUFFIX else _csv_records(path)
    if not records:
        raise InputError([f"{name}: the file is empty."])
    header = [cell.strip() for cell in records[0]]
    months = _months(name, header)
    problems: list[str] = []
    rows: list[PoliceRow] = []
    # Records are counted from 1 including blank lines, so row numbers match a spreadsheet's.
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        row = _row(name, header, row_number, record, problems)
        if row is not None:
            rows.append(row)
    problems.extend(_repeated_categories(name, rows))
    if problems:
        raise InputError(problems)
    return PoliceFile(path=path, months=months, rows=tuple(rows))


def _csv_records(path: Path) -> list[list[str]]:
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        raise InputError([
            f"{shown(path)}: is not a UTF-8 text file; save it from Excel as 'CSV UTF-8'."
        ]) from None
    return list(csv.reader(io.StringIO(text)))


def _parquet_records(path: Path) -> list[list[str]]:
    """Return a Parquet file's header and rows as text cells, as if it were the CSV it came from."""
    import pyarrow.parquet as parquet  # imported here: only Parquet releases need it

    try:
        table = parquet.read_table(path)
    except (OSError, ValueError) as error:
        raise InputError([f"{shown(path)}: cannot be read as a Parquet file: {error}"]) from None
    columns = [
        ["" if cell is None else str(cell) for cell in column.to_pylist()]
        for column in table.columns
    ]
    return [list(table.column_names), *map(list, zip(*columns, strict=True))]


def _months(name: str, header: list[str]) -> tuple[date, ...]:
    normalised = [normalised_header(cell) for cell in header]
    layout_known = (
        len(header) > 3
        and (normalised[0], normalised[1]) in _KNOWN_CATEGORIES
        and normalised[2] in _KNOWN_AREAS
    )
    not_months = [cell for cell in header[3:] if not _MONTH.match(cell)]
    if not layout_known or not_months:
        found = ",".join(header[:6]) + (",..." if len(header) > 6 else "")
        detail = (
            f" These columns are not months: {', '.join(repr(cell) for cell in not_months[:5])}."
            if layout_known
            else ""
        )
        raise InputError([
            f"{name}: this is not a police borough-level crime layout the importer knows. "
            f"Its header starts {found!r}.{detail} Known layouts have {KNOWN_LAYOUTS}."
        ])
    months = [date(int(cell[:4]), int(cell[4:]), 1) for cell in header[3:]]
    repeated = sorted({cell for cell in header[3:] if header[3:].count(cell) > 1})
    if repeated:
        raise InputError([
            f"{name}: the month columns {', '.join(repeated)} appear more than once; "
            "keep one column per month."
        ])
    return tuple(months)


def _row(
    name: str, header: list[str], row_number: int, record: list[str], problems: list[str]
) -> PoliceRow | None:
    if len(record) != len(header):
        problems.append(
            f"{name}, row {row_number}: has {len(record)} cells but the header has "
            f"{len(header)} columns; every row needs a category, an area and one count per month."
        )
        return None
    counts: list[int] = []
    for column, cell in zip(header[3:], record[3:], strict=True):
        value = cell.strip()
        if not _COUNT.match(value):
            problems.append(
                f"{name}, row {row_number}, column {column}: {value!r} is not a count of "
                "offences; write a whole number such as 0 or 12 (no commas, decimals or blanks)."
            )
            continue
        counts.append(int(value))
    if len(counts) != len(header) - 3:
        return None
    return PoliceRow(
        row_number=row_number,
        area=record[2].strip(),
        major=record[0].strip(),
        minor=record[1].strip(),
        counts=tuple(counts),
    )


def _repeated_categories(name: str, rows: list[PoliceRow]) -> list[str]:
    # A repeated area and category would be counted twice, so it is refused rather than summed.
    first_seen: dict[tuple[str, str, str], int] = {}
    problems: list[str] = []
    for row in rows:
        key = (row.area, row.major, row.minor)
        if key in first_seen:
            problems.append(
                f"{name}, row {row.row_number}: repeats {row.area!r}, {row.major!r} / "
                f"{row.minor!r} from row {first_seen[key]}; keep only one of them."
            )
        else:
            first_seen[key] = row.row_number
    return problems
