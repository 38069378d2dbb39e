"""Import the home borough's wards: their areas, boundaries and police-recorded crime counts.

``python -m generator import-wards`` reads the ONS ward boundary release and the police
ward-level crime releases in sources/, and writes:

* areas.csv: one area per ward (kind ``ward``, its ONS code, ``parent`` the home area, and the
  land it covers in km², worked out from its boundary), replacing the earlier ward rows;
* ward_boundaries.geojson: the wards' outlines, for the map;
* ward_counts.csv: each ward's offences per measure, monthly and for the latest two 12-month
  periods, each figure from the newest release that covers its whole period, with small counts
  of sensitive measures withheld (see ward_counts);
* sources.csv: the releases used.

Everything is read and checked before anything is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from generator.importers.datafiles import descriptor_of, id_from_name, read_existing
from generator.importers.import_command import add_folder_arguments, prefixed_releases, run_import
from generator.importers.imported_areas import WARD, replaced_areas
from generator.importers.police_categories import CATEGORIES
from generator.importers.problems import InputError, shown
from generator.importers.registry import merged_sources
from generator.importers.ward_boundaries import WardOutline, read_ward_boundaries
from generator.importers.ward_counts import WardMeasure, ward_count_rows
from generator.importers.ward_file import read_ward_file
from generator.package.load import resource_path
from generator.package.load_wards import WARD_BOUNDARIES, WARD_COUNTS
from generator.package.model import DEFAULT_DISCLOSURE_MAX_COUNT, WardBoundary
from generator.package.ward_geojson import geojson_text
from generator.publish.cells import field_names
from generator.publish.disk import write_resource, write_text_atomic

BOUNDARY_PREFIX = "ons-ward-boundaries-"
CRIME_PREFIX = "mps-ward-"
AREA_DECIMALS = 3  # km², to the metre-level precision the 5-decimal coordinates allow

Row = dict[str, str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-wards options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        f"Reads every release in the sources folder whose id starts {BOUNDARY_PREFIX!r} (the\n"
        f"ward boundaries) or {CRIME_PREFIX!r} (police ward-level crime). The home area is the\n"
        "area of areas.csv with is_home set; its wards are the boundaries whose borough code\n"
        "is its ONS code. Measures marked sensitive in indicators.csv are published only as\n"
        "12-month totals, with small counts withheld."
    )
    add_folder_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Import the wards and report what was written."""
    return run_import(import_wards, args)


def import_wards(*, sources_dir: Path, data_dir: Path) -> str:
    """Replace the ward rows and files in data_dir and return a one-line summary."""
    descriptor = descriptor_of(data_dir)
    home = _home_area(data_dir, descriptor)
    boundary_releases = prefixed_releases(sources_dir, data_dir, descriptor, BOUNDARY_PREFIX)
    crime_releases = prefixed_releases(sources_dir, data_dir, descriptor, CRIME_PREFIX)
    wards = read_ward_boundaries(boundary_releases[0], home["ons_code"])
    ids = _ward_ids(wards, data_dir, descriptor)
    files = [read_ward_file(release, home["name"]) for release in crime_releases]
    counts = ward_count_rows(files, ids, _measures(data_dir, descriptor), CATEGORIES, home["id"])
    areas = _merged_areas(data_dir, descriptor, wards, ids, home["id"])
    # merged_sources replaces one prefix's rows of the file on disk; both are replaced here.
    with_boundaries = merged_sources(data_dir, descriptor, BOUNDARY_PREFIX, boundary_releases[:1])
    with_crime = merged_sources(data_dir, descriptor, CRIME_PREFIX, crime_releases)
    sources = _merged_with(with_boundaries, with_crime, CRIME_PREFIX)
    # Everything is read and checked; now write.
    write_resource(resource_path(data_dir, descriptor, "areas"), descriptor, "areas", areas)
    boundaries = [WardBoundary(ids[w.code], w.code, w.name, w.geometry) for w in wards]
    geojson = resource_path(data_dir, descriptor, WARD_BOUNDARIES)
    write_text_atomic(geojson, geojson_text(boundaries))
    counts_path = resource_path(data_dir, descriptor, WARD_COUNTS)
    write_resource(counts_path, descriptor, WARD_COUNTS, counts)
    write_resource(resource_path(data_dir, descriptor, "sources"), descriptor, "sources", sources)
    withheld = sum(1 for row in counts if row["status"] == "[c]")
    return (f"Wrote {len(wards)} wards to {shown(geojson)} and areas.csv, and {len(counts)} "
            f"ward counts ({withheld} withheld) to {shown(counts_path)}.")



