"""Import every Community Safety Partnership in England and Wales from ONS Table C2.

``python -m generator import-csp`` reads the ONS partnership releases in sources/ and writes one
area per partnership (kind ``csp``; the home area's own partnership has ``parent`` set to the home
area) and, for each offence group that matches a strategy measure, the partnership's count and
rate per the measure's unit over the ONS mid-year estimate of its local authority.

These are the Home Office's figures as ONS publishes them, a fixed snapshot that differs from
the Metropolitan Police's own later extracts: they are separate areas with their own release,
never part of a borough's series.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.figures.disclosure import withhold_counts
from generator.importers.count_rows import written_number
from generator.importers.crime_measures import rate
from generator.importers.csp_table import Partnership, read_partnerships
from generator.importers.datafiles import descriptor_of, id_from_name, read_existing, row_order
from generator.importers.denominators import mid_year_for
from generator.importers.import_command import add_folder_arguments, prefixed_releases, run_import
from generator.importers.imported_areas import CSP, replaced_areas
from generator.importers.mid_year import MidYearEstimate, read_mid_year_estimates
from generator.importers.mps_file import normalised_header
from generator.importers.problems import InputError, shown
from generator.importers.registry import merged_sources
from generator.importers.sources import SourceRelease
from generator.package.load import resource_path
from generator.package.model import (
    DEFAULT_DISCLOSURE_MAX_COUNT,
    TOTAL_BREAKDOWN,
    Marker,
    Observation,
    Unit,
)
from generator.package.periods import Period, parse_period
from generator.publish.cells import field_names
from generator.publish.disk import write_resource

PREFIX = "ons-csp-"
POPULATION_PREFIX = "ons-mye-"
ID_SUFFIX = "-csp"

# The ONS offence groups that count what a strategy measure counts, and what differs.
GROUPS: dict[str, tuple[str, str]] = {
    "total-offences-rate": (
        "Total recorded crime (excluding fraud)",
        "Total recorded crime excluding fraud, as ONS publishes it: the Metropolitan Police's "
        "own total, used for the borough figures, includes fraud and forgery."),
    "residential-burglary-rate": ("Residential burglary", ""),
    "sexual-offences-rate": ("Sexual offences", ""),
}
_PER = {"rate_per_1000": 1000, "rate_per_10000": 10000}

Row = dict[str, str]


@dataclass(frozen=True)
class _Measure:
    indicator: str
    heading: str
    note: str
    unit: Unit
    per: int
    decimals: int
    sensitive: bool
    max_count: int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-csp options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        f"Reads every release in the sources folder whose id starts {PREFIX!r}, and the ONS\n"
        f"mid-year estimates ({POPULATION_PREFIX!r}) for the populations. Offence groups:\n  "
        + "\n  ".join(f"{heading} -> {indicator}" for indicator, (heading, _) in GROUPS.items())
    )
    add_folder_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Import the partnerships and report what was written."""
    return run_import(import_partnerships, args)


