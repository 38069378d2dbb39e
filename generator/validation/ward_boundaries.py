"""Check the ward boundaries resource: GeoJSON the site can draw, one outline per ward area."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from generator.importers.geometry import ring_fault
from generator.importers.imported_areas import WARD
from generator.package.load import decode_text
from generator.validation.report import Problem
from generator.validation.table import Table

_REIMPORT = "Run `python -m generator import-wards` to write the file again from sources/."


def boundary_problems(data_dir: Path, label: str, paths: list[str],
                      tables: Mapping[str, Table]) -> Iterator[Problem]:
    """Report GeoJSON resources (at ``paths`` in data_dir) that do not give exactly one
    drawable outline per ward."""
    for path in paths:
        yield from _resource_problems(data_dir, label, path, tables)
    if not paths and (wards := _ward_ids(tables.get("areas"))):
        yield Problem("boundary-file", f"{label}areas.csv", None, "kind", WARD,
                      f"areas.csv has {len(wards)} wards, but the data package has no ward "
                      "boundaries resource to draw them from.", _REIMPORT)


def _resource_problems(data_dir: Path, label: str, path: str,
                       tables: Mapping[str, Table]) -> Iterator[Problem]:
    file = f"{label}{path}"

    def problem(message: str, value: str | None = None, code: str = "boundary-shape") -> Problem:
        return Problem(code, file, None, None, value, message, _REIMPORT)

    target = data_dir / path
    if not target.resolve().is_relative_to(data_dir.resolve()):
        yield problem(f"The resource points outside the data folder ({path}).", code="boundary-file")
        return
    if not target.is_file():
        yield problem(f"{path} is missing from the data folder.", code="boundary-file")
        return
    try:
        document = json.loads(decode_text(target.read_bytes()))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        yield problem(f"This file is not valid GeoJSON: {error}.", code="boundary-file")
        return
    features = document.get("features") if isinstance(document, dict) else None
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        yield problem("This file must be one GeoJSON FeatureCollection.", code="boundary-file")
        return
    wards = _ward_ids(tables.get("areas"))
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        area = _area_of(feature)
        where = f"Feature {number}" + (f" (area '{area}')" if area else "")
        if area is None:
            yield problem(f"{where} has no `area` property naming its ward in areas.csv.")
            continue
        if (fault := ring_fault(feature.get("geometry"))) is not None:
            yield problem(f"{where}: {fault}.", area)
        if area in seen:
            yield problem(f"{where} repeats a ward that already has a boundary.", area)
        seen.add(area)
        if wards is not None and area not in wards:
            yield problem(f"{where}: '{area}' is not a ward in areas.csv (an area whose `kind` "
                          f"is {WARD}).", area, code="ward-not-ward")
    for area in sorted((wards or set()) - seen):
        yield problem(f"The ward '{area}' in areas.csv has no boundary in this file, so the "
                      "map would leave a hole.", area)


def _area_of(feature: Any) -> str | None:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    area = properties.get("area") if isinstance(properties, dict) else None
    return area if isinstance(area, str) and area.strip() else None


def _ward_ids(areas: Table | None) -> set[str] | None:
    """Return the ids of the ward areas, or None if areas.csv cannot say (reported there)."""
    if areas is None or not areas.has("id", "kind"):
        return None
    ids, kinds = areas.columns["id"], areas.columns["kind"]
    rows = np.flatnonzero(areas.present("id", "kind"))
    return {ids.text(int(row)) for row in rows if kinds.text(int(row)) == WARD}
