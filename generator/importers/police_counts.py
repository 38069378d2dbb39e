"""Count one police release's offences per measure, police area, definition and month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator.importers.crime_measures import TOTAL_OFFENCES, Feeds, counted_towards
from generator.importers.police_categories import CATEGORIES
from generator.importers.police_release import PoliceRelease
from generator.importers.problems import InputError, shown

# A definition holding less than this share of a month's offences of the measure is a handful of
# late recordings under an old or new category name, not the police's definition that month.
IN_USE_SHARE = 0.01

# measure -> police area -> definition (None where the measure has one) -> month -> offences
Counts = Mapping[str, Mapping[str, Mapping[Feeds | None, Mapping[date, int]]]]


@dataclass(frozen=True, eq=False)
class ReleaseCounts:
    """A release's offences per measure, police area and definition, month by month."""

    release: PoliceRelease
    counts: Counts

    @property
    def id(self) -> str:
        """Return the release's id."""
        return self.release.id

    def offences(self, indicator: str, areas: Iterable[str], months: Iterable[date]) -> int:
        """Return the offences of a measure in the given police areas over the given months."""
        return sum(self.by_definition(indicator, areas, months, every=True).values())

    def by_definition(self, indicator: str, areas: Iterable[str], months: Iterable[date], *,
                      every: bool = False) -> dict[Feeds | None, int]:
        """Return the offences of a measure per police definition (None: the only one)."""
        span = list(months)
        by_area = self.counts.get(indicator, {})
        totals: dict[Feeds | None, int] = defaultdict(int)
        for area in areas:
            for definition, by_month in by_area.get(area, {}).items():
                if every or definition is not None:
                    totals[definition] += sum(by_month.get(month, 0) for month in span)
        return dict(totals)

    @cached_property
    def _whole_file(self) -> dict[str, dict[date, dict[Feeds, int]]]:
        totals: dict[str, dict[date, dict[Feeds, int]]] = {}
        for indicator, by_area in self.counts.items():
            per_month = totals.setdefault(indicator, defaultdict(lambda: defaultdict(int)))
            for by_definition in by_area.values():
                for definition, by_month in by_definition.items():
                    if definition is not None:
                        for month, count in by_month.items():
                            per_month[month][definition] += count
        return totals

    def definitions_in_use(self, indicator: str, month: date) -> frozenset[Feeds]:
        """Return the definitions holding at least IN_USE_SHARE of the month's offences."""
        totals = self._whole_file.get(indicator, {}).get(month, {})
        everything = sum(totals.values())
        return frozenset(definition for definition, count in totals.items()
                         if count and count >= IN_USE_SHARE * everything)


def count_release(release: PoliceRelease, known_areas: Iterable[str]) -> ReleaseCounts:
    """Count a release, refusing any police category or area the importer does not know."""
    problems = list(_unknown_labels(release, set(known_areas)))
    if problems:
        raise InputError(problems)
    home_scheme = any(CATEGORIES[(row.major, row.minor)] is Feeds.HOME_BURGLARY and count
                      for row, _month, count in release.cells())
    counts: dict[str, dict[str, dict[Feeds | None, dict[date, int]]]] = {}

    def add(indicator: str, area: str, definition: Feeds | None, month: date, count: int) -> None:
        by_month = counts.setdefault(indicator, {}).setdefault(area, {}).setdefault(definition, {})
        by_month[month] = by_month.get(month, 0) + count

    for row, month, count in release.cells():
        feeds = CATEGORIES[(row.major, row.minor)]
        add(TOTAL_OFFENCES, row.area, None, month, count)
        if (indicator := counted_towards(feeds, home_scheme)) is not None:
            add(indicator, row.area, feeds.definition, month, count)
    return ReleaseCounts(release, counts)


def _unknown_labels(release: PoliceRelease, known_areas: set[str]) -> Iterator[str]:
    reported: set[object] = set()
    for police_file in release.files:
        name = shown(police_file.path)
        for row in police_file.rows:
            category = (row.major, row.minor)
            if category not in CATEGORIES and category not in reported:
                reported.add(category)
                yield (
                    f"{name}, row {row.row_number}: the police category {row.major!r} / "
                    f"{row.minor!r} is not in the importer's table, so it cannot be counted "
                    "safely. Add it to CATEGORIES in generator/importers/police_categories.py, "
                    "saying which measure it counts towards (TOTAL_ONLY if none), then import "
                    "again."
                )
            if row.area not in known_areas and row.area not in reported:
                reported.add(row.area)
                yield (
                    f"{name}, row {row.row_number}: {row.area!r} is neither a borough in "
                    "data/areas.csv nor a row the importer knows to leave out of London. If the "
                    "police have renamed a borough, correct its name in data/areas.csv; if they "
                    "added a row that is not a borough, add it to NON_BOROUGH_ROWS in "
                    "generator/importers/london.py. Then import again."
                )
