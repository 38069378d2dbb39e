"""How a figure is written for readers: rounded once, with its unit and its GSS marker.

The summary sentences (compute), the pages and tables (present), the API's "display" text
(publish) and the figures spreadsheet all write figures and targets through these functions, so
a value reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from generator.package.model import MARKERS_WITHOUT_VALUE, Indicator, Marker, Polarity, Target
from generator.package.periods import Period, PeriodKind
from generator.package.units import UNITS

# format_number's shortcut holds while a float's spacing (2**-23 just below 1e9) is finer than
# the smallest place it shows (1e-6).
_FAST_LIMIT = 1e9
_FAST_PLACES = 7
_NUMBER_FORMATS = tuple(f",.{places}f" for places in range(_FAST_PLACES))

_POLARITY_PHRASES = {
    Polarity.HIGHER_IS_BETTER: "higher is better",
    Polarity.LOWER_IS_BETTER: "lower is better",
    Polarity.NO_JUDGEMENT: "",
}

_PERIOD_NOUNS = {
    PeriodKind.CALENDAR_YEAR: ("year", "years"),
    PeriodKind.FINANCIAL_YEAR: ("year", "years"),
    PeriodKind.QUARTER: ("quarter", "quarters"),
    PeriodKind.MONTH: ("month", "months"),
    PeriodKind.ROLLING_12_MONTHS: ("12-month period", "12-month periods"),
}

# Writes one figure from its value and marker.
FigureWriter = Callable[[float | None, Marker | None], str]


def format_number(value: float, decimals: int) -> str:
    """Return the value rounded half up to the given decimals, with thousands separators."""
    if type(value) is float and -_FAST_LIMIT < value < _FAST_LIMIT and 0 <= decimals < _FAST_PLACES:
        # Most figures need no rounding: they are written with no more places than are shown.
        # Below the limit a float is much finer than the last place shown, so when rounding
        # changes nothing Python's own formatting writes exactly what the Decimal rounding below
        # would (adding 0.0 turns -0.0 into a plain 0).
        if round(value, decimals) == value:
            return format(value + 0.0, _NUMBER_FORMATS[decimals])
    elif type(value) is int and -_FAST_LIMIT < value < _FAST_LIMIT and 0 <= decimals < _FAST_PLACES:
        return format(value, _NUMBER_FORMATS[decimals])
    # Decimal(str(...)) rounds the number as written in the data (2.25 -> 2.3), not its binary
    # approximation, which Python's own formatting would round to 2.2.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        # A small negative rounds to -0.0; readers should see a plain zero.
        rounded = abs(rounded)
    return f"{rounded:,.{decimals}f}"


def rounded(value: float, decimals: int) -> float:
    """Return the value rounded as format_number rounds it (half up, as written), as a number."""
    if type(value) is float and -_FAST_LIMIT < value < _FAST_LIMIT and 0 <= decimals < _FAST_PLACES \
            and round(value, decimals) == value:
        # Nothing to round: the same shortcut, and for the same reason, as format_number's.
        return value + 0.0
    return float(format_number(value, decimals).replace(",", ""))


def format_quantity(value: float, indicator: Indicator) -> str:
    """Return the value with its unit, e.g. '2.9 per 1,000 residents' or '25.3%'."""
    return UNITS[indicator.unit].quantity(format_number(value, indicator.decimals))


def format_short(value: float, indicator: Indicator) -> str:
    """Return the value with only the unit a sentence cannot drop, e.g. '3.6' or '24.1%'."""
    return format_number(value, indicator.decimals) + UNITS[indicator.unit].suffix


def figure_writer(indicator: Indicator, *, with_unit: bool = True) -> FigureWriter:
    """Return how the indicator's figures are written: the number (with its unit, or in a table
    only the '%' a header cannot carry), then any GSS marker; or the marker alone where there is
    no number: [c] or [x] as marked, [x] when a figure marked otherwise has no number.

    The indicator's lookups are done once, since a measure's table writes every figure of every
    area it shows.
    """
    decimals = indicator.decimals
    facts = UNITS[indicator.unit]
    quantity, suffix = facts.quantity, facts.suffix
    missing = Marker.NOT_AVAILABLE.value

    def write(value: float | None, marker: Marker | None) -> str:
        if marker is not None and marker in MARKERS_WITHOUT_VALUE:
            # A [c] or [x] marker always wins, so a stray number beside it can never be shown.
            return marker.value
        if value is None:
            return missing
        number = format_number(value, decimals)
        text = quantity(number) if with_unit else number + suffix
        return f"{text} {marker.value}" if marker is not None else text

    return write


def figure_text(value: float | None, marker: Marker | None, indicator: Indicator) -> str:
    """Return one figure as a sentence or the API writes it, e.g. '64.1 per 1,000 residents [p]'."""
    return figure_writer(indicator)(value, marker)


def target_text(target: Target, indicator: Indicator) -> str:
    """Return a target as the strategy words it, or its number with the unit if it has no words."""
    return target.text.strip() or format_quantity(target.value, indicator)


def polarity_phrase(indicator: Indicator) -> str:
    """Return 'lower is better', 'higher is better', or '' when no judgement is made."""
    return _POLARITY_PHRASES[indicator.polarity]


def period_noun(period: Period, *, plural: bool = False) -> str:
    """Return 'year', 'quarter' or 'month' (or the plural) for the kind of period."""
    singular, many = _PERIOD_NOUNS[period.kind]
    return many if plural else singular
