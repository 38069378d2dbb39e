"""Which periods to publish from monthly counts, and which release each figure comes from.

A source is one release's monthly counts of one measure, by area. Each figure comes from the
newest release (by its manifest's release date) that covers every month of its period, so
releases are never mixed inside one figure; the older releases that also cover it are kept, so
that a restated count can be marked revised. The periods are every financial year some release
covers whole (if asked for), the 12 months to the latest month any release holds and the 12
months before, and every month of the newest release.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from generator.importers.sources import SourceRelease
from generator.package.periods import (
    ROLLING_MONTHS,
    Period,
    PeriodKind,
    financial_year_of,
    parse_period,
    rolling_code,
    shift_months,
)


@dataclass(frozen=True)
class CountSource:
    """One release's monthly counts of one measure, per area name ('' for every area)."""

    release: SourceRelease
    months: tuple[date, ...]
    offences: Mapping[str, Mapping[date, int]]

    def covers(self, months: Iterable[date]) -> bool:
        """Return True when the release holds every one of the months."""
        return set(months) <= set(self.months)

    def count(self, names: Iterable[str], months: Iterable[date]) -> int:
        """Return the offences of the named areas over the months (a missing month is 0)."""
        span = list(months)
        return sum(self.offences.get(name, {}).get(month, 0) for name in names for month in span)


@dataclass(frozen=True)
class Planned:
    """A period to publish and every source covering it, newest first (the first is used)."""

    period: Period
    months: tuple[date, ...]
    sources: tuple[CountSource, ...]

    @property
    def source(self) -> CountSource:
        """Return the source the figure comes from."""
        return self.sources[0]


def newest_first(sources: Iterable[CountSource]) -> list[CountSource]:
    """Return the sources most recently released first (ties: the larger release id first)."""
    return sorted(sources, key=lambda s: (s.release.released, s.release.id), reverse=True)


def months_of(period: Period) -> tuple[date, ...]:
    """Return the first day of each month of a period."""
    first = date(period.start.year, period.start.month, 1)
    count = (period.end.year - first.year) * 12 + period.end.month - first.month + 1
    return tuple(shift_months(first, k) for k in range(count))


def planned_periods(sources: Sequence[CountSource], *,
                    financial_years: bool) -> list[Planned]:
    """Return the periods to publish from these sources, each with the sources covering it."""
    ranked = newest_first(sources)
    if not ranked:
        return []
    covered = {month for source in ranked for month in source.months}
    latest = max(covered)
    periods = [parse_period(rolling_code(last))
               for last in (shift_months(latest, -ROLLING_MONTHS), latest)]
    if financial_years:
        periods.extend(parse_period(code)
                       for code in sorted({financial_year_of(month) for month in covered}))
    periods.extend(parse_period(f"{month:%Y-%m}") for month in ranked[0].months)
    planned: list[Planned] = []
    for period in periods:
        months = months_of(period)
        covering = tuple(source for source in ranked if source.covers(months))
        if covering:
            planned.append(Planned(period, months, covering))
    return sorted(planned, key=lambda plan: (plan.period.kind, plan.period.order_key))


def is_monthly(plan: Planned) -> bool:
    """Return True for a month's figure (published for fewer areas)."""
    return plan.period.kind is PeriodKind.MONTH


def by_release(sources: Sequence[CountSource]) -> Mapping[str, CountSource]:
    """Return the sources by release id."""
    return {source.release.id: source for source in sources}
