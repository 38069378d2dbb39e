"""Words readers see for numbers, units, periods, polarity and status.

Every page, chart, table and summary sentence formats figures through these functions, so a value
reads the same everywhere on the site.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from generator.figures.results import Status, StatusDisplay
from generator.package.model import MARKERS_WITHOUT_VALUE, Indicator, Marker, Polarity, Unit
from generator.package.periods import Period, PeriodKind

_UNIT_PHRASES = {
    Unit.COUNT: "number",
    Unit.PERCENTAGE: "percentage",
    Unit.RATE_PER_1000: "per 1,000 residents",
    Unit.RATE_PER_10000: "per 10,000 residents",
    Unit.PER_INDIVIDUAL: "offences per individual",
}

_POLARITY_PHRASES = {
    Polarity.HIGHER_IS_BETTER: "higher is better",
    Polarity.LOWER_IS_BETTER: "lower is better",
    Polarity.NO_JUDGEMENT: "",
}

# The triangles mean "better" and "worse", never "the number rose" or "fell": for a measure where
# lower is better, a falling figure is shown as ▲ Improving. The words always travel with them.
_STATUS_WORDS = {
    Status.TARGET_MET: ("Target met", "✓"),
    Status.TARGET_NOT_MET: ("Target not met", "✗"),
    Status.IMPROVING: ("Improving", "▲"),
    Status.WORSENING: ("Getting worse", "▼"),
    Status.LITTLE_CHANGE: ("Little change", "▬"),
    Status.NO_JUDGEMENT: ("No judgement made", "–"),
    Status.NO_DATA: ("No figures published yet", "○"),
}

# format_number's shortcut holds while a float's spacing (2**-23 just below 1e9) is finer than
# the smallest place it shows (1e-6).
_FAST_LIMIT = 1e9
_FAST_PLACES = 7
_NUMBER_FORMATS = tuple(f",.{places}f" for places in range(_FAST_PLACES))

_PERIOD_NOUNS = {
    PeriodKind.CALENDAR_YEAR: ("year", "years"),
    PeriodKind.FINANCIAL_YEAR: ("year", "years"),
    PeriodKind.QUARTER: ("quarter", "quarters"),
    PeriodKind.MONTH: ("month", "months"),
}


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
    number = format_number(value, indicator.decimals)
    if indicator.unit is Unit.COUNT:
        return number
    if indicator.unit is Unit.PERCENTAGE:
        return f"{number}%"
    return f"{number} {_UNIT_PHRASES[indicator.unit]}"


def format_short(value: float, indicator: Indicator) -> str:
    """Return the value with only the unit a sentence cannot drop, e.g. '3.6' or '24.1%'."""
    number = format_number(value, indicator.decimals)
    return f"{number}%" if indicator.unit is Unit.PERCENTAGE else number


def format_value(obs_value: float | None, marker: Marker | None, indicator: Indicator) -> str:
    """Return a published figure as readers see it, or its GSS marker when there is no number."""
    if marker is not None and marker in MARKERS_WITHOUT_VALUE:
        # A [c] or [x] marker always wins, so a stray number beside it can never be shown.
        return marker.value
    if obs_value is None:
        return Marker.NOT_AVAILABLE.value
    text = format_quantity(obs_value, indicator)
    return f"{text} {marker.value}" if marker is not None else text


def unit_phrase(indicator: Indicator) -> str:
    """Return what a value of this indicator counts, in words, e.g. 'per 1,000 residents'."""
    return _UNIT_PHRASES[indicator.unit]


def polarity_phrase(indicator: Indicator) -> str:
    """Return 'lower is better', 'higher is better', or '' when no judgement is made."""
    return _POLARITY_PHRASES[indicator.polarity]


def period_noun(period: Period, *, plural: bool = False) -> str:
    """Return 'year', 'quarter' or 'month' (or the plural) for the kind of period."""
    singular, many = _PERIOD_NOUNS[period.kind]
    return many if plural else singular


def css_class(status: Status) -> str:
    """Return the CSS class for a status, e.g. 'status-target-met'."""
    return "status-" + status.value.replace("_", "-")


def status_display(status: Status) -> StatusDisplay:
    """Return the words, text symbol and CSS class that show a status without relying on colour."""
    label, symbol = _STATUS_WORDS[status]
    return StatusDisplay(label=label, symbol=symbol, css_class=css_class(status))
