"""Figures, units, targets, polarity and status read the same everywhere on the site."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from generator.figures.results import Status
from generator.figures.writing import (
    figure_text,
    figure_writer,
    format_number,
    period_noun,
    polarity_phrase,
    target_text,
)
from generator.package.model import Marker, Polarity, Target, Unit
from generator.package.periods import parse_period
from generator.package.units import UNITS
from generator.present.wording import css_class, status_display
from tests.builders import count_indicator, indicator, percentage_indicator


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234, 0, "1,234"),
        (2.93, 1, "2.9"),
        (25.3, 1, "25.3"),
        (2.25, 1, "2.3"),  # half up, as written, not the binary 2.249999...
        (0.125, 2, "0.13"),
        (1234567.891, 2, "1,234,567.89"),
        (-3.24, 1, "-3.2"),
        (-0.04, 1, "0.0"),  # no negative zero
        (7, 2, "7.00"),
    ],
)
def test_format_number(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("unit", "decimals", "value", "expected"),
    [
        (Unit.RATE_PER_1000, 1, 2.93, "2.9 per 1,000 residents"),
        (Unit.RATE_PER_10000, 1, 0.44, "0.4 per 10,000 residents"),
        (Unit.PERCENTAGE, 1, 25.3, "25.3%"),
        (Unit.COUNT, 0, 209, "209"),
        (Unit.COUNT, 0, 12345, "12,345"),
        (Unit.PER_INDIVIDUAL, 1, 1.4, "1.4 offences per individual"),
    ],
)
def test_figure_text_with_unit(unit: Unit, decimals: int, value: float, expected: str) -> None:
    assert figure_text(value, None, indicator(unit=unit, decimals=decimals)) == expected


@pytest.mark.parametrize("marker", [Marker.SUPPRESSED, Marker.NOT_AVAILABLE])
def test_figure_text_without_a_number_shows_the_marker(marker: Marker) -> None:
    assert figure_text(None, marker, indicator()) == marker.value


def test_figure_text_never_shows_a_number_marked_suppressed() -> None:
    assert figure_text(3, Marker.SUPPRESSED, count_indicator()) == "[c]"


def test_figure_text_missing_without_marker_reads_not_available() -> None:
    assert figure_text(None, None, indicator()) == "[x]"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [(Marker.BREAK, "2.9 [b]"), (Marker.PROVISIONAL, "2.9 [p]"), (Marker.REVISED, "2.9 [r]")],
)
def test_figure_text_appends_annotating_markers(marker: Marker, expected: str) -> None:
    ind = indicator(unit=Unit.COUNT, decimals=1)
    assert figure_text(2.9, marker, ind) == expected


def test_figure_text_appends_marker_after_unit() -> None:
    assert figure_text(25.3, Marker.PROVISIONAL, percentage_indicator()) == "25.3% [p]"


def test_a_figure_marked_as_having_a_number_but_without_one_reads_not_available() -> None:
    # A blank value marked [p], [r] or [b] has no number to annotate: every page, table and
    # download says [x], never a marker alone that claims a figure exists.
    for marker in (Marker.PROVISIONAL, Marker.REVISED, Marker.BREAK):
        assert figure_text(None, marker, indicator()) == "[x]"
        assert figure_writer(indicator(), with_unit=False)(None, marker) == "[x]"


def test_table_cells_keep_only_the_unit_a_column_heading_cannot_carry() -> None:
    cell = figure_writer(percentage_indicator(), with_unit=False)
    assert cell(25.3, Marker.PROVISIONAL) == "25.3% [p]"
    assert figure_writer(indicator(), with_unit=False)(2.93, None) == "2.9"


def test_a_target_reads_as_the_strategy_words_it_or_as_its_number() -> None:
    worded = Target(209.0, " Reduce to 209 or fewer ", None)
    assert target_text(worded, count_indicator()) == "Reduce to 209 or fewer"
    assert target_text(Target(25.0, "", None), percentage_indicator()) == "25.0%"


def test_every_unit_has_its_facts_in_one_table() -> None:
    assert set(UNITS) == set(Unit)
    assert UNITS[Unit.RATE_PER_1000].phrase == "per 1,000 residents"
    assert UNITS[Unit.COUNT].phrase == "number" and UNITS[Unit.COUNT].scale is None
    assert UNITS[Unit.PERCENTAGE].suffix == "%" and UNITS[Unit.PERCENTAGE].scale == 100


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        (Polarity.LOWER_IS_BETTER, "lower is better"),
        (Polarity.HIGHER_IS_BETTER, "higher is better"),
        (Polarity.NO_JUDGEMENT, ""),
    ],
)
def test_polarity_phrase(polarity: Polarity, expected: str) -> None:
    assert polarity_phrase(indicator(polarity=polarity)) == expected


@pytest.mark.parametrize(
    ("status", "label", "symbol"),
    [
        (Status.TARGET_MET, "Target met", "✓"),
        (Status.TARGET_NOT_MET, "Target not met", "✗"),
        (Status.IMPROVING, "Improving", "▲"),
        (Status.WORSENING, "Getting worse", "▼"),
        (Status.LITTLE_CHANGE, "Little change", "▬"),
        (Status.NO_JUDGEMENT, "No judgement made", "–"),
        (Status.NO_DATA, "No figures published yet", "○"),
    ],
)
def test_status_display_has_words_and_symbol(status: Status, label: str, symbol: str) -> None:
    display = status_display(status)
    assert (display.label, display.symbol) == (label, symbol)
    assert display.css_class == css_class(status)


def test_every_status_has_distinct_words_symbols_and_classes() -> None:
    displays = [status_display(status) for status in Status]
    assert len({d.label for d in displays}) == len(Status)
    assert len({d.symbol for d in displays}) == len(Status)
    assert len({d.css_class for d in displays}) == len(Status)


def test_css_class() -> None:
    assert css_class(Status.TARGET_NOT_MET) == "status-target-not-met"


@pytest.mark.parametrize(
    ("code", "singular", "plural"),
    [("2023/24", "year", "years"), ("2023", "year", "years"), ("2023-Q2", "quarter", "quarters"),
     ("2023-04", "month", "months")],
)
def test_period_noun(code: str, singular: str, plural: str) -> None:
    period = parse_period(code)
    assert period_noun(period) == singular
    assert period_noun(period, plural=True) == plural


def _rounded_as_written(value: float, decimals: int) -> str:
    """Return what format_number must give: the number as written, rounded half up."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{abs(rounded) if rounded.is_zero() else rounded:,.{decimals}f}"


def test_format_number_agrees_with_rounding_as_written_for_many_values() -> None:
    rng = random.Random(20240401)
    values: list[float] = [0.0, -0.0, 0.5, -0.5, 2.675, 1.005, 0.1 + 0.2, 999_999_999.95,
                           -999_999_999.5, 1e9, 1e9 + 0.5, 123_456_789_012.25, 1e-7, 2.5e-5, 7.0]
    for _ in range(3000):
        places = rng.randint(0, 4)
        values.append(round(rng.uniform(-1e6, 1e6), places))
        values.append(rng.uniform(-1000, 1000))
    for value in values:
        for decimals in range(8):
            assert format_number(value, decimals) == _rounded_as_written(value, decimals), (
                value, decimals)
    for whole in (0, 7, -3, 1234, 999_999_999, 10**12):
        assert format_number(whole, 2) == _rounded_as_written(whole, 2)
