"""The crime-rate measures the police importer feeds, and how their rates are calculated."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

TOTAL_OFFENCES = "total-offences-rate"
RESIDENTIAL_BURGLARY = "residential-burglary-rate"
THEFT_OF_VEHICLE = "theft-of-motor-vehicle-rate"
THEFT_FROM_VEHICLE = "theft-from-motor-vehicle-rate"
SEXUAL_OFFENCES = "sexual-offences-rate"

# Rates are per 1,000 residents, except sexual offences: per 10,000 keeps their rates readable.
PER_RESIDENTS: dict[str, int] = {
    TOTAL_OFFENCES: 1000,
    RESIDENTIAL_BURGLARY: 1000,
    THEFT_OF_VEHICLE: 1000,
    THEFT_FROM_VEHICLE: 1000,
    SEXUAL_OFFENCES: 10000,
}
INDICATORS: tuple[str, ...] = tuple(sorted(PER_RESIDENTS))

# Census 2021 was taken on 21 March 2021, so it is the most recent census for every financial
# year from 2021/22; earlier years are divided by the Census 2011 population.
CENSUS_2021_FROM = date(2021, 4, 1)


class Feeds(Enum):
    """Which measure a police offence category counts towards, besides total offences."""

    TOTAL_ONLY = "total offences only"
    DWELLING_BURGLARY = "residential burglary, old definition (burglary in a dwelling)"
    RESIDENTIAL_BURGLARY = "residential burglary, new definition (burglary - residential)"
    THEFT_OF_VEHICLE = "theft or taking of a motor vehicle"
    THEFT_FROM_VEHICLE = "theft from a motor vehicle"
    SEXUAL_OFFENCES = "sexual offences"

    @property
    def indicator(self) -> str | None:
        """Return the measure this category counts towards besides the total, if any."""
        return _INDICATOR_FED[self]

    @property
    def is_burglary_definition(self) -> bool:
        """Return True for the two police definitions of residential burglary."""
        return self in (Feeds.DWELLING_BURGLARY, Feeds.RESIDENTIAL_BURGLARY)


_INDICATOR_FED: dict[Feeds, str | None] = {
    Feeds.TOTAL_ONLY: None,
    Feeds.DWELLING_BURGLARY: RESIDENTIAL_BURGLARY,
    Feeds.RESIDENTIAL_BURGLARY: RESIDENTIAL_BURGLARY,
    Feeds.THEFT_OF_VEHICLE: THEFT_OF_VEHICLE,
    Feeds.THEFT_FROM_VEHICLE: THEFT_FROM_VEHICLE,
    Feeds.SEXUAL_OFFENCES: SEXUAL_OFFENCES,
}


def census_year_for(period_start: date) -> int:
    """Return the census whose population divides the figures of a year starting on this date."""
    return 2021 if period_start >= CENSUS_2021_FROM else 2011


def rate(numerator: int, denominator: int, per: int) -> Decimal:
    """Return numerator / denominator x per, rounded to 2 decimal places, halves away from zero."""
    # Decimal keeps the rounding exact and the same on every machine; floats would not.
    exact = Decimal(numerator) * per / Decimal(denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
