"""Write police figures as rows of observations.csv, series_breaks.csv and revisions.csv.

Markers: [b] where the period holds a change of the measure's definition (see police_breaks),
else [p] where the population estimate is provisional (see denominators), else [r] where an
older release gave a different count for the same period. The note says all that apply.
Restatements are logged as a chain: for each figure, every pair of consecutive releases (by
release date) covering its period whose counts differ gives one revisions.csv row, the older
count's rate as the previous value, revised by the newer release. This depends only on the set
of releases imported, so the order of imports, or importing one again, changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.importers.crime_measures import PER_RESIDENTS, rate
from generator.importers.denominators import Denominator, Populations
from generator.importers.police_breaks import (
    Change,
    between_releases,
    changes,
    month_words,
    months_in,
    released_words,
)
from generator.importers.police_counts import ReleaseCounts
from generator.importers.police_figures import Figure
from generator.package.model import TOTAL_BREAKDOWN, Marker

Row = dict[str, str]


@dataclass(frozen=True)
class Written:
    """The rows the police figures add to the data package."""

    observations: list[Row]
    revisions: list[Row]


@dataclass(frozen=True)
class Context:
    """What every figure's row needs besides the figure itself."""

    names: Mapping[str, frozenset[str]]  # area id -> its rows in the police files
    populations: Populations
    decimals: Mapping[str, int]
    changes: Mapping[tuple[str, str], Sequence[Change]]  # (measure, release id) -> changes
    left_out: frozenset[str]  # police rows that are not boroughs


def rows_for(figures: Sequence[Figure], context: Context) -> Written:
    """Return the observation and revision rows of every figure."""
    observations: list[Row] = []
    revisions: list[Row] = []
    for figure in figures:
        names = context.names[figure.area.id]
        denominator = context.populations.denominator(figure.area.id, figure.period)
        months = months_in(figure.period)
        counts = [release.offences(figure.indicator, names, months) for release in figure.releases]
        chain = list(zip(figure.releases[1:], counts[1:], figure.releases, counts, strict=False))
        restated = [(older, was, newer, now) for older, was, newer, now in chain if was != now]
        for older, was, newer, _now in restated:
            revisions.append(_revision(figure, older.id, was, newer, denominator, context))
        observations.append(_observation(figure, counts[0], denominator, bool(restated), context))
    return Written(observations, revisions)


def _value(figure: Figure, count: int, denominator: Denominator, context: Context) -> Decimal:
    return rate(count, denominator.population, PER_RESIDENTS[figure.indicator],
                context.decimals[figure.indicator])


def _observation(figure: Figure, count: int, denominator: Denominator, restated: bool,
                 context: Context) -> Row:
    breaks = [change for change in context.changes.get((figure.indicator, figure.release.id), ())
              if figure.period.start <= change.month <= figure.period.end]
    notes = [_left_out_note(figure, context)] if figure.area.kind == "aggregate" else []
    markers: list[Marker] = []
    if breaks:
        markers.append(Marker.BREAK)
        notes.append(_break_note(figure, breaks, context))
    if denominator.provisional:
        markers.append(Marker.PROVISIONAL)
        notes.append(
            f"Provisional: the rate uses the mid-{denominator.mid_year} population estimate, the "
            f"newest available; mid-{denominator.wanted} is not yet published."
        )
    if denominator.before_series:
        notes.append(
            f"The rate uses the mid-{denominator.mid_year} population estimate, the first of the "
            "ONS series consistent with Census 2021."
        )
    if restated:
        markers.append(Marker.REVISED)
        notes.append("Revised: an earlier police release gave a different count (see revisions).")
    return {
        "indicator": figure.indicator,
        "area": figure.area.id,
        "period": figure.period.code,
        "period_label": figure.period.label,
        "breakdown": TOTAL_BREAKDOWN,
        "value": _number(_value(figure, count, denominator, context)),
        "status": markers[0].value if markers else "",
        "numerator": str(count),
        "denominator": str(denominator.population),
        "vintage": figure.release.id,
        "note": " ".join(notes),
    }