def _merged_with(first: list[Row], second: list[Row], prefix: str) -> list[Row]:
    """Return the registry with the second's rows of this prefix replacing the first's."""
    kept = [row for row in first if not row.get("id", "").startswith(prefix)]
    added = [row for row in second if row.get("id", "").startswith(prefix)]
    return sorted([*kept, *added], key=lambda row: row.get("id", ""))


def _home_area(data_dir: Path, descriptor: dict[str, Any]) -> Row:
    path = resource_path(data_dir, descriptor, "areas")
    rows = read_existing(path, field_names(descriptor, "areas"))
    homes = [row for row in rows if row.get("is_home", "").strip().lower() == "true"]
    if len(homes) != 1 or not homes[0].get("ons_code"):
        raise InputError([f"{shown(path)} must have exactly one area with is_home set to true, "
                          "with its ONS code: its wards are the ones imported."])
    return homes[0]


def _ward_ids(wards: Sequence[WardOutline], data_dir: Path,
              descriptor: dict[str, Any]) -> dict[str, str]:
    """Return ward ONS code -> area id, refusing an id another kind of area already uses."""
    path = resource_path(data_dir, descriptor, "areas")
    taken = {row.get("id", "") for row in read_existing(path, field_names(descriptor, "areas"))
             if row.get("kind") != WARD}
    ids = {ward.code: id_from_name(ward.name) for ward in wards}
    clashes = sorted(ward for ward, identifier in ids.items() if identifier in taken)
    repeated = sorted(ward for ward, identifier in ids.items()
                      if list(ids.values()).count(identifier) > 1)
    if clashes or repeated:
        raise InputError([f"{shown(path)}: the ward {code} would have the id "
                          f"{ids[code]!r}, which another area already has; rename one of them."
                          for code in [*clashes, *repeated]])
    return ids


def _measures(data_dir: Path, descriptor: dict[str, Any]) -> list[WardMeasure]:
    path = resource_path(data_dir, descriptor, "indicators")
    rows = read_existing(path, field_names(descriptor, "indicators"))
    return [
        WardMeasure(
            indicator=row["id"],
            sensitive=row.get("sensitive", "").strip().lower() == "true",
            max_count=int(row["disclosure_max_count"]) if row.get("disclosure_max_count")
            else DEFAULT_DISCLOSURE_MAX_COUNT,
        )
        for row in rows
    ]


def _km2(area: float) -> str:
    """Return an area rounded half up to AREA_DECIMALS places, as the data package writes it."""
    rounded = Decimal(repr(area)).quantize(Decimal(1).scaleb(-AREA_DECIMALS), ROUND_HALF_UP)
    return format(rounded.normalize(), "f")


def _merged_areas(data_dir: Path, descriptor: dict[str, Any], wards: Sequence[WardOutline],
                  ids: dict[str, str], home: str) -> list[Row]:
    """Return areas.csv with its ward rows replaced by these wards."""
    fields = field_names(descriptor, "areas")
    path = resource_path(data_dir, descriptor, "areas")
    added = [
        {name: "" for name in fields} | {
            "id": ids[ward.code], "name": ward.name, "ons_code": ward.code, "kind": WARD,
            "is_home": "false", "comparator": "false", "parent": home,
            "area_km2": _km2(ward.area_km2),
        }
        for ward in wards
    ]
    return replaced_areas(read_existing(path, fields), WARD,
                          [{name: row[name] for name in fields} for row in added])
