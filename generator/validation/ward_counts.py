"""Rules for ward counts: wards only, markers that agree with the count, and disclosure control.

The data package is public, so ward counts of a sensitive measure must already be safe there:

* a count from 1 to the measure's disclosure threshold is refused (it must be blank and [c]);
* a ward withheld on its own among its borough's wards for a measure and period is refused,
  because it is the borough's published total minus the other wards;
* monthly counts of a sensitive measure are refused: only 12-month totals are published, so no
  withheld count can be worked out from months against their year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

import numpy as np

from generator.importers.imported_areas import WARD
from generator.package.model import MARKERS_WITHOUT_VALUE, Marker
from generator.package.periods import PeriodError, PeriodKind, parse_period
from generator.validation.observations import IndicatorFacts
from generator.validation.report import Problem
from generator.validation.table import Table

_WITHOUT_COUNT = frozenset(marker.value for marker in MARKERS_WITHOUT_VALUE)
_NEEDED = ("indicator", "area", "period", "count", "status")


def ward_count_problems(counts: Table, areas: Table | None,
                        facts: Mapping[str, IndicatorFacts]) -> Iterator[Problem]:
    """Check each ward count against its area, its marker and its measure's disclosure rule."""
    if not counts.has(*_NEEDED):
        return
    indicator, area, period, count, status = (counts.columns[name] for name in _NEEDED)
    parents = _ward_parents(areas)
    groups: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
    for position in map(int, np.flatnonzero(counts.present("indicator", "area", "period"))):
        ward, fact = area.text(position), facts.get(indicator.text(position))
        if parents is not None and ward not in parents:
            yield counts.problem("ward-not-ward", position, "area", f"'{ward}' is not a ward in areas.csv (an "
                                 f"area whose `kind` is {WARD}).",
                                 "Ward counts are for wards only; borough figures belong in "
                                 "observations.csv.")
        withheld = status.ok[position] and status.text(position) in _WITHOUT_COUNT
        if count.ok[position] and status.ok[position]:
            yield from _marker_problem(counts, position, withheld)
        if fact is None or not fact.sensitive or fact.max_count <= 0:
            continue
        if _is_month(period.text(position)):
            yield counts.problem(
                "ward-period", position, "period",
                f"{indicator.text(position)} is marked sensitive, so its ward counts are "
                "published only as 12-month totals: monthly counts could be worked back from "
                "them.", "Delete the monthly rows of this measure; keep the 12-month totals.")
        shown = count.number(position)
        if count.present[position] and 1 <= shown <= fact.max_count:
            yield counts.problem(
                "value-disclosive", position, "count",
                f"The count {count.raw(position)} is from 1 to {fact.max_count} in a measure "
                "about people who could be identified (it is marked sensitive in "
                "indicators.csv), so it must not be published.",
                "Leave the count blank and put [c] in status.")
        if parents is not None and ward in parents:
            key = (indicator.text(position), parents[ward], period.text(position))
            groups[key].append(position)
    yield from _lone_withheld(counts, groups)


def _marker_problem(counts: Table, position: int, withheld: bool) -> Iterator[Problem]:
    filled = bool(counts.columns["count"].filled[position])
    if filled and withheld:
        marker = counts.columns["status"].text(position)
        yield counts.problem("value-marker", position, "count",
                             f"The count is {counts.columns['count'].raw(position)} but `status` "
                             f"is {marker}, which means there is no figure to show.",
                             f"Leave the count blank, or delete {marker} from `status`.")
    elif not filled and not withheld:
        yield counts.problem("value-marker", position, "count", "The count is blank and `status` does not say "
                             "why.", "Write the count, or put [c] in `status` if it is "
                             "withheld or [x] if it is not available.")


def _lone_withheld(counts: Table,
                   groups: Mapping[tuple[str, str, str], list[int]]) -> Iterator[Problem]:
    """Report a ward withheld alone among its borough's wards for one measure and period."""
    status = counts.columns["status"]
    for (indicator, borough, period), positions in sorted(groups.items()):
        hidden = [p for p in positions if status.text(p) == Marker.SUPPRESSED.value]
        if len(hidden) != 1 or len(positions) < 2:
            continue
        ward = counts.columns["area"].text(hidden[0])
        yield counts.problem(
            "value-recoverable", hidden[0], "status",
            f"{ward} is the only ward of {borough} withheld for {indicator} in {period}, so it "
            f"can be worked out as {borough}'s total minus the other wards.",
            "Withhold one more ward of this measure and period as well, for example the one "
            "with the smallest count (re-run `python -m generator import-wards`, which does "
            "this).")


def _is_month(code: str) -> bool:
    try:
        return parse_period(code).kind is PeriodKind.MONTH
    except PeriodError:
        return False  # reported by the period check


def _ward_parents(areas: Table | None) -> dict[str, str] | None:
    """Return each ward's parent area id, or None if areas.csv cannot say (reported there)."""
    if areas is None or not areas.has("id", "kind", "parent"):
        return None
    ids, kinds, parents = (areas.columns[name] for name in ("id", "kind", "parent"))
    return {ids.text(int(row)): parents.text(int(row))
            for row in np.flatnonzero(areas.present("id", "kind"))
            if kinds.text(int(row)) == WARD}
