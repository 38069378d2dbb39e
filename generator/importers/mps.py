"""Turn releases of the police "Borough Level Crime" publication into crime-rate observations.

``python -m generator import-mps sources/mps-borough-2026-07 [RELEASE ...]`` reads each release
folder (and every police release already registered in data/sources.csv), picks for each figure
the newest release that covers its whole period, divides by the ONS mid-year estimate in
data/population.csv and replaces this importer's rows in data/observations.csv,
series_breaks.csv, revisions.csv and sources.csv. Every other row is kept as it is. The rules are
in police_figures (periods, releases), police_breaks, denominators and police_rows.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from generator.config import REPO_ROOT, Settings
from generator.importers.areas import AreaSet, read_areas
from generator.importers.crime_measures import INDICATORS, PER_RESIDENTS
from generator.importers.datafiles import descriptor_of, read_existing, row_order
from generator.importers.denominators import read_populations
from generator.importers.london import NON_BOROUGH_ROWS
from generator.importers.police_counts import count_release
from generator.importers.police_figures import figures, police_names, published_periods
from generator.importers.police_release import PoliceRelease, read_police_releases
from generator.importers.police_rows import (
    Context,
    release_changes,
    rows_for,
    series_break_rows,
)
from generator.importers.problems import InputError, report, shown
from generator.importers.registry import merged_sources, release_set
from generator.package.load import resource_path
from generator.package.model import Release
from generator.publish.cells import field_names
from generator.publish.disk import write_resource
from generator.returns.import_return import ImportRefused, release_from

PREFIX = "mps-borough-"
Row = dict[str, str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-mps options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Each figure comes from the newest release (by its manifest's release date) that covers\n"
        "its whole period: every financial year some release covers, the 12 months to the\n"
        "latest month and the 12 months before, and every month of the newest release (for the\n"
        "home area and the named comparators). Counts are divided by the ONS mid-year estimate\n"
        "in population.csv and rounded once, half up, to the measure's decimals.\n"
        "Measures:\n  " + "\n  ".join(INDICATORS) + "\n"
        "Releases already registered in sources.csv are read again, so importing releases in\n"
        "any order, or one again, gives the same data. A police category or area the importer\n"
        "does not know, a month missing from a release or a file whose sha256 does not match\n"
        "its manifest stops the import, and nothing is written."
    )
    parser.add_argument(
        "releases", nargs="*", type=Path, metavar="RELEASE",
        help=f"release folders in sources/ whose id starts {PREFIX!r}, e.g. "
             "sources/mps-borough-2026-07",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=REPO_ROOT / "data",
        help="the data package directory to update (default: data/ in this project)",
    )
    parser.add_argument(
        "--sources-dir", type=Path, default=REPO_ROOT / "sources",
        help="where the registered releases' folders are (default: sources/ in this project)",
    )
    parser.add_argument(
        "--release-date", metavar="YYYY-MM-DD", default=None,
        help="also record a release in releases.csv, dated the day these figures are published "
             "(today or earlier, and after the latest release); needs --release-note",
    )
    parser.add_argument(
        "--release-note", default=None,
        help="what the release contains, in plain English (shown in the release history)",
    )
    parser.add_argument(
        "--release-title", default=None,
        help="short name of the release (default: 'Figures update <Month YYYY>')",
    )


def run(args: argparse.Namespace) -> int:
    """Import the police releases and report what was written."""
    data_dir: Path = args.data_dir
    try:
        summary = import_figures(releases=args.releases, data_dir=data_dir,
                                 sources_dir=args.sources_dir, release=_release(args, data_dir))
    except InputError as error:
        return report(error)
    print(summary)
    return 0


def _release(args: argparse.Namespace, data_dir: Path) -> Release | None:
    """Return the release the options describe, None if they describe none, or refuse them."""
    if args.release_date is None and args.release_note is None and args.release_title is None:
        return None
    if args.release_date is None or args.release_note is None:
        raise InputError(["To record a release give both --release-date (the day these figures "
                          "are published) and --release-note (what they are)."])
    descriptor = descriptor_of(data_dir)
    rows = read_existing(resource_path(data_dir, descriptor, "releases"),
                         field_names(descriptor, "releases"))
    latest = None
    for row in rows:
        try:
            day = date.fromisoformat(row.get("date", "").strip())
        except ValueError:
            continue  # validation reports a bad date in releases.csv; it is no latest release
        if latest is None or day > latest.date:
            latest = Release(day, row.get("title", ""), row.get("note", ""))
    try:
        return release_from(args, latest, Settings.from_root(data_dir=data_dir).today)
    except ImportRefused as refusal:
        raise InputError([str(refusal)]) from None


def import_figures(
    *, releases: Sequence[Path], data_dir: Path, sources_dir: Path,
    release: Release | None = None,
) -> str:
    """Replace this importer's rows in data_dir and return a one-line summary of what changed."""
    descriptor = descriptor_of(data_dir)
    chosen = release_set(releases, data_dir, descriptor, PREFIX, sources_dir)
    if not chosen:
        raise InputError([f"No police release to import: give a release folder such as "
                          f"{shown(sources_dir / 'mps-borough-2026-07')}."])
    areas = read_areas(data_dir, descriptor)
    counted = [count_release(police, {*_borough_rows(areas, police), *NON_BOROUGH_ROWS})
               for police in read_police_releases(chosen)]
    names = police_names(areas, counted)
    periods = published_periods(counted)
    found = figures(counted, areas, periods)
    if not found:
        raise InputError(["The releases hold no complete period to publish."])
    changes = release_changes(found, INDICATORS)
    context = Context(names, read_populations(data_dir, descriptor),
                      _decimals(data_dir, descriptor), changes, NON_BOROUGH_ROWS)
    written = rows_for(found, context)
    # Everything is read and checked before anything is written: a problem leaves data/ as it was.
    merged = {
        "observations": _merged(data_dir, descriptor, "observations", written.observations),
        "series_breaks": _merged(data_dir, descriptor, "series_breaks", series_break_rows(changes)),
        "revisions": _merged_revisions(data_dir, descriptor, written.revisions),
        "sources": merged_sources(data_dir, descriptor, PREFIX, chosen),
    }
    if release is not None:
        existing = read_existing(resource_path(data_dir, descriptor, "releases"),
                                 field_names(descriptor, "releases"))
        new_row = {"date": release.date.isoformat(), "title": release.title, "note": release.note}
        merged["releases"] = [*existing, new_row]
    for resource, rows in merged.items():
        write_resource(resource_path(data_dir, descriptor, resource), descriptor, resource, rows)
    recorded = f" Recorded the release of {release.date.isoformat()}." if release else ""
    return (
        f"Wrote {len(written.observations)} observations ({len(INDICATORS)} measures, "
        f"{len(areas.all)} areas, from {len(chosen)} police releases) and "
        f"{len(written.revisions)} restatements to "
        f"{shown(resource_path(data_dir, descriptor, 'observations'))}.{recorded}"
    )


