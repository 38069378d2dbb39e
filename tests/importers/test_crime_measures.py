"""Rates and census denominators for the crime measures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.importers.crime_measures import PER_RESIDENTS, census_year_for, rate


def test_rate_rounds_halves_away_from_zero() -> None:
    # 0.125 and 0.625 would round to 0.12 and 0.62 under banker's rounding.
    assert rate(1, 8000, 1000) == Decimal("0.13")
    assert rate(5, 8000, 1000) == Decimal("0.63")
    assert rate(13399, 209500, 1000) == Decimal("63.96")


def test_sexual_offences_are_per_10000_and_others_per_1000() -> None:
    assert PER_RESIDENTS["sexual-offences-rate"] == 10000
    assert {per for name, per in PER_RESIDENTS.items() if name != "sexual-offences-rate"} == {1000}


def test_census_2021_divides_years_from_2021_22() -> None:
    assert census_year_for(date(2020, 4, 1)) == 2011
    assert census_year_for(date(2010, 4, 1)) == 2011
    assert census_year_for(date(2021, 4, 1)) == 2021
    assert census_year_for(date(2024, 4, 1)) == 2021
