"""Where a police measure's definition changes: inside a release, or between two releases.

A definition is in use in a month when it holds at least ``IN_USE_SHARE`` of the month's
offences of the measure across the whole release (every borough and the rows that are not
boroughs). Each month where the set in use differs from the month before is a change: the periods
that contain that month are marked [b] and are not comparable with those before or after.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.importers.crime_measures import Feeds
from generator.importers.police_counts import ReleaseCounts
from generator.package.periods import MONTH_NAMES, Period, uk_date

# What each police definition counts, in the words of the series-break descriptions.
DEFINITION_WORDS: dict[Feeds, str] = {
    Feeds.DWELLING_BURGLARY: "'burglary in a dwelling'",
    Feeds.RESIDENTIAL_BURGLARY: (
        "'burglary – residential', which also counts burglaries of sheds, garages and other "
        "outbuildings"
    ),
    Feeds.HOME_BURGLARY: (
        "'residential burglary of a home' (burglaries of sheds, garages and other unconnected "
        "buildings are a separate category, not counted here)"
    ),
}


@dataclass(frozen=True)
class Change:
    """A month in which a release's definition of a measure changes."""

    release: ReleaseCounts
    month: date
    before: frozenset[Feeds]
    after: frozenset[Feeds]
    earlier_release: ReleaseCounts | None = None  # set when the periods before come from another

    def describe(self) -> str:
        """Say what changed, in which release, and what it means for comparisons."""
        month = month_words(self.month)
        if self.earlier_release is not None:
            return (f"Figures from {month} come from the police release of "
                    f"{released_words(self.release.release.source.released)} ({self.release.id}), "
                    f"which records {_words(self.after)}; the periods before come from the release "
                    f"of {released_words(self.earlier_release.release.source.released)} "
                    f"({self.earlier_release.id}), which records {_words(self.before)}. They are "
                    "not directly comparable.")
        started, stopped = self.after - self.before, self.before - self.after
        if started and not stopped:
            what = (f"from {month} the police also record offences as {_words(started)}, "
                    f"alongside {_words(self.before)}")
        elif stopped and not started:
            what = f"from {month} the police no longer use {_words(stopped)}: only {_words(self.after)}"
        else:
            what = f"from {month} the police record {_words(self.after)} instead of {_words(self.before)}"
        return (f"In the police release of {released_words(self.release.release.source.released)} "
                f"({self.release.id}), "
                f"{what}. Periods that include {month} are marked [b]: they are not directly "
                "comparable with the periods before or after them.")


def month_words(month: date) -> str:
    """Return 'April 2023'."""
    return f"{MONTH_NAMES[month.month]} {month.year}"


def released_words(released: str) -> str:
    """Return a manifest's release date as words: '2026-07' -> 'July 2026', a day as '15 July 2024'."""
    parts = [int(part) for part in released.split("-")]
    if len(parts) == 3:
        return uk_date(date(*parts))
    return f"{MONTH_NAMES[parts[1]]} {parts[0]}" if len(parts) == 2 else released


def _words(definitions: Iterable[Feeds]) -> str:
    return " and ".join(DEFINITION_WORDS[definition] for definition in
                        sorted(definitions, key=lambda feeds: feeds.value))


def changes(release: ReleaseCounts, indicator: str) -> list[Change]:
    """Return the months in which the release's definition of the measure changes."""
    found: list[Change] = []
    previous: frozenset[Feeds] | None = None
    for month in release.release.months:
        in_use = release.definitions_in_use(indicator, month)
        if not in_use:
            continue  # a month with no such offences says nothing about the definition
        if previous is not None and in_use != previous:
            found.append(Change(release, month, previous, in_use))
        previous = in_use
    return found


def definitions_over(release: ReleaseCounts, indicator: str, period: Period) -> frozenset[Feeds]:
    """Return every definition in use in some month of the period."""
    return frozenset().union(*(release.definitions_in_use(indicator, month)
                               for month in months_in(period)))


def months_in(period: Period) -> list[date]:
    """Return the first day of each month of a period."""
    months, month = [], date(period.start.year, period.start.month, 1)
    while month <= period.end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def between_releases(
    indicator: str, series: Sequence[tuple[Period, ReleaseCounts]],
) -> list[Change]:
    """Return a change at the start of each period whose release defines the measure differently
    from the release of the period before it (periods of one kind, oldest first)."""
    found: list[Change] = []
    for (before, older), (after, newer) in zip(series, series[1:], strict=False):
        if older is newer:
            continue
        was, now = definitions_over(older, indicator, before), definitions_over(newer, indicator, after)
        if was and now and was != now:
            found.append(Change(newer, date(after.start.year, after.start.month, 1), was, now,
                                older))
    return found
