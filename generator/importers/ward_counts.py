"""Turn ward-level police releases into ward counts: monthly, and the latest two 12-month totals.

Each figure comes from the newest release that covers its whole period, so a month or a
12-month total is never made from two releases. Measures marked sensitive are published only as
12-month totals, withheld by the same disclosure rules as the site's other figures: a small
count is withheld, and so is the next-smallest ward wherever a withheld count could be worked
out from the other wards and the borough's total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from generator.figures.disclosure import withhold_counts
from generator.importers.count_periods import CountSource, is_monthly, planned_periods
from generator.importers.crime_measures import TOTAL_OFFENCES, Feeds, counted_towards
from generator.importers.problems import InputError, shown
from generator.importers.ward_file import WardFile
from generator.package.model import TOTAL_BREAKDOWN, Marker, Observation
from generator.package.periods import parse_period

WARD_DIMENSION = "ward"

Row = dict[str, str]


@dataclass(frozen=True)
class WardMeasure:
    """A strategy measure the ward file can count, and how its small counts are treated."""

    indicator: str
    sensitive: bool
    max_count: int


@dataclass(frozen=True)
class _Figure:
    indicator: str
    ward: str
    period: str
    count: int
    vintage: str


def ward_count_rows(
    files: Sequence[WardFile], wards: Mapping[str, str], measures: Sequence[WardMeasure],
    categories: Mapping[tuple[str, str], Feeds], home_area: str,
) -> list[Row]:
    """Return the ward_counts.csv rows for every ward (ONS code -> area id) and measure."""
    _check_files(files, wards, categories)
    figures: list[_Figure] = []
    for measure in measures:
        sources = [_source(ward_file, measure.indicator, categories) for ward_file in files]
        if not any(source.offences for source in sources):
            continue  # the ward file counts nothing towards this measure
        for plan in planned_periods(sources, financial_years=False):
            if measure.sensitive and is_monthly(plan):
                continue  # months could be worked back from the 12-month totals
            figures.extend(
                _Figure(measure.indicator, ward, plan.period.code,
                        plan.source.count((ward,), plan.months), plan.source.release.id)
                for ward in sorted(wards))
    return _controlled_rows(figures, {m.indicator: m for m in measures}, wards, home_area)


def _source(ward_file: WardFile, indicator: str,
            categories: Mapping[tuple[str, str], Feeds]) -> CountSource:
    """Return one release's monthly counts of one measure, by ward code."""
    home_scheme = any(categories[(major, minor)] is Feeds.HOME_BURGLARY and any(counts)
                      for (_ward, major, minor), counts in ward_file.counts.items())
    offences: dict[str, dict[date, int]] = {}
    for (ward, major, minor), counts in ward_file.counts.items():
        fed = counted_towards(categories[(major, minor)], home_scheme)
        if indicator not in (TOTAL_OFFENCES, fed):
            continue
        by_month = offences.setdefault(ward, {})
        for month, count in zip(ward_file.months, counts, strict=True):
            by_month[month] = by_month.get(month, 0) + count
    return CountSource(ward_file.release, ward_file.months, offences)


def _controlled_rows(
    figures: Sequence[_Figure], measures: Mapping[str, WardMeasure], wards: Mapping[str, str],
    home_area: str,
) -> list[Row]:
    """Withhold small counts of sensitive measures, then return the figures as CSV rows."""
    groups: defaultdict[tuple[str, str], list[_Figure]] = defaultdict(list)
    for figure in figures:
        groups[(figure.indicator, figure.period)].append(figure)
    rows: list[Row] = []
    for (indicator, period), group in sorted(groups.items()):
        measure = measures[indicator]
        cells = [_observation(figure, home_area, f"{WARD_DIMENSION}={figure.ward.lower()}")
                 for figure in group]
        if measure.sensitive:
            # The borough's total is published elsewhere, so it is the total the wards are
            # checked against: the ward figures add up to a little less, never to more.
            total = _Figure(indicator, "", period, sum(f.count for f in group), group[0].vintage)
            controlled = withhold_counts([*cells, _observation(total, home_area, TOTAL_BREAKDOWN)],
                                         measure.max_count)
            cells = [obs for obs in controlled if obs.breakdown != TOTAL_BREAKDOWN]
        rows.extend(_row(obs, figure, wards) for obs, figure in zip(cells, group, strict=True))
    return sorted(rows, key=lambda row: (row["indicator"], row["area"],
                                         parse_period(row["period"]).order_key))


def _observation(figure: _Figure, area: str, breakdown: str) -> Observation:
    return Observation(figure.indicator, area, parse_period(figure.period), breakdown,
                       float(figure.count), None, None, None, figure.vintage, "")


def _row(obs: Observation, figure: _Figure, wards: Mapping[str, str]) -> Row:
    withheld = obs.marker is Marker.SUPPRESSED
    return {
        "indicator": figure.indicator,
        "area": wards[figure.ward],
        "period": figure.period,
        "count": "" if withheld else str(figure.count),
        "status": Marker.SUPPRESSED.value if withheld else "",
        "vintage": figure.vintage,
        "note": obs.note if withheld else "",
    }


def _check_files(files: Sequence[WardFile], wards: Mapping[str, str],
                 categories: Mapping[tuple[str, str], Feeds]) -> None:
    """Refuse releases with unknown categories or wards, or without one of the wards."""
    problems: list[str] = []
    for ward_file in files:
        name = shown(ward_file.release.folder)
        found = {ward for ward, _major, _minor in ward_file.counts}
        for major, minor in sorted({(major, minor) for _w, major, minor in ward_file.counts}):
            if (major, minor) not in categories:
                problems.append(
                    f"{name}: the police category {major!r} / {minor!r} is not in the "
                    "importer's table, so it cannot be counted safely. Add it to CATEGORIES in "
                    "generator/importers/police_categories.py, saying which measure it counts "
                    "towards.")
        for ward in sorted(found - set(wards)):
            problems.append(
                f"{name}: ward {ward} ({ward_file.ward_names[ward]}) has no boundary in the ward "
                "boundary release, so it is not one of the borough's wards; check the release.")
        for ward in sorted(set(wards) - found):
            problems.append(f"{name}: has no rows for ward {ward}; every ward must be in every "
                            "release.")
    if problems:
        raise InputError(problems)
    if not files:
        raise InputError(["No ward-level crime release was found in sources/."])
