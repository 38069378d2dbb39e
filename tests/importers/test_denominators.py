"""Which mid-year estimate divides each period's count."""

from __future__ import annotations

import pytest

from generator.importers.denominators import mid_year_for
from generator.package.periods import parse_period


@pytest.mark.parametrize(
    ("code", "mid_year"),
    [
        ("2023/24", 2023),  # a financial year: the mid-year in which it starts
        ("2010/11", 2010),
        ("2026-02", 2026),  # a month: likewise
        ("2025-07/2026-06", 2025),  # centred on 31 December: a tie, so the earlier mid-year
        ("2024-07/2025-06", 2024),
        ("2025-03/2026-02", 2025),  # centred on 31 August 2025: two months after mid-2025
        ("2024-10/2025-09", 2025),  # centred on 31 March 2025: three months before mid-2025
        ("2025-01/2025-12", 2025),  # centred on 30 June 2025 itself
    ],
)
def test_the_mid_year_for_a_period(code: str, mid_year: int) -> None:
    assert mid_year_for(parse_period(code)) == mid_year
