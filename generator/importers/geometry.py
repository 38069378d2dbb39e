"""Areas of GeoJSON polygons given in longitude and latitude (WGS84), in square kilometres."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

# The mean radius of the Earth (IUGG), the one the GeoJSON area tools use.
EARTH_RADIUS_KM = 6371.0088

Ring = Sequence[Sequence[float]]
SHAPES = ("Polygon", "MultiPolygon")


def ring_area_km2(ring: Ring) -> float:
    """Return the area a closed ring of [longitude, latitude] points encloses, in km²."""
    # Chamberlain and Duquette, "Some algorithms for polygons on a sphere" (JPL, 2007): the
    # area of a spherical polygon from its vertices, exact on the sphere, whichever way the
    # ring runs. For a ward it agrees with a flat projection to far better than the 5-decimal
    # coordinates allow.
    points = list(ring[:-1]) if len(ring) > 1 and list(ring[0]) == list(ring[-1]) else list(ring)
    count = len(points)
    if count < 3:
        return 0.0
    total = 0.0
    for index in range(count):
        west = points[index - 1][0]
        middle_latitude = points[index][1]
        east = points[(index + 1) % count][0]
        total += math.radians(east - west) * math.sin(math.radians(middle_latitude))
    return abs(total) * EARTH_RADIUS_KM**2 / 2


def polygon_area_km2(geometry: dict[str, Any]) -> float:
    """Return the area of a GeoJSON Polygon or MultiPolygon (outer rings less holes), in km²."""
    kind = geometry.get("type")
    polygons = ([geometry["coordinates"]] if kind == "Polygon"
                else geometry["coordinates"] if kind == "MultiPolygon" else None)
    if polygons is None:
        raise ValueError(f"a {kind!r} geometry has no area: only Polygon and MultiPolygon do")
    area = 0.0
    for rings in polygons:
        outer, *holes = rings
        area += ring_area_km2(outer) - sum(ring_area_km2(hole) for hole in holes)
    return area


def ring_fault(geometry: Any) -> str | None:
    """Return what stops a geometry being drawn as a ward's outline, or None if nothing does."""
    if not isinstance(geometry, dict) or geometry.get("type") not in SHAPES:
        return "the geometry must be a Polygon or MultiPolygon"
    polygons = ([geometry.get("coordinates")] if geometry.get("type") == "Polygon"
                else geometry.get("coordinates"))
    if not isinstance(polygons, list) or not polygons:
        return "the geometry has no coordinates"
    for rings in polygons:
        if not isinstance(rings, list) or not rings:
            return "a polygon has no rings"
        for ring in rings:
            if not isinstance(ring, list) or len(ring) < 4:
                return "a ring has fewer than four points"
            if not all(_is_point(point) for point in ring):
                return "a point is not a [longitude, latitude] pair of numbers in range"
            if ring[0] != ring[-1]:
                return "a ring does not end where it starts"
    return None


def _is_point(point: Any) -> bool:
    if not isinstance(point, list) or len(point) != 2:
        return False
    if not all(isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n)
               for n in point):
        return False
    return bool(-180 <= point[0] <= 180 and -90 <= point[1] <= 90)
