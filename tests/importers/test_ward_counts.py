"""Ward counts: which release each figure comes from, and small counts of sensitive measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers.crime_measures import (
    RESIDENTIAL_BURGLARY,
    SEXUAL_OFFENCES,
    TOTAL_OFFENCES,
    Feeds,
)
from generator.importers.problems import InputError
from generator.importers.sources import SourceRelease
from generator.importers.ward_counts import WardMeasure, ward_count_rows
from generator.importers.ward_file import WardFile, months_between

CATEGORIES = {
    ("BURGLARY", "RES BURGLARY OF A HOME"): Feeds.RESIDENTIAL_BURGLARY,
    ("SEXUAL OFFENCES", "RAPE"): Feeds.SEXUAL_OFFENCES,
    ("THEFT", "SHOPLIFTING"): Feeds.TOTAL_ONLY,
}
MEASURES = [WardMeasure(TOTAL_OFFENCES, False, 4), WardMeasure(RESIDENTIAL_BURGLARY, False, 4),
            WardMeasure(SEXUAL_OFFENCES, True, 4)]
WARDS = {f"E0500000{n}": f"ward-{n}" for n in range(1, 5)}


def _release(identifier: str, released: str) -> SourceRelease:
    return SourceRelease(Path(identifier), identifier, "police", "wards", "", released, "OGL",
                         "", "", "", ())


def _file(identifier: str, released: str, start: str, end: str,
          counts: dict[tuple[str, str, str], int | tuple[int, ...]],
          names: dict[str, str] | None = None) -> WardFile:
    """Return a ward release whose every month holds the same count, unless one is given per
    month."""
    months = months_between(start, end)
    by_month = {key: count if isinstance(count, tuple) else (count,) * len(months)
                for key, count in counts.items()}
    return WardFile(_release(identifier, released), months, by_month,
                    names or {ward: ward for ward in WARDS})


def _counts(burglary: int, sexual: list[int]) -> dict[tuple[str, str, str], int | tuple[int, ...]]:
    found: dict[tuple[str, str, str], int | tuple[int, ...]] = {}
    for ward, rape in zip(WARDS, sexual, strict=True):
        found[(ward, "BURGLARY", "RES BURGLARY OF A HOME")] = burglary
        found[(ward, "SEXUAL OFFENCES", "RAPE")] = rape
        found[(ward, "THEFT", "SHOPLIFTING")] = 10
    return found


OLDER = _file("mps-ward-a", "2026-02", "2024-02", "2026-01", _counts(1, [1, 1, 1, 1]))
NEWER = _file("mps-ward-b", "2026-03", "2024-03", "2026-02", _counts(2, [1, 2, 3, 4]))


def _rows(*files: WardFile) -> dict[tuple[str, str, str], dict[str, str]]:
    rows = ward_count_rows(files, WARDS, MEASURES, CATEGORIES, "home")
    return {(row["indicator"], row["area"], row["period"]): row for row in rows}


def test_the_monthly_counts_are_the_newest_releases_months() -> None:
    rows = _rows(OLDER, NEWER)
    months = sorted(period for indicator, area, period in rows
                    if (indicator, area) == (RESIDENTIAL_BURGLARY, "ward-1") and "/" not in period)
    assert months[0] == "2024-03" and months[-1] == "2026-02" and len(months) == 24
    later = rows[(RESIDENTIAL_BURGLARY, "ward-1", "2024-03")]
    assert (later["count"], later["vintage"]) == ("2", "mps-ward-b")
    total = rows[(TOTAL_OFFENCES, "ward-1", "2026-02")]
    assert total["count"] == str(2 + 1 + 10)


def test_the_latest_12_months_and_the_12_before_come_from_one_release_each() -> None:
    rows = _rows(NEWER, OLDER)  # the order releases are given in makes no difference
    latest = rows[(RESIDENTIAL_BURGLARY, "ward-2", "2025-03/2026-02")]
    before = rows[(RESIDENTIAL_BURGLARY, "ward-2", "2024-03/2025-02")]
    assert (latest["count"], latest["vintage"]) == ("24", "mps-ward-b")
    assert (before["count"], before["vintage"]) == ("24", "mps-ward-b")
    assert _rows(NEWER, OLDER) == _rows(OLDER, NEWER)


def test_a_sensitive_measure_is_published_only_as_12_month_totals() -> None:
    periods = {period for indicator, _area, period in _rows(OLDER, NEWER)
               if indicator == SEXUAL_OFFENCES}
    assert periods == {"2025-03/2026-02", "2024-03/2025-02"}


def test_a_small_ward_count_is_withheld_with_the_next_smallest_so_none_can_be_worked_out() -> None:
    # Over the 12 months: ward-1 has 0, ward-2 has 3 (small), ward-3 and ward-4 have 120 each.
    small = _file("mps-ward-c", "2026-04", "2025-03", "2026-02",
                  {**_counts(2, [10, 10, 10, 10]),
                   ("E05000001", "SEXUAL OFFENCES", "RAPE"): 0,
                   ("E05000002", "SEXUAL OFFENCES", "RAPE"): (0,) * 11 + (3,)})
    rows = _rows(small)
    cells = {area: rows[(SEXUAL_OFFENCES, area, "2025-03/2026-02")] for area in WARDS.values()}
    assert cells["ward-2"]["count"] == "" and cells["ward-2"]["status"] == "[c]"
    # ward-1 has 0 (published: a zero says nothing), so the next-smallest non-zero ward goes.
    assert cells["ward-1"]["count"] == "0"
    withheld = [area for area, row in cells.items() if row["status"] == "[c]"]
    assert len(withheld) == 2
    assert "worked out by subtraction" in cells[withheld[1]]["note"]


def test_a_ward_the_boundaries_do_not_know_is_refused() -> None:
    stray = _file("mps-ward-d", "2026-03", "2024-03", "2026-02",
                  {**_counts(2, [1, 2, 3, 4]), ("E05009999", "THEFT", "SHOPLIFTING"): 1},
                  {**{ward: ward for ward in WARDS}, "E05009999": "Elsewhere"})
    with pytest.raises(InputError) as caught:
        _rows(stray)
    assert "ward E05009999 (Elsewhere) has no boundary" in str(caught.value)


def test_an_unknown_police_category_is_refused() -> None:
    odd = _file("mps-ward-e", "2026-03", "2024-03", "2026-02",
                {**_counts(2, [1, 2, 3, 4]), ("E05000001", "NEW", "CATEGORY"): 1})
    with pytest.raises(InputError) as caught:
        _rows(odd)
    assert "'NEW' / 'CATEGORY' is not in the importer's table" in str(caught.value)


