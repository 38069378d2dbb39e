"""Read the ward resources of the data package: ward counts and ward boundaries (I/O only).

Both are optional: a data package without wards has neither, and loads as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.package.load import read_rows, read_text, resource_path
from generator.package.model import Marker, WardBoundary, WardCount
from generator.package.periods import parse_period
from generator.package.ward_geojson import parse_boundaries

WARD_COUNTS = "ward_counts"
WARD_BOUNDARIES = "ward_boundaries"


def load_ward_counts(data_dir: Path, descriptor: dict[str, Any]) -> tuple[WardCount, ...]:
    """Return the ward counts, sorted by indicator, area and period (none if there are none)."""
    path = _path(data_dir, descriptor, WARD_COUNTS)
    if path is None:
        return ()
    counts = [
        WardCount(
            indicator=row["indicator"], area=row["area"], period=parse_period(row["period"]),
            count=int(row["count"]) if row.get("count") else None,
            marker=Marker(row["status"]) if row.get("status") else None,
            vintage=row["vintage"], note=row.get("note", ""),
        )
        for row in read_rows(path)
    ]
    return tuple(sorted(counts, key=lambda c: (c.indicator, c.area, c.period.order_key)))


def load_ward_boundaries(data_dir: Path, descriptor: dict[str, Any]) -> tuple[WardBoundary, ...]:
    """Return the ward boundaries, sorted by area id (none if the package has none)."""
    path = _path(data_dir, descriptor, WARD_BOUNDARIES)
    if path is None:
        return ()
    return tuple(sorted(parse_boundaries(json.loads(read_text(path))), key=lambda w: w.area))


def _path(data_dir: Path, descriptor: dict[str, Any], name: str) -> Path | None:
    if not any(resource.get("name") == name for resource in descriptor["resources"]):
        return None
    path = resource_path(data_dir, descriptor, name)
    return path if path.exists() else None
