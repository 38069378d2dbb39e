"""Import the measures the police Monthly Crime Dashboard counts, for every borough and London.

``python -m generator import-dashboard`` reads every release in sources/ whose id starts
``mps-dashboard-`` and writes, for domestic abuse, hate crime, knife crime and gun crime (and
the approximation of violence with injury that is not domestic abuse, see non_da_violence):
each financial year the releases cover whole, the 12 months to the latest month and the 12
months before, for every borough and London, and each month of the newest release for the home
area and its comparators. It replaces its own rows of observations.csv, revisions.csv,
series_breaks.csv and sources.csv; everything is read and checked before anything is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from generator.importers.areas import AGGREGATE, AreaSet, ImportArea, read_areas
from generator.importers.count_periods import Planned, planned_periods
from generator.importers.count_rows import CountedMeasure, Written, figure_rows
from generator.importers.dashboard_file import (
    EVERY_BOROUGH,
    LEFT_OUT,
    Flagged,
    read_dashboard_release,
)
from generator.importers.datafiles import descriptor_of, read_existing, row_order
from generator.importers.denominators import read_populations
from generator.importers.import_command import add_folder_arguments, prefixed_releases, run_import
from generator.importers.non_da_violence import NON_DA_VIOLENCE, non_da_violence_rows
from generator.importers.problems import InputError, shown
from generator.importers.registry import merged_sources
from generator.package.load import resource_path
from generator.package.model import DEFAULT_DISCLOSURE_MAX_COUNT
from generator.publish.cells import field_names
from generator.publish.disk import write_resource

PREFIX = "mps-dashboard-"
# The police moved from CRIS to CONNECT on 28 February 2024; March 2024 is the first month the
# publisher says is not comparable with those before for domestic abuse and hate crime.
CONNECT_FROM = date(2024, 3, 1)
CONNECT_BREAK = (
    "On 28 February 2024 the Metropolitan Police moved to a new crime recording system (from "
    "CRIS to CONNECT), which records {what} differently. The police say figures from before and "
    "after March 2024 cannot be compared, so periods that include both are marked as a break "
    "in the series: a rise or fall across that date may come from the change of system rather "
    "than a real change."
)
# Each dashboard measure: the series it counts, and what the recording change affected.
SERIES: dict[str, tuple[Flagged, str | None]] = {
    "domestic-abuse-offences": (Flagged.DOMESTIC_ABUSE, "domestic abuse"),
    "hate-crime-reports": (Flagged.HATE_CRIME, "hate crime"),
    "knife-crime-rate": (Flagged.KNIFE_CRIME, None),
    "gun-crime-rate": (Flagged.GUN_CRIME, None),
}
OWN_MEASURES = (*SERIES, NON_DA_VIOLENCE)
_PER = {"count": None, "rate_per_1000": 1000, "rate_per_10000": 10000}

Row = dict[str, str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-dashboard options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        f"Reads every release in the sources folder whose id starts {PREFIX!r}, and for the\n"
        "approximation of violence with injury that is not domestic abuse, the police's\n"
        "borough-level releases ('mps-borough-'). Populations come from population.csv: run\n"
        "import-population first. Measures:\n  " + "\n  ".join(OWN_MEASURES)
    )
    add_folder_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Import the dashboard measures and report what was written."""
    return run_import(import_dashboard, args)


