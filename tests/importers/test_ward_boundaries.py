"""Ward boundaries: read from the ONS release, areas worked out, bad features refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.importers.geometry import polygon_area_km2, ring_area_km2
from generator.importers.problems import InputError
from generator.importers.sources import read_release
from generator.importers.ward_boundaries import read_ward_boundaries

from .releases import SOURCES, copied_release, rewrite_file

RELEASE = "ons-ward-boundaries-2022"
SUTTON = "E09000029"


def test_every_ward_of_the_borough_is_read_in_code_order() -> None:
    wards = read_ward_boundaries(read_release(SOURCES / RELEASE), SUTTON)
    codes = [ward.code for ward in wards]
    assert codes == sorted(codes) and len(codes) == 20
    for ward in wards:
        raw = json.loads((SOURCES / RELEASE / f"{ward.code}.geojsonl").read_text())
        assert ward.name == raw["properties"]["WD22NM"]
        assert ward.geometry == raw["geometry"]


def test_a_square_degree_at_the_equator_has_the_area_of_the_spherical_formula() -> None:
    # On a sphere, the band between latitudes 0 and 1 degree, 1 degree wide, has area
    # R^2 x (pi/180) x sin(1 degree).
    import math

    radius = 6371.0088
    expected = radius**2 * math.radians(1) * math.sin(math.radians(1))
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    assert ring_area_km2(square) == pytest.approx(expected, rel=1e-9)
    assert ring_area_km2(list(reversed(square))) == pytest.approx(expected, rel=1e-9)
    holed = {"type": "Polygon", "coordinates": [square, [[0.25, 0.25], [0.75, 0.25],
                                                         [0.75, 0.75], [0.25, 0.75], [0.25, 0.25]]]}
    assert polygon_area_km2(holed) == pytest.approx(expected * 0.75, rel=1e-3)


# Each ward's area in km² as the boundary files' provenance notes give it, worked out there by
# another method (the shoelace formula on a flat projection about each ward's mean latitude).
PROVENANCE_KM2 = {
    "E05013754": 5.081,  # Beddington
    "E05013755": 2.394,  # Belmont
    "E05013756": 2.173,  # Carshalton Central
    "E05013757": 6.988,  # Carshalton South & Clockhouse
    "E05013758": 3.920,  # Cheam
    "E05013759": 1.064,  # Hackbridge
    "E05013760": 1.632,  # North Cheam
    "E05013761": 1.114,  # St Helier East
    "E05013762": 1.447,  # St Helier West
    "E05013763": 2.888,  # South Beddington & Roundshaw
    "E05013764": 1.568,  # Stonecot
    "E05013765": 1.136,  # Sutton Central
    "E05013766": 1.981,  # Sutton North
    "E05013767": 1.387,  # Sutton South
    "E05013768": 1.557,  # Sutton West & East Cheam
    "E05013769": 1.373,  # The Wrythe
    "E05013770": 1.614,  # Wallington North
    "E05013771": 1.741,  # Wallington South
    "E05013772": 1.305,  # Worcester Park North
    "E05013773": 1.325,  # Worcester Park South
}


def test_ward_areas_agree_with_the_areas_in_the_boundaries_provenance() -> None:
    wards = read_ward_boundaries(read_release(SOURCES / RELEASE), SUTTON)
    assert {ward.code for ward in wards} == set(PROVENANCE_KM2)
    for ward in wards:
        assert ward.area_km2 == pytest.approx(PROVENANCE_KM2[ward.code], abs=0.002), ward.code


def test_another_boroughs_code_finds_no_wards() -> None:
    with pytest.raises(InputError) as caught:
        read_ward_boundaries(read_release(SOURCES / RELEASE), "E09000008")
    assert "has no ward whose LAD22CD is E09000008" in str(caught.value)


def test_a_ring_that_does_not_close_is_refused_naming_the_file(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, RELEASE)
    name = "E05013759.geojsonl"

    def open_ring(old: bytes) -> bytes:
        feature = json.loads(old)
        feature["geometry"]["coordinates"][0].pop()
        return (json.dumps(feature) + "\n").encode()

    rewrite_file(folder, name, open_ring)
    with pytest.raises(InputError) as caught:
        read_ward_boundaries(read_release(folder), SUTTON)
    assert name in str(caught.value) and "does not end where it starts" in str(caught.value)
