"""The crime-rate measures the police importer feeds, and how their rates are calculated."""

from __future__ import annotations

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


class Feeds(Enum):
    """Which measure a police offence category counts towards, besides total offences."""

    TOTAL_ONLY = "total offences only"
    DWELLING_BURGLARY = "burglary in a dwelling"
    RESIDENTIAL_BURGLARY = "burglary – residential (homes, and sheds and garages)"
    HOME_BURGLARY = "residential burglary of a home"
    UNCONNECTED_BURGLARY = "residential burglary of an unconnected building (sheds, garages)"
    THEFT_OF_VEHICLE = "theft or taking of a motor vehicle"
    AGGRAVATED_VEHICLE_TAKING = "aggravated vehicle taking"
    THEFT_FROM_VEHICLE = "theft from a motor vehicle"
    SEXUAL_OFFENCES = "sexual offences"

    @property
    def indicator(self) -> str | None:
        """Return the measure this category counts towards besides the total, if any."""
        return _INDICATOR_FED[self]

    @property
    def definition(self) -> Feeds | None:
        """Return the police definition of the measure this category stands for, if it has
        several: a change from one to another is a break in the series."""
        return self if self in BURGLARY_DEFINITIONS else None


# The police have defined residential burglary three ways; the newest scheme splits burglary of
# a home (the strategy's "burglary in dwelling") from unconnected buildings, which are left out.
BURGLARY_DEFINITIONS = (Feeds.DWELLING_BURGLARY, Feeds.RESIDENTIAL_BURGLARY, Feeds.HOME_BURGLARY)

_INDICATOR_FED: dict[Feeds, str | None] = {
    Feeds.TOTAL_ONLY: None,
    Feeds.DWELLING_BURGLARY: RESIDENTIAL_BURGLARY,
    Feeds.RESIDENTIAL_BURGLARY: RESIDENTIAL_BURGLARY,
    Feeds.HOME_BURGLARY: RESIDENTIAL_BURGLARY,
    Feeds.UNCONNECTED_BURGLARY: None,
    Feeds.THEFT_OF_VEHICLE: THEFT_OF_VEHICLE,
    Feeds.AGGRAVATED_VEHICLE_TAKING: THEFT_OF_VEHICLE,
    Feeds.THEFT_FROM_VEHICLE: THEFT_FROM_VEHICLE,
    Feeds.SEXUAL_OFFENCES: SEXUAL_OFFENCES,
}


def counted_towards(feeds: Feeds, home_scheme: bool) -> str | None:
    """Return the measure a category's offences count towards besides the total, if any.

    Where a file separates burglary of a home from unconnected buildings (home_scheme), the few
    offences left under the older joint category cannot be split: they count to the total only.
    """
    if home_scheme and feeds is Feeds.RESIDENTIAL_BURGLARY:
        return None
    return feeds.indicator


def rate(numerator: int, denominator: int, per: int, decimals: int) -> Decimal:
    """Return numerator / denominator x per, rounded once to the measure's decimals, half up."""
    # Decimal keeps the rounding exact and the same on every machine; floats would not.
    exact = Decimal(numerator) * per / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
