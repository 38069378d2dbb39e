"""Read a file of the Metropolitan Police "Borough Level Crime" publication, whatever its layout."""

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
# category columns, followed by any of these area columns, is a layout we know.
CATEGORY_HEADERS: tuple[tuple[str, str], ...] = (("MajorText", "MinorText"), ("Group", "SubGroup"))
AREA_HEADERS: tuple[str, ...] = ("BoroughName", "LookUp_BoroughName", "BOCU")

KNOWN_LAYOUTS = (
    "the columns MajorText,MinorText or Group,SubGroup, then BoroughName, LookUp_BoroughName "
    "or BOCU, then one column per month named YYYYMM (for example 202403)"
)

_MONTH = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")
_COUNT = re.compile(r"^\d+$")


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
    """Read a police borough-level crime CSV, raising InputError that lists every problem found."""
    name = shown(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise InputError([f"{name}: there is no such file; check the path."]) from None
    except UnicodeDecodeError:
        raise InputError([
            f"{name}: is not a UTF-8 text file; save it from Excel as 'CSV UTF-8'."
        ]) from None
    records = list(csv.reader(io.StringIO(text)))
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


def _months(name: str, header: list[str]) -> tuple[date, ...]:
    layout_known = (
        len(header) > 3
        and (header[0], header[1]) in CATEGORY_HEADERS
        and header[2] in AREA_HEADERS
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
