"""Approximate violence with injury that is not domestic abuse, from two police products.

The police publish no such series. The borough-level publication counts every offence of
violence with injury; the Monthly Crime Dashboard counts those flagged as domestic abuse. Both
come from the same police records (their totals of all offences for the same months agree to
within a few in ten thousand), so one minus the other is the measure, a few offences out at
most where later corrections reached one extract and not the other. Each figure takes the
newest dashboard release and the newest borough-level release that cover all its months, names
both in its note, and is marked as a break where the change of recording system falls inside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.importers.areas import AreaSet, ImportArea
from generator.importers.count_periods import CountSource, Planned, newest_first, planned_periods
from generator.importers.count_rows import CountedMeasure, Written, figure_rows
from generator.importers.dashboard_file import EVERY_BOROUGH, DashboardFile, Flagged
from generator.importers.denominators import Populations
from generator.importers.import_command import prefixed_releases
from generator.importers.police_breaks import released_words
from generator.importers.police_release import PoliceRelease, read_police_releases

NON_DA_VIOLENCE = "non-da-violence-with-injury-rate"
BOROUGH_PREFIX = "mps-borough-"
VIOLENCE_WITH_INJURY = "violence with injury"


def non_da_violence_rows(
    measure: CountedMeasure, files: Sequence[DashboardFile], areas: AreaSet,
    names: Mapping[str, frozenset[str]], populations: Populations, sources_dir: Path,
    data_dir: Path, descriptor: dict[str, Any],
) -> Written:
    """Return the approximation's rows for every period both products cover."""
    flagged = [s for f in files if (s := f.source(Flagged.DOMESTIC_ABUSE_VIOLENCE_WITH_INJURY))]
    releases = prefixed_releases(sources_dir, data_dir, descriptor, BOROUGH_PREFIX)
    boroughs = [borough.name for borough in areas.boroughs]
    violence = newest_first(_violence(police, boroughs)
                            for police in read_police_releases(releases))
    plans = [replace(plan, sources=plan.sources[:1])  # one dashboard release per figure
             for plan in planned_periods(flagged, financial_years=True)
             if _covering(violence, plan.months) is not None]

    def count(source: CountSource, area_names: frozenset[str], months: Sequence[date]) -> int:
        borough_file = _covering(violence, months)
        assert borough_file is not None  # the plans are those some borough release covers
        return (borough_file.count(area_names, months) - source.count(area_names, months))

    def notes(plan: Planned, area: ImportArea) -> list[str]:
        borough_file = _covering(violence, plan.months)
        assert borough_file is not None
        with_injury = borough_file.count(names[area.id], plan.months)
        domestic = plan.source.count(names[area.id], plan.months)
        return [
            f"Approximation: {with_injury:,} offences of violence with injury in the police's "
            f"borough-level release of {released_words(borough_file.release.released)} "
            f"({borough_file.release.id}), minus {domestic:,} of them flagged as domestic abuse "
            "in the police's Monthly Crime Dashboard release of "
            f"{released_words(plan.source.release.released)} ({plan.source.release.id})."]

    return figure_rows(measure, plans, areas.all, names, populations, count=count, notes=notes)


def _covering(sources: Sequence[CountSource], months: Sequence[date]) -> CountSource | None:
    """Return the newest source holding every one of the months (sources newest first)."""
    return next((source for source in sources if source.covers(months)), None)


def _violence(police: PoliceRelease, names: Sequence[str]) -> CountSource:
    """Return a borough-level release's violence with injury by borough name, month by month."""
    offences: dict[str, dict[date, int]] = {}
    boroughs = {name.casefold(): name for name in names}
    for row, month, count in police.cells():
        if row.minor.casefold() != VIOLENCE_WITH_INJURY:
            continue
        borough = boroughs.get(row.area.casefold())
        if borough is None:
            continue  # airports and unknown places are in no borough, so not in London either
        for name in (borough, EVERY_BOROUGH):
            by_month = offences.setdefault(name, {})
            by_month[month] = by_month.get(month, 0) + count
    return CountSource(police.source, police.months, offences)

