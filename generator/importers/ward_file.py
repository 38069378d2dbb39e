"""Read one release of the police ward-level crime file: each ward's offences by month."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from generator.importers.problems import InputError, shown
from generator.importers.sources import SourceFile, SourceRelease, verified_file
from generator.importers.upstream_table import UpstreamTable, read_upstream_table

MAJOR, MINOR, WARD_CODE, WARD_NAME, BOROUGH = (
    "majortext", "minortext", "wardcode", "wardname", "lookupboroughname")
LAYOUT = ("the columns MajorText, MinorText, WardName, WardCode and LookUp_BoroughName, then one "
          "column per month named YYYYMM (for example 202403)")

_MONTH = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class WardFile:
    """The months a ward release covers and, per (ward code, category), a count per month."""

    release: SourceRelease
    months: tuple[date, ...]  # the months its manifest says it covers, oldest first
    counts: Mapping[tuple[str, str, str], tuple[int, ...]]  # (ward, major, minor) -> by month
    ward_names: Mapping[str, str]

    @property
    def last_month(self) -> date:
        """Return the latest month the release covers."""
        return self.months[-1]


def months_between(start: str, end: str) -> tuple[date, ...]:
    """Return the first day of every month from start to end (both YYYY-MM), inclusive."""
    first, last = (int(text[:4]) * 12 + int(text[5:7]) - 1 for text in (start, end))
    return tuple(date(index // 12, index % 12 + 1, 1) for index in range(first, last + 1))


def read_ward_file(release: SourceRelease, borough: str) -> WardFile:
    """Read a ward release's one file, keeping the rows of the named borough's wards."""
    if len(release.files) != 1:
        raise InputError([f"{shown(release.folder)}: a ward-level crime release holds one file, "
                          f"but its manifest lists {len(release.files)}."])
    entry = release.files[0]
    table = read_upstream_table(verified_file(release, entry.name))
    table.require((MAJOR, MINOR, WARD_CODE, WARD_NAME, BOROUGH), LAYOUT)
    columns = _month_columns(table, entry)
    wanted = borough.casefold()
    counts: dict[tuple[str, str, str], tuple[int, ...]] = {}
    names: dict[str, str] = {}
    problems: list[str] = []
    for index in range(table.rows):
        if str(table.columns[BOROUGH][index]).strip().casefold() != wanted:
            continue
        code = str(table.columns[WARD_CODE][index]).strip()
        key = (code, str(table.columns[MAJOR][index]).strip(),
               str(table.columns[MINOR][index]).strip())
        if key in counts:
            problems.append(f"{table.where(index)}: repeats ward {code}, {key[1]!r} / {key[2]!r}; "
                            "keep only one of the two rows.")
        counts[key] = tuple(table.count(index, column, problems) for column in columns)
        names[code] = str(table.columns[WARD_NAME][index]).strip()
    if problems:
        raise InputError(problems)
    if not counts:
        raise InputError([f"{shown(table.path)}: has no rows for {borough!r} in its "
                          "LookUp_BoroughName column."])
    months = months_between(entry.period_start, entry.period_end)
    return WardFile(release, months, counts, names)


def _month_columns(table: UpstreamTable, entry: SourceFile) -> list[str]:
    """Return the keys of the columns for the months the manifest says the file covers."""
    present = {key for key in table.columns if _MONTH.match(key)}
    wanted = [f"{month:%Y%m}" for month in months_between(entry.period_start, entry.period_end)]
    missing = [key for key in wanted if key not in present]
    if missing:
        listed = ", ".join(missing[:6]) + (", ..." if len(missing) > 6 else "")
        raise InputError([
            f"{shown(table.path)}: its manifest says it covers {entry.period_start} to "
            f"{entry.period_end}, but it has no column for {listed}. A release with a month "
            "missing cannot be used: restore the file as published, or correct the period in "
            "its manifest.json."
        ])
    return wanted

