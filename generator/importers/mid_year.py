"""Read ONS mid-year population estimates for every area in England and Wales, with their edition.

Two layouts are read: the ONS workbook's sheet MYE4 (one column per mid-year, ``Mid-2023`` ...
``Mid-2011``, under a few lines of notes) and a CSV export of sheet "MYE2 - Persons" (columns
``Code, Name, Geography, All ages``, one mid-year: the one its manifest's period names). Where two
editions give the same area and mid-year, the newer edition (by release date) is used, because
ONS revises earlier mid-years when it publishes a new edition.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.importers.problems import InputError, shown
from generator.importers.sources import SourceFile, SourceRelease, verified_file
from generator.package.load import read_text

SUMMARY_SHEET = "MYE4"
CODE, NAME, GEOGRAPHY, ALL_AGES = "code", "name", "geography", "all ages"
_MID_YEAR = re.compile(r"^mid-(\d{4})$")
_CODE = re.compile(r"^[EKNSW]\d{8}$")
# Notes above the header row in the ONS sheets are a few lines; a header further down is not one.
_HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class MidYearEstimate:
    """One area's usually resident population on 30 June of one year, from one ONS edition."""

    code: str
    name: str
    geography: str
    mid_year: int
    population: int
    edition: str  # the id of the release it comes from, e.g. ons-mye-2023


def read_mid_year_estimates(
    releases: Sequence[SourceRelease],
) -> dict[tuple[str, int], MidYearEstimate]:
    """Return every (ONS code, mid-year) -> estimate in the releases, the newest edition winning."""
    problems: list[str] = []
    estimates: dict[tuple[str, int], MidYearEstimate] = {}
    for release in sorted(releases, key=lambda r: (r.released, r.id)):
        for entry in release.files:
            try:
                found = list(_read_file(release, entry))
            except InputError as error:
                problems.extend(error.problems)
                continue
            estimates.update(((e.code, e.mid_year), e) for e in found)
    if problems:
        raise InputError(problems)
    return estimates


def _read_file(release: SourceRelease, entry: SourceFile) -> Iterator[MidYearEstimate]:
    path = verified_file(release, entry.name)
    rows = _xlsx_rows(path) if path.suffix == ".xlsx" else _csv_rows(path)
    header_at, header = _header(path, rows)
    names = [_normalised(cell) for cell in header]
    years = {position: int(match.group(1)) for position, name in enumerate(names)
             if (match := _MID_YEAR.match(name))}
    if not years and ALL_AGES in names and entry.period_start == entry.period_end:
        # A single-year sheet: its mid-year is the period its manifest gives.
        years = {names.index(ALL_AGES): int(entry.period_start)}
    if not years:
        raise InputError([
            f"{shown(path)}, row {header_at}: no 'Mid-YYYY' columns, and no 'All ages' column "
            "with a one-year period in the manifest; this is not an ONS mid-year estimates table "
            "the importer knows (sheet MYE4, or a 'MYE2 - Persons' export)."
        ])
    columns = [names.index(name) for name in (CODE, NAME, GEOGRAPHY)]
    problems: list[str] = []
    found: list[MidYearEstimate] = []
    for row_number, row in enumerate(rows[header_at:], start=header_at + 1):
        code, name, geography = (_cell(row, column) for column in columns)
        if not _CODE.match(code):
            continue  # notes and blank lines below the table
        for position, year in years.items():
            value = _cell(row, position).replace(",", "")
            if not value.isdigit():
                problems.append(f"{shown(path)}, row {row_number}, column {header[position]}: "
                                f"{value!r} is not a population.")
                continue
            found.append(MidYearEstimate(code, name, geography, year, int(value), release.id))
    if problems:
        raise InputError(problems)
    yield from found


def _header(path: Path, rows: Sequence[Sequence[str]]) -> tuple[int, Sequence[str]]:
    """Return the 1-based row number and cells of the row that starts Code, Name, Geography."""
    for number, row in enumerate(rows[:_HEADER_SEARCH_ROWS], start=1):
        if [_normalised(cell) for cell in row[:3]] == [CODE, NAME, GEOGRAPHY]:
            return number, row
    raise InputError([
        f"{shown(path)}: no header row starting Code, Name, Geography in its first "
        f"{_HEADER_SEARCH_ROWS} rows; this is not an ONS mid-year estimates table."
    ])


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # imported here: only the workbook needs it

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if SUMMARY_SHEET not in workbook.sheetnames:
            raise InputError([f"{shown(path)}: has no sheet {SUMMARY_SHEET}; its sheets are "
                              f"{', '.join(workbook.sheetnames)}."])
        return [_texts(row) for row in workbook[SUMMARY_SHEET].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(read_text(path))))


def _texts(row: Iterable[object]) -> list[str]:
    return ["" if cell is None else str(cell) for cell in row]


def _cell(row: Sequence[str], position: int) -> str:
    return row[position].strip() if position < len(row) else ""


def _normalised(name: str) -> str:
    return " ".join(name.split()).casefold()
