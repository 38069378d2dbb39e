"""The table of London boroughs the Metropolitan Police covers."""

from __future__ import annotations

from generator.importers.london import MPS_BOROUGHS, area_id, borough_named


def test_the_32_boroughs_have_codes_e09000002_to_e09000033() -> None:
    # E09000001 is the City of London, which has its own police force.
    assert sorted(MPS_BOROUGHS.values()) == [f"E090000{number:02d}" for number in range(2, 34)]


def test_area_ids_are_url_safe() -> None:
    assert area_id("Kingston upon Thames") == "kingston-upon-thames"
    assert area_id("Hammersmith and Fulham") == "hammersmith-and-fulham"
    assert area_id("Sutton") == "sutton"


def test_borough_names_match_whatever_the_case() -> None:
    assert borough_named(" sutton ") == "Sutton"
    assert borough_named("City of London") is None
