"""The units a measure can be in, and which figures each unit admits."""

from __future__ import annotations

from generator.package.model import Unit
from generator.package.units import UNITS as UNIT_FACTS

# Values of the indicators' `unit`, as a sentence names them.
UNIT_WORDS = {unit.value: facts.words for unit, facts in UNIT_FACTS.items()}
# What numerator ÷ denominator is multiplied by to give a figure in the unit.
SCALE = {unit.value: facts.scale for unit, facts in UNIT_FACTS.items() if facts.scale is not None}
UNITS = tuple(UNIT_WORDS)  # a unit's position here stands for it in per-row arrays
COUNT, PERCENTAGE = UNITS.index(Unit.COUNT.value), UNITS.index(Unit.PERCENTAGE.value)


def unit_breach(unit: str, number: float) -> str:
    """Return why a number cannot be in the unit, or "" if it can."""
    if unit == Unit.PERCENTAGE.value and not 0 <= number <= 100:
        return "a percentage runs from 0 to 100"
    if unit == Unit.COUNT.value and number < 0:
        return "a count cannot be negative"
    if unit == Unit.COUNT.value and not float(number).is_integer():
        return "a count is a whole number"
    if number < 0:
        return "it cannot be negative"
    return ""


def unit_fix(unit: str) -> str:
    """Return how to write a figure that its unit admits."""
    if unit == Unit.PERCENTAGE.value:
        return "Write the percentage as a number from 0 to 100, e.g. 28.1 for 28.1%."
    if unit == Unit.COUNT.value:
        return "Write the count as a whole number of 0 or more."
    return "Check the figure: it must be 0 or more."
