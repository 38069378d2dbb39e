"""Read ONS mid-year population estimates into data/population.csv, for every area in areas.csv.

``python -m generator import-population sources/ons-mye-2023 sources/ons-mye-2024`` reads the
estimates of each release (see ``mid_year``), writes one row per area and mid-year, naming the
edition each value comes from, and registers the releases in data/sources.csv. A borough's
estimate is ONS's own figure; an aggregate area (London) is the sum of its boroughs' estimates.
population.csv is replaced entirely; other files are not touched.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.config import REPO_ROOT
from generator.importers.areas import AreaSet, ImportArea, read_areas
from generator.importers.datafiles import descriptor_of
from generator.importers.mid_year import MidYearEstimate, read_mid_year_estimates
from generator.importers.problems import InputError, report, shown
from generator.importers.registry import merged_sources, release_set
from generator.importers.sources import SourceRelease
from generator.package.load import resource_path
from generator.publish.disk import write_resource

PREFIX = "ons-mye-"
RESOURCE = "population"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-population options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Every borough of areas.csv gets the estimate of each mid-year (30 June) in the\n"
        "releases (a borough the estimates lack stops the import), any other area with an ONS\n"
        "code the estimates have gets its own, and an area of kind 'aggregate' gets the sum of\n"
        "the boroughs' estimates.\n"
        "Where two editions give the same mid-year, the newer edition is used. Releases already\n"
        "registered in sources.csv are read again, so the result does not depend on the order\n"
        "of imports. population.csv is replaced entirely; run import-mps afterwards."
    )
    parser.add_argument(
        "releases", nargs="*", type=Path, metavar="RELEASE",
        help=f"release folders in sources/ whose id starts {PREFIX!r}, e.g. sources/ons-mye-2024",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=REPO_ROOT / "data",
        help="the data package directory to update (default: data/ in this project)",
    )
    parser.add_argument(
        "--sources-dir", type=Path, default=REPO_ROOT / "sources",
        help="where the registered releases' folders are (default: sources/ in this project)",
    )


def run(args: argparse.Namespace) -> int:
    """Write population.csv and report what was written."""
    try:
        summary = import_population(releases=args.releases, data_dir=args.data_dir,
                                    sources_dir=args.sources_dir)
    except InputError as error:
        return report(error)
    print(summary)
    return 0


def import_population(*, releases: Sequence[Path], data_dir: Path, sources_dir: Path) -> str:
    """Replace population.csv in data_dir and return a one-line summary."""
    descriptor = descriptor_of(data_dir)
    chosen = release_set(releases, data_dir, descriptor, PREFIX, sources_dir)
    if not chosen:
        raise InputError([f"No mid-year estimates to import: give a release folder such as "
                          f"{shown(sources_dir / 'ons-mye-2024')}."])
    estimates = read_mid_year_estimates(chosen)
    rows = population_rows(read_areas(data_dir, descriptor), estimates, chosen)
    # Everything is read and checked before anything is written.
    population_path = resource_path(data_dir, descriptor, RESOURCE)
    sources = merged_sources(data_dir, descriptor, PREFIX, chosen)
    write_resource(population_path, descriptor, RESOURCE, rows)
    write_resource(resource_path(data_dir, descriptor, "sources"), descriptor, "sources", sources)
    years = sorted({int(row["year"]) for row in rows})
    return (
        f"Wrote {len(rows)} mid-year estimates (mid-{years[0]} to mid-{years[-1]}, "
        f"{len({row['area'] for row in rows})} areas) to {shown(population_path)}."
    )


def population_rows(
    areas: AreaSet, estimates: Mapping[tuple[str, int], MidYearEstimate],
    releases: Sequence[SourceRelease],
) -> list[dict[str, str]]:
    """Return one population.csv row per area and mid-year, raising InputError for a gap."""
    datasets = {release.id: release.dataset for release in releases}
    years = sorted({year for _code, year in estimates})
    problems: list[str] = []
    rows: list[dict[str, str]] = []
    for area in areas.boroughs:
        for year in years:
            estimate = estimates.get((area.ons_code, year))
            if estimate is None:
                problems.append(_missing(area, year))
                continue
            rows.append(_row(area.id, year, estimate.population, estimate.edition, datasets, ""))
    if problems:
        raise InputError(problems)
    # Other kinds of area get the estimates ONS publishes for their code, if it publishes any.
    rows.extend(_row(area.id, year, estimate.population, estimate.edition, datasets, "")
                for area in areas.others for year in years
                if (estimate := estimates.get((area.ons_code, year))) is not None)
    for aggregate in areas.aggregates:
        rows.extend(_aggregate_rows(aggregate, areas.boroughs, estimates, years, datasets))
    return sorted(rows, key=lambda row: (row["area"], int(row["year"])))


def _aggregate_rows(
    aggregate: ImportArea, boroughs: Sequence[ImportArea],
    estimates: Mapping[tuple[str, int], MidYearEstimate], years: Sequence[int],
    datasets: Mapping[str, str],
) -> list[dict[str, str]]:
    rows = []
    for year in years:
        members = [estimates[(borough.ons_code, year)] for borough in boroughs]
        editions = sorted({member.edition for member in members})
        if len(editions) != 1:
            raise InputError([
                f"The boroughs' mid-{year} estimates come from more than one edition "
                f"({', '.join(editions)}), so {aggregate.name} would add up figures ONS never "
                "published together. Import one edition that covers every borough."
            ])
        note = (f"Sum of the {len(members)} boroughs' estimates; the City of London, which has "
                "its own police force, is not included.")
        rows.append(_row(aggregate.id, year, sum(member.population for member in members),
                         editions[0], datasets, note))
    return rows


def _row(area: str, year: int, population: int, edition: str, datasets: Mapping[str, str],
         note: str) -> dict[str, str]:
    return {"area": area, "year": str(year), "population": str(population),
            "source": f"Office for National Statistics, {datasets[edition]}", "note": note,
            "edition": edition}


def _missing(area: ImportArea, year: int) -> str:
    return (
        f"The mid-year estimates have no mid-{year} figure for {area.name} "
        f"(ONS code {area.ons_code or 'blank'} in areas.csv). Check the code against the ONS "
        "table, or import the edition that has it."
    )
