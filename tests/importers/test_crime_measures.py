"""Rates for the crime measures: rounded once, half up, at the measure's decimals."""

from __future__ import annotations

from decimal import Decimal

from generator.importers.crime_measures import PER_RESIDENTS, Feeds, rate


def test_rate_rounds_once_half_up_at_the_decimals_asked() -> None:
    # 659 / 209,500 x 1,000 = 3.1456...: 3.1 at one decimal, never 3.15 and then 3.2.
    assert rate(659, 209500, 1000, 1) == Decimal("3.1")
    # 0.125 and 0.625 would round to 0.12 and 0.62 under banker's rounding.
    assert rate(1, 8000, 1000, 2) == Decimal("0.13")
    assert rate(5, 8000, 1000, 2) == Decimal("0.63")
    assert rate(13399, 209500, 1000, 0) == Decimal("64")


def test_sexual_offences_are_per_10000_and_others_per_1000() -> None:
    assert PER_RESIDENTS["sexual-offences-rate"] == 10000
    assert {per for name, per in PER_RESIDENTS.items() if name != "sexual-offences-rate"} == {1000}


def test_only_burglary_has_several_definitions_and_unconnected_buildings_are_left_out() -> None:
    assert {feeds for feeds in Feeds if feeds.definition is not None} == {
        Feeds.DWELLING_BURGLARY, Feeds.RESIDENTIAL_BURGLARY, Feeds.HOME_BURGLARY}
    assert Feeds.UNCONNECTED_BURGLARY.indicator is None
    assert Feeds.AGGRAVATED_VEHICLE_TAKING.indicator == "theft-of-motor-vehicle-rate"