def _borough_rows(areas: AreaSet, police_release: PoliceRelease) -> set[str]:
    """Return the release's area names that match a borough in areas.csv (ignoring case)."""
    wanted = {borough.name.casefold() for borough in areas.boroughs}
    return {name for name in police_release.areas if name.casefold() in wanted}


def _decimals(data_dir: Path, descriptor: dict[str, Any]) -> dict[str, int]:
    """Return each police measure's decimals from indicators.csv (the value is rounded once)."""
    path = resource_path(data_dir, descriptor, "indicators")
    found = {row.get("id", ""): row.get("decimals", "")
             for row in read_existing(path, field_names(descriptor, "indicators"))}
    problems = [f"{shown(path)} has no whole-number `decimals` for {indicator}; add the measure "
                "(or its decimals) first." for indicator in INDICATORS
                if not found.get(indicator, "").isdigit()]
    if problems:
        raise InputError(problems)
    return {indicator: int(found[indicator]) for indicator in INDICATORS}


def _merged(data_dir: Path, descriptor: dict[str, Any], resource: str,
            new_rows: list[Row]) -> list[Row]:
    """Return the resource's rows with this importer's measures' rows replaced."""
    path = resource_path(data_dir, descriptor, resource)
    existing = read_existing(path, field_names(descriptor, resource))
    # Other sources publish figures for the same measures (the ONS partnership table): an
    # observation is this importer's only if a police release gave it (series breaks have no
    # vintage, and every break of these measures is the police's).
    kept = [row for row in existing if row.get("indicator") not in PER_RESIDENTS
            or not row.get("vintage", PREFIX).startswith(PREFIX)]
    return sorted([*kept, *new_rows], key=row_order)


def _merged_revisions(data_dir: Path, descriptor: dict[str, Any],
                      new_rows: list[Row]) -> list[Row]:
    """Return revisions.csv with this importer's restatements replaced (others kept)."""
    path = resource_path(data_dir, descriptor, "revisions")
    existing = read_existing(path, field_names(descriptor, "revisions"))
    kept = [row for row in existing if not row.get("revised_by", "").startswith(PREFIX)]
    return sorted([*kept, *new_rows], key=row_order)
