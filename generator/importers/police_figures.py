"""Turn police releases into figures: which periods, which release each comes from, which count.

Each figure (area x measure x period) comes from the newest release, by its manifest's release
date, that covers every month of the period: releases are never mixed inside one figure. The
periods are every financial year that some release covers whole, the 12 months to the latest
month in any release and the 12 months before them, and (for the home area and the named
comparators only) every month of the newest release.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from generator.importers.areas import AGGREGATE, AreaSet, ImportArea
from generator.importers.crime_measures import INDICATORS
from generator.importers.police_counts import ReleaseCounts
from generator.importers.problems import InputError
from generator.package.periods import (
    Period,
    PeriodKind,
    financial_year_of,
    parse_period,
    rolling_code,
    shift_months,
)


@dataclass(frozen=True)
class Figure:
    """One figure to publish and the releases behind it, newest first (the first is used)."""

    indicator: str
    area: ImportArea
    period: Period
    releases: tuple[ReleaseCounts, ...]  # every release covering the period, newest first

    @property
    def release(self) -> ReleaseCounts:
        """Return the release the figure comes from."""
        return self.releases[0]


def published_periods(releases: Sequence[ReleaseCounts]) -> dict[PeriodKind, list[Period]]:
    """Return the periods to publish, by kind, oldest first (releases newest first)."""
    covered = {month for release in releases for month in release.release.months}
    years = sorted({financial_year_of(month) for month in covered})
    financial = [period for code in years if _covered(releases, period := parse_period(code))]
    latest = max(covered)
    rolling = [parse_period(rolling_code(shift_months(latest, -12))), parse_period(rolling_code(latest))]
    months = [parse_period(f"{month:%Y-%m}") for month in releases[0].release.months]
    return {
        PeriodKind.FINANCIAL_YEAR: financial,
        PeriodKind.ROLLING_12_MONTHS: [period for period in rolling if _covered(releases, period)],
        PeriodKind.MONTH: months,
    }


def _covered(releases: Sequence[ReleaseCounts], period: Period) -> bool:
    return any(_covers(release, period) for release in releases)


def _covers(release: ReleaseCounts, period: Period) -> bool:
    first = date(period.start.year, period.start.month, 1)
    last = date(period.end.year, period.end.month, 1)
    return release.release.covers(first, last)


def figures(
    releases: Sequence[ReleaseCounts], areas: AreaSet,
    periods: Mapping[PeriodKind, Sequence[Period]],
) -> list[Figure]:
    """Return every figure to publish: each area, measure and period, with its releases."""
    found: list[Figure] = []
    for kind, kind_periods in periods.items():
        for period in kind_periods:
            covering = tuple(release for release in releases if _covers(release, period))
            for area in areas.all:
                if kind is PeriodKind.MONTH and not area.shows_months:
                    continue  # monthly figures only for the areas named on the pages
                found.extend(Figure(indicator, area, period, covering) for indicator in INDICATORS)
    return found


def police_names(areas: AreaSet, releases: Iterable[ReleaseCounts]) -> dict[str, frozenset[str]]:
    """Return each area's rows in the police files: a borough's own, an aggregate's every borough.

    Boroughs are matched by name, ignoring case; every release must have every borough.
    """
    problems: list[str] = []
    own: dict[str, str] = {}
    for release in releases:
        names = {name.casefold(): name for name in release.release.areas}
        for borough in areas.boroughs:
            found = names.get(borough.name.casefold())
            if found is None:
                problems.append(
                    f"The police release {release.id} has no rows for {borough.name} "
                    f"(data/areas.csv, id {borough.id}); its areas are: "
                    f"{', '.join(sorted(names.values()))}. Correct the name in areas.csv or "
                    "leave this release out."
                )
            else:
                own[borough.id] = found
    if problems:
        raise InputError(problems)
    every = frozenset(own.values())
    result = {borough.id: frozenset({own[borough.id]}) for borough in areas.boroughs}
    result.update({area.id: every for area in areas.aggregates if area.kind == AGGREGATE})
    return result