def import_partnerships(*, sources_dir: Path, data_dir: Path) -> str:
    """Replace the partnership areas and figures in data_dir and return a one-line summary."""
    descriptor = descriptor_of(data_dir)
    releases = prefixed_releases(sources_dir, data_dir, descriptor, PREFIX)
    measures = _measures(data_dir, descriptor)
    areas_path = resource_path(data_dir, descriptor, "areas")
    area_rows = read_existing(areas_path, field_names(descriptor, "areas"))
    home = next((row for row in area_rows if row.get("is_home", "").lower() == "true"), None)
    if home is None:
        raise InputError([f"{shown(areas_path)} has no area with is_home set to true."])
    # One release per period: each partnership figure comes from the newest release for it.
    newest: dict[str, SourceRelease] = {}
    for release in reversed(releases):  # oldest first, so newer releases win
        newest[release.files[0].period_start + release.files[0].period_end] = release
    estimate_releases = prefixed_releases(sources_dir, data_dir, descriptor, POPULATION_PREFIX)
    observations: list[Row] = []
    partnerships: dict[str, Partnership] = {}
    for release in newest.values():
        found = read_partnerships(release,
                                  {normalised_header(m.heading): m.heading for m in measures})
        period = parse_period(f"{release.files[0].period_start}/{release.files[0].period_end}")
        populations = _estimates(estimate_releases, mid_year_for(period))
        observations.extend(partnership_rows(found, measures, populations, period, release.id))
        partnerships.update((p.code, p) for p in found)
    new_areas = _area_rows(list(partnerships.values()), home, field_names(descriptor, "areas"))
    merged_areas = replaced_areas(area_rows, CSP, new_areas)
    merged_observations = _merged_observations(data_dir, descriptor, observations)
    sources = merged_sources(data_dir, descriptor, PREFIX, tuple(newest.values()))
    write_resource(areas_path, descriptor, "areas", merged_areas)
    write_resource(resource_path(data_dir, descriptor, "observations"), descriptor,
                   "observations", merged_observations)
    write_resource(resource_path(data_dir, descriptor, "sources"), descriptor, "sources", sources)
    return (f"Wrote {len(new_areas)} Community Safety Partnerships to {shown(areas_path)} and "
            f"{len(observations)} observations ({len(measures)} measures).")


def partnership_rows(
    partnerships: Sequence[Partnership], measures: Sequence[_Measure],
    populations: Mapping[str, MidYearEstimate], period: Period, vintage: str,
) -> list[Row]:
    """Return one observation row per partnership and measure for one release's period."""
    shared = Counter(p.local_authority for p in partnerships if p.local_authority)
    rows: list[Row] = []
    for measure in measures:
        for partnership in partnerships:
            estimate = populations.get(partnership.local_authority or "")
            if partnership.local_authority and shared[partnership.local_authority] > 1:
                estimate = None  # the authority's population is shared by several partnerships
            rows.append(_row(partnership, measure, estimate, period, vintage))
    return rows


def _row(partnership: Partnership, measure: _Measure, estimate: MidYearEstimate | None,
         period: Period, vintage: str) -> Row:
    count = partnership.counts[normalised_header(measure.heading)]
    notes = [measure.note]
    value, status, denominator = "", "", ""
    if count is None:
        status = Marker.NOT_AVAILABLE.value
        notes.append("Not available: ONS gives no figure ([x]).")
    elif estimate is None:
        status = Marker.NOT_AVAILABLE.value
        notes.append(_no_population(partnership))
    else:
        value = written_number(rate(count, estimate.population, measure.per, measure.decimals))
        denominator = str(estimate.population)
        notes.append(f"Population: ONS mid-{estimate.mid_year} estimate for {estimate.name} "
                     f"({estimate.edition}).")
        if estimate.mid_year != mid_year_for(period):
            status = Marker.PROVISIONAL.value
            notes.append(f"Provisional: mid-{mid_year_for(period)} is not yet published.")
    row = {
        "indicator": measure.indicator, "area": partnership_id(partnership),
        "period": period.code, "period_label": period.label, "breakdown": TOTAL_BREAKDOWN,
        "value": value, "status": status, "numerator": "" if count is None else str(count),
        "denominator": denominator, "vintage": vintage,
        "note": " ".join(note for note in notes if note),
    }
    return _withheld(row, period, measure) if measure.sensitive and count is not None else row


def _withheld(row: Row, period: Period, measure: _Measure) -> Row:
    """Apply the disclosure rules to a sensitive measure's figure before it reaches data/."""
    obs = Observation(row["indicator"], row["area"], period, TOTAL_BREAKDOWN,
                      float(row["value"]) if row["value"] else None, None,
                      int(row["numerator"]), int(row["denominator"]) if row["denominator"] else None,
                      row["vintage"], row["note"])
    (checked,) = withhold_counts([obs], measure.max_count, measure.unit)
    if checked.marker is not Marker.SUPPRESSED:
        return row
    return {**row, "value": "", "numerator": "", "status": Marker.SUPPRESSED.value,
            "note": checked.note}


