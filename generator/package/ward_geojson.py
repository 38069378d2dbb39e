"""The ward boundaries resource: a GeoJSON FeatureCollection, one feature per ward area.

Each feature has ``id`` and ``properties.area`` set to the ward's id in areas.csv, and
``properties.ons_code`` and ``properties.name`` as ONS gives them. The file is written one
feature a line with sorted keys, so the same boundaries always give the same bytes and a diff
shows which ward changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from generator.package.model import WardBoundary

OPENING = '{"type":"FeatureCollection","features":[\n'


def geojson_text(boundaries: Sequence[WardBoundary]) -> str:
    """Return the boundaries as the resource's text."""
    features = [
        json.dumps({"type": "Feature", "id": ward.area,
                    "properties": {"area": ward.area, "ons_code": ward.ons_code,
                                   "name": ward.name},
                    "geometry": ward.geometry}, sort_keys=True, ensure_ascii=False,
                   separators=(",", ":"))
        for ward in sorted(boundaries, key=lambda ward: ward.area)
    ]
    return OPENING + ",\n".join(features) + "\n]}\n"


def parse_boundaries(document: Any) -> list[WardBoundary]:
    """Return the features of a parsed resource as boundaries (validate the document first)."""
    return [
        WardBoundary(
            area=str(feature["properties"]["area"]),
            ons_code=str(feature["properties"].get("ons_code", "")),
            name=str(feature["properties"].get("name", "")),
            geometry=feature["geometry"],
        )
        for feature in document["features"]
    ]