def _left_out_note(figure: Figure, context: Context) -> str:
    months = months_in(figure.period)
    left_out = figure.release.offences(figure.indicator, context.left_out, months)
    everything = left_out + figure.release.offences(
        figure.indicator, context.names[figure.area.id], months)
    share = 100 * left_out / everything if everything else 0.0
    offences = "offence" if left_out == 1 else "offences"
    return (f"Leaves out {left_out:,} {offences} ({share:.1f}% of the police's London total) "
            "recorded at Heathrow and London City airports or with no known borough.")


def _break_note(figure: Figure, breaks: Sequence[Change], context: Context) -> str:
    split = figure.release.by_definition(figure.indicator, context.names[figure.area.id],
                                         months_in(figure.period))
    parts = [f"{count:,} recorded as {definition.value}"
             for definition, count in sorted(split.items(), key=lambda item: str(item[0]))
             if definition is not None and count]
    when = " and ".join(month_words(change.month) for change in breaks)
    return (f"Break in series: the police's definition changes in {when} (see series breaks); "
            f"this figure counts {'; '.join(parts) or 'no offences'}.")


def _revision(figure: Figure, older: str, was: int, newer: ReleaseCounts,
              denominator: Denominator, context: Context) -> Row:
    previous = rate(was, denominator.population, PER_RESIDENTS[figure.indicator],
                    context.decimals[figure.indicator])
    return {
        "indicator": figure.indicator,
        "area": figure.area.id,
        "period": figure.period.code,
        "breakdown": TOTAL_BREAKDOWN,
        "previous_value": _number(previous),
        "previous_status": "",
        "revised_in": "",
        "revised_by": newer.id,
        "reason": (f"The police restated the count in their release of "
                   f"{released_words(newer.release.source.released)} ({newer.id}): it was "
                   f"{was:,} in {older}."),
    }


def _number(value: Decimal) -> str:
    # Written like every other number in the data package: 2.9 and 3, never 2.90 or 3.00.
    return format(value.normalize(), "f")


def release_changes(
    figures: Sequence[Figure], indicators: Sequence[str],
) -> dict[tuple[str, str], list[Change]]:
    """Return the definition changes that published figures meet: (measure, release id) -> them.

    A change inside a release counts where some period published from that release holds it;
    a change between releases is at the start of the first period from the newer one.
    """
    used: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        used.setdefault((figure.indicator, figure.release.id), []).append(figure)
    found: dict[tuple[str, str], list[Change]] = {}
    for (indicator, _release_id), published in used.items():
        release = published[0].release
        found.setdefault((indicator, release.id), []).extend(
            change for change in changes(release, indicator)
            if any(f.period.start <= change.month <= f.period.end for f in published))
    for indicator in indicators:
        for kind in {figure.period.kind for figure in figures}:
            chosen = {f.period: f.release for f in figures
                      if f.indicator == indicator and f.period.kind is kind}
            series = sorted(chosen.items(), key=lambda item: item[0].order_key)
            for change in between_releases(indicator, series):
                found.setdefault((indicator, change.release.id), []).append(change)
    return found


def series_break_rows(found: Mapping[tuple[str, str], Sequence[Change]]) -> list[Row]:
    """Return one series_breaks.csv row per measure and month of change."""
    by_month: dict[tuple[str, str], list[str]] = {}
    for (indicator, _release), release_changes_found in found.items():
        for change in release_changes_found:
            descriptions = by_month.setdefault((indicator, f"{change.month:%Y-%m}"), [])
            if change.describe() not in descriptions:
                descriptions.append(change.describe())
    return [{"indicator": indicator, "period": period, "description": " ".join(descriptions)}
            for (indicator, period), descriptions in sorted(by_month.items())]
