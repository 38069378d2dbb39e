"""Write planned figures of counted offences as observations.csv and revisions.csv rows.

A figure is a count of one measure in one area over one period, from the newest release that
covers the period. A rate measure's value is the count per ``per`` residents, rounded once; a
count measure's value is the count itself, with the population beside it so that areas can be
ranked by rate. Markers: [b] where the period holds a break in the series, else [p] where the
population estimate is provisional, else [r] where an older release gave a different count; the
note says all that apply, and each restatement is logged in revisions.csv (the older count,
revised by the newer release).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.figures.disclosure import withhold_counts
from generator.importers.areas import ImportArea
from generator.importers.count_periods import CountSource, Planned, is_monthly
from generator.importers.crime_measures import rate
from generator.importers.denominators import Denominator, Populations
from generator.importers.police_breaks import released_words
from generator.package.model import TOTAL_BREAKDOWN, Marker, Observation

Row = dict[str, str]
# How a figure's count is found: (source, the area's names in it, months) -> count.
Counter = Callable[[CountSource, frozenset[str], Sequence[date]], int]


@dataclass(frozen=True)
class CountedMeasure:
    """A measure counted from monthly offences, and how its figures are written."""

    indicator: str
    per: int | None  # residents the rate is per; None for a count measure
    decimals: int
    sensitive: bool
    max_count: int
    break_month: date | None  # the first month after a break in the series, if there is one
    break_note: str = ""


@dataclass(frozen=True)
class Written:
    """The rows a measure's figures add to the data package."""

    observations: list[Row]
    revisions: list[Row]


def figure_rows(
    measure: CountedMeasure, plans: Sequence[Planned], areas: Sequence[ImportArea],
    names: Mapping[str, frozenset[str]], populations: Populations,
    count: Counter = lambda source, area_names, months: source.count(area_names, months),
    notes: Callable[[Planned, ImportArea], list[str]] = lambda plan, area: [],
) -> Written:
    """Return the rows of every planned period for every area (months: home and comparators)."""
    observations: list[Row] = []
    revisions: list[Row] = []
    for plan in plans:
        for area in areas:
            if is_monthly(plan) and not area.shows_months:
                continue
            denominator = populations.denominator(area.id, plan.period)
            counts = [count(source, names[area.id], plan.months) for source in plan.sources]
            chain = list(zip(plan.sources[1:], counts[1:], plan.sources, counts, strict=False))
            restated = [(older, was, newer) for older, was, newer, now in chain if was != now]
            row = _observation(measure, plan, area, counts[0], denominator, bool(restated),
                               notes(plan, area))
            # An earlier count of a figure now withheld would give the figure away (rule 7).
            hidden = row["status"] == Marker.SUPPRESSED.value
            revisions.extend(_revision(measure, plan, area, older, was, newer, denominator, hidden)
                             for older, was, newer in restated)
            observations.append(row)
    return Written(observations, revisions)


def value_of(measure: CountedMeasure, count: int, population: int) -> Decimal:
    """Return the published value: the count, or the rate per measure.per rounded once."""
    if measure.per is None:
        return Decimal(count)
    return rate(count, population, measure.per, measure.decimals)


def _observation(measure: CountedMeasure, plan: Planned, area: ImportArea, count: int,
                 denominator: Denominator, restated: bool, extra: list[str]) -> Row:
    notes = list(extra)
    markers: list[Marker] = []
    if _holds_break(plan, measure.break_month):
        markers.append(Marker.BREAK)
        notes.append(measure.break_note)
    if denominator.provisional:
        markers.append(Marker.PROVISIONAL)
        notes.append(f"Provisional: the population is the mid-{denominator.mid_year} estimate, "
                     f"the newest available; mid-{denominator.wanted} is not yet published.")
    if restated:
        markers.append(Marker.REVISED)
        notes.append("Revised: an earlier police release gave a different count (see revisions).")
    row = {
        "indicator": measure.indicator, "area": area.id, "period": plan.period.code,
        "period_label": plan.period.label, "breakdown": TOTAL_BREAKDOWN,
        "value": written_number(value_of(measure, count, denominator.population)),
        "status": markers[0].value if markers else "", "numerator": str(count),
        "denominator": str(denominator.population), "vintage": plan.source.release.id,
        "note": " ".join(note for note in notes if note),
    }
    return _controlled(row, plan, measure) if measure.sensitive else row


def _holds_break(plan: Planned, first_after: date | None) -> bool:
    """Return True for a period holding the first month after a break (as police_rows marks)."""
    return first_after is not None and plan.months[0] <= first_after <= plan.months[-1]


def _controlled(row: Row, plan: Planned, measure: CountedMeasure) -> Row:
    """Withhold a sensitive measure's small count before it reaches data/ (as the site would)."""
    obs = Observation(row["indicator"], row["area"], plan.period, TOTAL_BREAKDOWN,
                      float(row["value"]), None, int(row["numerator"]),
                      int(row["denominator"]), row["vintage"], row["note"])
    (checked,) = withhold_counts([obs], measure.max_count)
    if checked.marker is not Marker.SUPPRESSED:
        return row
    return {**row, "value": "", "numerator": "", "status": Marker.SUPPRESSED.value,
            "note": checked.note}


def _revision(measure: CountedMeasure, plan: Planned, area: ImportArea, older: CountSource,
              was: int, newer: CountSource, denominator: Denominator, hidden: bool) -> Row:
    small = hidden or (measure.sensitive and 0 < was <= measure.max_count)
    previous = "" if small else written_number(value_of(measure, was, denominator.population))
    said = "a count that is withheld" if small else f"{was:,}"
    return {
        "indicator": measure.indicator, "area": area.id, "period": plan.period.code,
        "breakdown": TOTAL_BREAKDOWN, "previous_value": previous,
        "previous_status": Marker.SUPPRESSED.value if small else "", "revised_in": "",
        "revised_by": newer.release.id,
        "reason": (f"The police restated the count in their release of "
                   f"{released_words(newer.release.released)} ({newer.release.id}): it was "
                   f"{said} in {older.release.id}."),
    }


def written_number(value: Decimal) -> str:
    """Return a value as the data package writes it: 2.9 and 3, never 2.90 or 3.00."""
    return format(value.normalize(), "f")
