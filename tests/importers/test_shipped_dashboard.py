"""The shipped dashboard figures match the raw Monthly Crime Dashboard files, read here alone.

These tests read the Parquet files in sources/ with pyarrow and recompute each figure without
the importer's code: the offences, the population they are divided by, and the rate.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from .helpers import REPO_ROOT, SOURCES, observation, read_csv

DATA = REPO_ROOT / "data"
OTHER = SOURCES / "mps-dashboard-other-2025-08" / (
    "monthly-crime-dashboard_OtherCrimeData_refresh2025-08_fenneh-9476eed.parquet")
KNIFE = SOURCES / "mps-dashboard-knife-2026-03" / (
    "monthly-crime-dashboard_KnifeCrimeData_refresh2026-03_fenneh-b161273.parquet")
BOROUGHS = ("Sutton", "Croydon", "Westminster")
# (measure, file, crime subtype, first and last month of the latest 12 months, release id)
LATEST = [
    ("domestic-abuse-offences", OTHER, "Domestic Abuse", "2024-08", "2025-07",
     "mps-dashboard-other-2025-08"),
    ("hate-crime-reports", OTHER, "Hate crime", "2024-08", "2025-07",
     "mps-dashboard-other-2025-08"),
    ("gun-crime-rate", OTHER, "Gun Crime", "2024-08", "2025-07", "mps-dashboard-other-2025-08"),
    ("knife-crime-rate", KNIFE, "Knife Crime", "2025-03", "2026-02",
     "mps-dashboard-knife-2026-03"),
]


@cache
def _borough_offences(path: str, subtype: str) -> dict[tuple[str, date], int]:
    """Return (borough, month) -> offences of one crime subtype, borough rows only."""
    table = pq.read_table(path, columns=["month_year", "area_type", "borough_snt",
                                         "crime_subtype", "measure", "count"])
    keep = pc.and_(pc.and_(pc.equal(table["area_type"], "Borough"),
                           pc.equal(table["measure"], "Offences")),
                   pc.equal(pc.utf8_lower(table["crime_subtype"]), subtype.lower()))
    found: dict[tuple[str, date], int] = {}
    for row in table.filter(keep).to_pylist():
        month: datetime = row["month_year"]
        key = (row["borough_snt"], date(month.year, month.month, 1))
        found[key] = found.get(key, 0) + row["count"]
    return found


def _months(first: str, last: str) -> list[date]:
    start, end = (int(text[:4]) * 12 + int(text[5:]) - 1 for text in (first, last))
    return [date(index // 12, index % 12 + 1, 1) for index in range(start, end + 1)]


def _offences(path: str, subtype: str, borough: str | None, months: list[date]) -> int:
    counts = _borough_offences(path, subtype)
    not_boroughs = {"Other / NK", "Aviation Security"}
    return sum(count for (name, month), count in counts.items() if month in months and (
        name == borough if borough else name not in not_boroughs))


def _mid_2024(area: str) -> int:
    rows = read_csv(DATA / "population.csv")
    return int(next(row["population"] for row in rows
                    if row["area"] == area and row["year"] == "2024"))


@pytest.fixture(scope="module")
def observations() -> list[dict[str, str]]:
    return read_csv(DATA / "observations.csv")


@pytest.mark.parametrize(("measure", "path", "subtype", "first", "last", "release"), LATEST,
                         ids=[case[0] for case in LATEST])
def test_latest_12_months_match_the_raw_file(
    observations: list[dict[str, str]], measure: str, path: object, subtype: str, first: str,
    last: str, release: str,
) -> None:
    months = _months(first, last)
    for area, borough in [*((name.lower(), name) for name in BOROUGHS), ("london", None)]:
        row = observation(observations, measure, area, f"{first}/{last}")
        expected = _offences(str(path), subtype, borough, months)
        assert int(row["numerator"]) == expected, (measure, area)
        assert row["vintage"] == release
        # Both periods are centred on early 2025, nearest mid-2025: not yet published, so the
        # newest estimate (mid-2024) stands in and the figure is provisional.
        assert int(row["denominator"]) == _mid_2024(area)
        assert row["status"] == "[p]"
        if measure.endswith("-rate"):
            exact = Decimal(expected) * 10000 / Decimal(row["denominator"])
            assert Decimal(row["value"]) == exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
        else:
            assert row["value"] == str(expected)


def test_a_financial_year_spanning_the_change_of_recording_system_is_a_break(
    observations: list[dict[str, str]],
) -> None:
    row = observation(observations, "domestic-abuse-offences", "sutton", "2023/24")
    assert int(row["numerator"]) == _offences(str(OTHER), "Domestic Abuse", "Sutton",
                                              _months("2023-04", "2024-03"))
    assert row["status"] == "[b]" and "CONNECT" in row["note"]
    after = observation(observations, "domestic-abuse-offences", "sutton", "2024/25")
    assert after["status"] != "[b]"
    breaks = {(r["indicator"], r["period"]) for r in read_csv(DATA / "series_breaks.csv")}
    for measure in ("domestic-abuse-offences", "hate-crime-reports",
                    "non-da-violence-with-injury-rate"):
        assert (measure, "2024-03") in breaks
    assert not any(indicator == "knife-crime-rate" for indicator, _ in breaks)


def test_the_part_year_the_dashboard_starts_in_is_not_published(
    observations: list[dict[str, str]],
) -> None:
    published = {row["period"] for row in observations
                 if row["indicator"] == "domestic-abuse-offences"}
    assert "2022/23" in published and "2021/22" not in published


def test_monthly_counts_are_for_the_home_area_and_its_comparators_only(
    observations: list[dict[str, str]],
) -> None:
    areas = {row["id"]: row for row in read_csv(DATA / "areas.csv")}
    shown = {area for area, row in areas.items()
             if row["is_home"] == "true" or row["comparator"] == "true"}
    monthly = {row["area"] for row in observations
               if row["indicator"] == "knife-crime-rate" and "/" not in row["period"]}
    assert monthly == shown
    row = observation(observations, "knife-crime-rate", "sutton", "2026-02")
    assert int(row["numerator"]) == _offences(str(KNIFE), "Knife Crime", "Sutton",
                                              [date(2026, 2, 1)])


def test_the_approximation_of_violence_with_injury_without_domestic_abuse(
    observations: list[dict[str, str]],
) -> None:
    # 2022/23 from the newest borough-level release covering it (March 2026 extraction), read
    # here from its historical Parquet file, minus the dashboard's domestic-abuse part.
    path = SOURCES / "mps-borough-2026-03" / (
        "recorded-crime-borough-historical_201004-202402_fenneh-8ea9f76.parquet")
    table = pq.read_table(path)
    months = [f"{month:%Y%m}" for month in _months("2022-04", "2023-03")]
    rows = table.filter(pc.and_(pc.equal(table["boroughname"], "Sutton"),
                                pc.equal(table["minortext"], "VIOLENCE WITH INJURY"))).to_pylist()
    with_injury = sum(int(row[month]) for row in rows for month in months)
    domestic = _offences(str(OTHER), "Domestic Abuse violence with injury", "Sutton",
                         _months("2022-04", "2023-03"))
    row = observation(observations, "non-da-violence-with-injury-rate", "sutton", "2022/23")
    assert int(row["numerator"]) == with_injury - domestic
    assert "mps-borough-2026-03" in row["note"] and row["vintage"] == "mps-dashboard-other-2025-08"
    assert "Approximation" in row["note"]


