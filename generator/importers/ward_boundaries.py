"""Read the ONS ward boundaries of the home borough and write them as one GeoJSON resource.

The release holds one GeoJSON feature per ward (GeoJSON Lines, one line a file), with the ONS
properties ``LAD22CD`` (the borough), ``WD22CD`` and ``WD22NM`` (the ward's code and name). The
data package keeps them as one FeatureCollection (generator.package.ward_geojson), so the site can draw
the map at build time without reading sources/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.importers.geometry import polygon_area_km2, ring_fault
from generator.importers.problems import InputError, shown
from generator.importers.sources import SourceRelease, verified_file
from generator.package.load import read_text

BOROUGH_CODE, WARD_CODE, WARD_NAME = "LAD22CD", "WD22CD", "WD22NM"


@dataclass(frozen=True)
class WardOutline:
    """One ward: its ONS code and name, its outline and the area it encloses."""

    code: str
    name: str
    geometry: dict[str, Any]
    area_km2: float


def read_ward_boundaries(release: SourceRelease, borough_code: str) -> list[WardOutline]:
    """Return the wards of the borough with this ONS code, ordered by ward code."""
    problems: list[str] = []
    wards: dict[str, WardOutline] = {}
    for entry in release.files:
        path = verified_file(release, entry.name)
        where = shown(path)
        try:
            feature = json.loads(read_text(path))
        except json.JSONDecodeError as error:
            problems.append(f"{where}, line {error.lineno}: is not GeoJSON ({error.msg}).")
            continue
        ward = _ward(where, feature, problems)
        if ward is None or feature["properties"].get(BOROUGH_CODE) != borough_code:
            continue
        if ward.code in wards:
            problems.append(f"{where}: ward {ward.code} already has a boundary in this release.")
        wards[ward.code] = ward
    if not wards and not problems:
        problems.append(f"{shown(release.folder)}: has no ward whose {BOROUGH_CODE} is "
                        f"{borough_code}, the home area's ONS code in data/areas.csv.")
    if problems:
        raise InputError(problems)
    return [wards[code] for code in sorted(wards)]


def _ward(where: str, feature: Any, problems: list[str]) -> WardOutline | None:
    """Return the ward a feature describes, or None after saying what is wrong with it."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(f"{where}: is not a GeoJSON Feature.")
        return None
    properties = feature.get("properties")
    geometry = feature.get("geometry")
    missing = [name for name in (BOROUGH_CODE, WARD_CODE, WARD_NAME)
               if not isinstance(properties, dict) or not str(properties.get(name, "")).strip()]
    if missing:
        problems.append(f"{where}: the feature has no {', '.join(missing)} property.")
        return None
    assert isinstance(properties, dict)
    if (fault := ring_fault(geometry)) is not None or not isinstance(geometry, dict):
        problems.append(f"{where}: {fault}.")
        return None
    return WardOutline(str(properties[WARD_CODE]).strip(), str(properties[WARD_NAME]).strip(),
                        geometry, polygon_area_km2(geometry))