def _no_population(partnership: Partnership) -> str:
    if partnership.local_authority is None:
        return ("No rate: the partnership covers several local authorities and the ONS table "
                "does not say which, so its population cannot be added up.")
    return ("No rate: the partnership covers part of a local authority (or one that no longer "
            "exists), and ONS publishes no population estimate for that part.")


def partnership_id(partnership: Partnership) -> str:
    """Return a partnership's area id: its name as an id, then '-csp' ('cwm-taf-csp')."""
    return f"{id_from_name(partnership.name)}{ID_SUFFIX}"


def _area_rows(partnerships: Sequence[Partnership], home: Row, fields: Sequence[str]) -> list[Row]:
    ids = Counter(partnership_id(p) for p in partnerships)
    clashes = [p for p in partnerships if ids[partnership_id(p)] > 1]
    if clashes:
        raise InputError([f"{p.where}: the partnership {p.name} would share the id "
                          f"{partnership_id(p)!r} with another; the importer cannot tell them "
                          "apart." for p in clashes])
    rows = [
        {name: "" for name in fields} | {
            "id": partnership_id(p), "name": p.name, "ons_code": p.code, "kind": CSP,
            "is_home": "false", "comparator": "false",
            "parent": home["id"] if p.local_authority == home.get("ons_code") else "",
        }
        for p in partnerships
    ]
    return [{name: row[name] for name in fields} for row in rows]


def _measures(data_dir: Path, descriptor: dict[str, Any]) -> list[_Measure]:
    path = resource_path(data_dir, descriptor, "indicators")
    rows = {row.get("id", ""): row for row in read_existing(path, field_names(descriptor,
                                                                              "indicators"))}
    problems = [f"{shown(path)} has no measure {indicator!r} with a rate unit and decimals."
                for indicator in GROUPS
                if rows.get(indicator, {}).get("unit") not in _PER
                or not rows[indicator].get("decimals", "").isdigit()]
    if problems:
        raise InputError(problems)
    return [_measure(indicator, heading, note, rows[indicator])
            for indicator, (heading, note) in GROUPS.items()]


def _measure(indicator: str, heading: str, note: str, row: Row) -> _Measure:
    limit = row.get("disclosure_max_count", "")
    return _Measure(indicator, heading, note, Unit(row["unit"]), _PER[row["unit"]],
                    int(row["decimals"]), row.get("sensitive", "").lower() == "true",
                    int(limit) if limit else DEFAULT_DISCLOSURE_MAX_COUNT)


def _estimates(releases: Sequence[SourceRelease], year: int) -> dict[str, MidYearEstimate]:
    """Return the ONS estimate per local authority code for the mid-year, or the newest one
    before it where ONS has not published that mid-year yet (the rate is then provisional)."""
    newest = max((int(entry.period_end) for release in releases for entry in release.files),
                 default=None)
    if newest is None:
        raise InputError(["No ONS mid-year estimates release is in sources/: the partnerships' "
                          "rates need one."])
    chosen = min(year, newest)
    editions = [release for release in releases
                if any(entry.period_start <= str(chosen) <= entry.period_end
                       for entry in release.files)]
    estimates = read_mid_year_estimates(editions)
    return {code: estimate for (code, mid_year), estimate in estimates.items()
            if mid_year == chosen}


def _merged_observations(data_dir: Path, descriptor: dict[str, Any],
                         new_rows: list[Row]) -> list[Row]:
    path = resource_path(data_dir, descriptor, "observations")
    kept = [row for row in read_existing(path, field_names(descriptor, "observations"))
            if not row.get("vintage", "").startswith(PREFIX)]
    return sorted([*kept, *new_rows], key=row_order)
