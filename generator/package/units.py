"""The units a measure can be in: one table of everything the site says or does with each unit.

Validation, disclosure control, the pages, the charts, the downloads and the figures spreadsheet
all read a unit's facts from UNITS, so a unit's words or scale are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from generator.package.model import Unit


@dataclass(frozen=True)
class UnitFacts:
    """What one unit means and how each part of the site words it."""

    scale: float | None  # numerator ÷ denominator × scale gives the figure; None for a count
    phrase: str  # what a value counts, in words: "per 1,000 residents" (also in the API)
    suffix: str  # written straight after a number: "%" for a percentage, else nothing
    axis_label: str  # what a chart axis or a table column of these numbers measures
    words: str  # the unit named in a sentence: "this measure is a rate per 1,000 people"
    sheet_words: str  # the unit in the figures spreadsheet's Unit column

    def quantity(self, number: str) -> str:
        """Return a number already written out with its unit: '25.3%', '2.9 per 1,000 residents'."""
        if self.suffix or self.scale is None:
            return number + self.suffix
        return f"{number} {self.phrase}"


UNITS: MappingProxyType[Unit, UnitFacts] = MappingProxyType({
    Unit.COUNT: UnitFacts(
        scale=None, phrase="number", suffix="", axis_label="number", words="a count",
        sheet_words="count"),
    Unit.PERCENTAGE: UnitFacts(
        scale=100.0, phrase="percentage", suffix="%", axis_label="per cent",
        words="a percentage", sheet_words="percentage (25.3 means 25.3%)"),
    Unit.RATE_PER_1000: UnitFacts(
        scale=1000.0, phrase="per 1,000 residents", suffix="", axis_label="per 1,000 residents",
        words="a rate per 1,000 people", sheet_words="rate per 1,000 residents"),
    Unit.RATE_PER_10000: UnitFacts(
        scale=10000.0, phrase="per 10,000 residents", suffix="",
        axis_label="per 10,000 residents", words="a rate per 10,000 people",
        sheet_words="rate per 10,000 residents"),
    Unit.PER_INDIVIDUAL: UnitFacts(
        scale=1.0, phrase="offences per individual", suffix="",
        axis_label="offences per individual", words="a number per individual",
        sheet_words="average per person"),
})
