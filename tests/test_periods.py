"""periods.py: codes, labels, ordering and hashing of reporting periods."""

from __future__ import annotations

import random

import pytest

from generator.package.periods import Period, PeriodError, parse_period

CODES = ["2023", "2023/24", "2022/23", "2023-Q1", "2023-Q2", "2024-Q1", "2023-01", "2023-04",
         "2023-12", "2024-01", "2024", "2024/25"]


def test_labels_read_as_uk_style_words() -> None:
    assert [parse_period(f"2024-{month:02d}").label for month in (1, 4, 9, 12)] == [
        "January 2024", "April 2024", "September 2024", "December 2024"]
    assert parse_period("2023-Q2").label == "April to June 2023"
    assert parse_period("2023/24").label == "2023/24"
    assert parse_period("2023/24").long_label == "2023/24 (April 2023 to March 2024)"


def test_a_code_reads_as_the_same_period_every_time() -> None:
    first, again = parse_period("2023-04"), parse_period(" 2023-04 ")
    assert first == again and hash(first) == hash(again) and first.label == again.label
    assert {first: "x"}[again] == "x"
    # Mistakes are reported every time, not remembered as an answer.
    for _ in range(2):
        with pytest.raises(PeriodError, match="months run from 01 to 12"):
            parse_period("2023-13")


def test_periods_sort_by_start_then_end_then_kind_then_code() -> None:
    periods = [parse_period(code) for code in CODES]
    random.Random(1).shuffle(periods)
    by_fields = sorted(periods, key=lambda p: (p.start, p.end, p.kind, p.code))
    assert sorted(periods) == by_fields
    assert sorted(periods, key=lambda p: p.order_key) == by_fields
    for first in periods:
        for second in periods:
            fields = (first.start, first.end, first.kind, first.code)
            other = (second.start, second.end, second.kind, second.code)
            assert (first < second, first <= second, first > second, first >= second) == (
                fields < other, fields <= other, fields > other, fields >= other)


def test_periods_do_not_compare_with_other_types() -> None:
    with pytest.raises(TypeError):
        assert parse_period("2023") < "2024"


def test_equal_periods_hash_alike_wherever_they_were_made() -> None:
    parsed = parse_period("2023-Q2")
    made = Period(parsed.start, parsed.end, parsed.kind, parsed.code)
    assert made is not parsed and made == parsed and hash(made) == hash(parsed)
    assert {parsed: "found"}[made] == "found"
    assert made.label == parsed.label and made.order_key == parsed.order_key


def test_a_rolling_twelve_months_reads_as_an_interval_of_months() -> None:
    period = parse_period("2025-07/2026-06")
    assert (period.start.isoformat(), period.end.isoformat()) == ("2025-07-01", "2026-06-30")
    assert period.label == "12 months to June 2026"
    assert period.long_label == "July 2025 to June 2026"
    assert period < parse_period("2026-07")  # it starts earlier


@pytest.mark.parametrize(("code", "fix"), [
    ("2025-07/2026-07", "write 2025-08/2026-07 for the 12 months to July 2026"),
    ("2025-06/2025-12", "write 2025-01/2025-12 for the 12 months to December 2025"),
])
def test_a_span_that_is_not_twelve_months_says_how_to_write_it(code: str, fix: str) -> None:
    with pytest.raises(PeriodError, match=fix):
        parse_period(code)