def import_dashboard(*, sources_dir: Path, data_dir: Path) -> str:
    """Replace the dashboard measures' rows in data_dir and return a one-line summary."""
    descriptor = descriptor_of(data_dir)
    releases = prefixed_releases(sources_dir, data_dir, descriptor, PREFIX)
    areas = read_areas(data_dir, descriptor)
    files = [read_dashboard_release(release, [b.name for b in areas.boroughs])
             for release in releases]
    populations = read_populations(data_dir, descriptor)
    measures = counted_measures(data_dir, descriptor)
    names = borough_names(areas)
    written: list[Written] = []
    for indicator, (series, _affected) in SERIES.items():
        sources = [s for f in files if (s := f.source(series)) is not None]
        plans = planned_periods(sources, financial_years=True)
        written.append(figure_rows(measures[indicator], plans, areas.all, names, populations,
                                   notes=_left_out))
    written.append(non_da_violence_rows(measures[NON_DA_VIOLENCE], files, areas, names,
                                        populations, sources_dir, data_dir, descriptor))
    observations = [row for part in written for row in part.observations]
    revisions = [row for part in written for row in part.revisions]
    breaks = break_rows(measures)
    merged = {
        "observations": _kept(data_dir, descriptor, "observations",
                              lambda row: not row.get("vintage", "").startswith(PREFIX),
                              observations),
        "revisions": _kept(data_dir, descriptor, "revisions",
                           lambda row: not row.get("revised_by", "").startswith(PREFIX), revisions),
        "series_breaks": _kept(data_dir, descriptor, "series_breaks",
                               lambda row: row.get("indicator") not in OWN_MEASURES, breaks),
        "sources": merged_sources(data_dir, descriptor, PREFIX, releases),
    }
    for resource, rows in merged.items():
        write_resource(resource_path(data_dir, descriptor, resource), descriptor, resource, rows)
    return (f"Wrote {len(observations)} observations ({len(OWN_MEASURES)} measures, "
            f"{len(areas.all)} areas, from {len(releases)} dashboard releases) and "
            f"{len(revisions)} restatements to "
            f"{shown(resource_path(data_dir, descriptor, 'observations'))}.")


def borough_names(areas: AreaSet) -> dict[str, frozenset[str]]:
    """Return each area's names in the dashboard: a borough's own, an aggregate's every one."""
    names = {borough.id: frozenset({borough.name}) for borough in areas.boroughs}
    names.update({area.id: frozenset({EVERY_BOROUGH}) for area in areas.aggregates
                  if area.kind == AGGREGATE})
    return names


def _left_out(plan: Planned, area: ImportArea) -> list[str]:
    """Say how many offences London leaves out because the police gave them no borough."""
    if area.kind != AGGREGATE:
        return []
    left = plan.source.count((LEFT_OUT,), plan.months)
    everything = left + plan.source.count((EVERY_BOROUGH,), plan.months)
    share = 100 * left / everything if everything else 0.0
    offences = "offence" if left == 1 else "offences"
    return [f"Leaves out {left:,} {offences} ({share:.1f}% of the police's London total) "
            "recorded with no known borough, outside London or by aviation security."]


def counted_measures(data_dir: Path, descriptor: dict[str, Any]) -> dict[str, CountedMeasure]:
    """Return the dashboard measures with their unit, decimals and disclosure rule."""
    path = resource_path(data_dir, descriptor, "indicators")
    rows = {row.get("id", ""): row
            for row in read_existing(path, field_names(descriptor, "indicators"))}
    problems = [f"{shown(path)} has no measure {indicator!r} with a count or rate unit and "
                "decimals; restore its row first." for indicator in OWN_MEASURES
                if rows.get(indicator, {}).get("unit") not in _PER
                or not rows[indicator].get("decimals", "").isdigit()]
    if problems:
        raise InputError(problems)
    affected = {indicator: what for indicator, (_series, what) in SERIES.items()}
    affected[NON_DA_VIOLENCE] = "domestic abuse"
    measures: dict[str, CountedMeasure] = {}
    for indicator in OWN_MEASURES:
        row, what = rows[indicator], affected[indicator]
        limit = row.get("disclosure_max_count", "")
        measures[indicator] = CountedMeasure(
            indicator=indicator, per=_PER[row["unit"]], decimals=int(row["decimals"]),
            sensitive=row.get("sensitive", "").lower() == "true",
            max_count=int(limit) if limit else DEFAULT_DISCLOSURE_MAX_COUNT,
            break_month=CONNECT_FROM if what else None,
            break_note=f"Break in series: {CONNECT_BREAK.format(what=what)}" if what else "",
        )
    return measures


def break_rows(measures: dict[str, CountedMeasure]) -> list[Row]:
    """Return the series_breaks.csv row of each measure the change of recording system affects."""
    return [{"indicator": measure.indicator, "period": f"{measure.break_month:%Y-%m}",
             "description": measure.break_note.removeprefix("Break in series: ")}
            for measure in measures.values() if measure.break_month is not None]


def _kept(data_dir: Path, descriptor: dict[str, Any], resource: str,
          keep: Callable[[Row], bool], added: Sequence[Row]) -> list[Row]:
    """Return a resource's rows that keep() keeps, with the added rows, in the file's order."""
    path = resource_path(data_dir, descriptor, resource)
    existing = read_existing(path, field_names(descriptor, resource))
    return sorted([*filter(keep, existing), *added], key=row_order)

