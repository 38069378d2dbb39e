"""Read a release of the police "Monthly Crime Dashboard" data: flagged offences by borough.

The dashboard counts offences the police flag (domestic abuse, hate crime, knife crime, gun
crime), by month, for each borough and each Safer Neighbourhood Team. Only borough rows and the
"Offences" measure are read. The publisher leaves out rows whose count is zero (no row in either
copy holds a 0), so a borough with no row for a month that the file covers had no such offences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from generator.importers.count_periods import CountSource
from generator.importers.problems import InputError, shown
from generator.importers.sources import SourceFile, SourceRelease, verified_file
from generator.importers.upstream_table import UpstreamTable, read_upstream_table
from generator.importers.ward_file import months_between

MONTH, AREA_TYPE, BOROUGH, CODE, TYPE, SUBTYPE, MEASURE, COUNT = (
    "monthyear", "areatype", "boroughsnt", "areacode", "crimetype", "crimesubtype", "measure",
    "count")
LAYOUT = ("the columns Month_Year, Area Type, Borough_SNT, Area code, Crime Type, Crime Subtype, "
          "Measure and Count")
BOROUGH_ROWS = "borough"
OFFENCES = "offences"
# Rows of borough type that are not one of the 32 boroughs: London's figures leave them out.
NOT_BOROUGHS = frozenset({"other / nk", "aviation security"})
# The key their offences are counted under, for the note that says what London leaves out.
LEFT_OUT = "not a borough"
EVERY_BOROUGH = ""


class Flagged(Enum):
    """A series of the dashboard this site uses, by (crime type, crime subtype) in lower case."""

    DOMESTIC_ABUSE = ("domestic abuse", "domestic abuse")
    DOMESTIC_ABUSE_VIOLENCE_WITH_INJURY = ("domestic abuse", "domestic abuse violence with injury")
    HATE_CRIME = ("hate crime", "hate crime")
    KNIFE_CRIME = ("knife crime", "knife crime")
    GUN_CRIME = ("gun crime", "gun crime")


_BY_KEY = {series.value: series for series in Flagged}


@dataclass(frozen=True)
class DashboardFile:
    """A dashboard release: the months it covers and offences per (series, borough) by month."""

    release: SourceRelease
    months: tuple[date, ...]
    offences: Mapping[tuple[Flagged, str], Counter[date]]  # borough as the police name it

    def source(self, series: Flagged) -> CountSource | None:
        """Return the release's monthly counts of one series by borough, None if it has none."""
        found = {name: by_month for (flagged, name), by_month in self.offences.items()
                 if flagged is series}
        return CountSource(self.release, self.months, found) if found else None


def read_dashboard_release(release: SourceRelease, boroughs: Iterable[str]) -> DashboardFile:
    """Read a dashboard release's one file, checking it covers every month its manifest says.

    ``boroughs`` are the boroughs' names (data/areas.csv); a borough row of any other name that
    is not in NOT_BOROUGHS stops the import.
    """
    if len(release.files) != 1:
        raise InputError([f"{shown(release.folder)}: a dashboard release holds one file, but "
                          f"its manifest lists {len(release.files)}."])
    entry = release.files[0]
    table = read_upstream_table(verified_file(release, entry.name), only=(AREA_TYPE, BOROUGH_ROWS))
    table.require((MONTH, AREA_TYPE, BOROUGH, CODE, TYPE, SUBTYPE, MEASURE, COUNT), LAYOUT)
    reading = _Reading(table, entry, months_between(entry.period_start, entry.period_end),
                       {name.casefold(): name for name in boroughs})
    for index in range(table.rows):
        reading.add(index)
    problems = [*reading.problems, *_gaps(release, reading.months, reading.offences)]
    if problems:
        raise InputError(problems)
    return DashboardFile(release, reading.months, reading.offences)


@dataclass
class _Reading:
    """The offences read so far from a dashboard file, and the problems found."""

    table: UpstreamTable
    entry: SourceFile
    months: tuple[date, ...]
    boroughs: Mapping[str, str]  # casefolded name -> the name in data/areas.csv
    offences: dict[tuple[Flagged, str], Counter[date]] = field(default_factory=dict)
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)  # -> first row's index
    problems: list[str] = field(default_factory=list)

    def add(self, index: int) -> None:
        """Count one row if it is a borough's offences of a series the site uses."""
        table = self.table
        if _text(table, AREA_TYPE, index) != BOROUGH_ROWS or _text(table, MEASURE, index) != OFFENCES:
            return
        series = _BY_KEY.get((_text(table, TYPE, index), _text(table, SUBTYPE, index)))
        if series is None:
            return
        area = _text(table, BOROUGH, index)
        month = _month(table, index, self.problems)
        borough = LEFT_OUT if area in NOT_BOROUGHS else self.boroughs.get(area)
        if borough is None:
            self.problems.append(
                f"{table.where(index)}: {table.columns[BOROUGH][index]!r} is neither a borough "
                "in data/areas.csv nor a row the importer knows to leave out of London. If the "
                "police renamed a borough, correct its name in data/areas.csv; if it is not a "
                "borough, add it to NOT_BOROUGHS in generator/importers/dashboard_file.py.")
            return
        if month is None or month not in self.months:
            if month is not None:
                self.problems.append(
                    f"{table.where(index)}: {month:%Y-%m} is outside the period its manifest "
                    f"gives ({self.entry.period_start} to {self.entry.period_end}).")
            return
        key = (series, area, month)
        if key in self.seen and borough != LEFT_OUT:
            self.problems.append(
                f"{table.where(index)}: repeats the {borough} {series.value[1]} offences of "
                f"{month:%Y-%m} of {table.where(self.seen[key])}; keep one of them.")
            return
        self.seen[key] = index
        count = table.count(index, COUNT, self.problems)
        self.offences.setdefault((series, borough), Counter())[month] += count
        if borough != LEFT_OUT:
            self.offences.setdefault((series, EVERY_BOROUGH), Counter())[month] += count


def _gaps(release: SourceRelease, months: tuple[date, ...],
          offences: Mapping[tuple[Flagged, str], Counter[date]]) -> list[str]:
    """Report series with no row at all in a month the manifest says the file covers."""
    problems: list[str] = []
    for (series, borough), by_month in offences.items():
        missing = [month for month in months if month not in by_month]
        if borough == EVERY_BOROUGH and missing:
            problems.append(
                f"{shown(release.folder)}: the file has no {series.value[1]} offences at all for "
                f"{', '.join(f'{month:%Y-%m}' for month in missing[:6])}, which its manifest says "
                "it covers. A release with a month missing cannot be used: restore the file as "
                "published, or correct the period in its manifest.json.")
    return problems


def _text(table: UpstreamTable, key: str, index: int) -> str:
    cell = table.columns[key][index]
    return "" if cell is None else " ".join(str(cell).split()).casefold()


def _month(table: UpstreamTable, index: int, problems: list[str]) -> date | None:
    cell = table.columns[MONTH][index]
    if isinstance(cell, datetime | date):
        return date(cell.year, cell.month, 1)
    text = str(cell or "").strip()
    for layout in ("%Y-%m-%d", "%Y-%m", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            parsed = datetime.strptime(text, layout)
        except ValueError:
            continue
        return date(parsed.year, parsed.month, 1)
    problems.append(f"{table.where(index)}, column Month_Year: {text!r} is not a month; write "
                    "it as 2024-03-01.")
    return None

