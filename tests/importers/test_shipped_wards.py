"""The shipped ward figures match the raw ward-level police file and the ONS boundaries.

The raw files are read here with pyarrow and json alone, and the categories of each measure are
named here, so none of the importer's code decides what to expect.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from generator.validation.runner import validate_package

from .helpers import REPO_ROOT, SOURCES, read_csv
from .test_shipped_data import MEASURES

DATA = REPO_ROOT / "data"
NEWEST = SOURCES / "mps-ward-2026-03" / "recorded-crime-ward_202402-202602_fenneh-0659865.parquet"
BOUNDARIES = SOURCES / "ons-ward-boundaries-2022"
WINDOWS = {
    "2025-03/2026-02": [f"2025{m:02d}" for m in range(3, 13)] + ["202601", "202602"],
    "2024-03/2025-02": [f"2024{m:02d}" for m in range(3, 13)] + ["202501", "202502"],
}
LATEST = ("2025-03/2026-02", WINDOWS["2025-03/2026-02"])
# The ward file uses the police's newest category names, as the newest borough files do, so
# each measure counts the same categories (named in test_shipped_data).
WARDS = {"E05013765": "sutton-central", "E05013759": "hackbridge", "E05013773":
         "worcester-park-south"}


@pytest.fixture(scope="module")
def raw() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(NEWEST).to_pylist()
    return [row for row in rows if row["lookup_boroughname"] == "Sutton"]


@pytest.fixture(scope="module")
def shipped() -> dict[tuple[str, str, str], dict[str, str]]:
    return {(row["indicator"], row["area"], row["period"]): row
            for row in read_csv(DATA / "ward_counts.csv")}


def _raw_count(raw: list[dict[str, object]], measure: str, ward: str, months: list[str]) -> int:
    return sum(int(str(row[month])) for row in raw
               if row["wardcode"] == ward and MEASURES[measure](str(row["majortext"]),
                                                                 str(row["minortext"]))
               for month in months)


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_latest_12_months_of_each_ward_match_the_raw_file(
    raw: list[dict[str, object]], shipped: dict[tuple[str, str, str], dict[str, str]],
    measure: str,
) -> None:
    period, months = LATEST
    for code, ward in WARDS.items():
        row = shipped[(measure, ward, period)]
        assert row["vintage"] == "mps-ward-2026-03"
        if row["status"] == "[c]":
            assert row["count"] == "" and measure == "sexual-offences-rate"
        else:
            assert int(row["count"]) == _raw_count(raw, measure, code, months), (measure, ward)


def test_monthly_counts_are_the_newest_releases_months(
    raw: list[dict[str, object]], shipped: dict[tuple[str, str, str], dict[str, str]],
) -> None:
    row = shipped[("total-offences-rate", "hackbridge", "2026-02")]
    assert int(row["count"]) == _raw_count(raw, "total-offences-rate", "E05013759", ["202602"])
    months = {period for indicator, area, period in shipped
              if (indicator, area) == ("total-offences-rate", "hackbridge") and "/" not in period}
    # The conversion's 2024-02 column is all zeros: its manifest starts the release in March.
    assert min(months) == "2024-03" and max(months) == "2026-02" and len(months) == 24
    assert not any(indicator == "sexual-offences-rate" and "/" not in period
                   for indicator, _area, period in shipped)


def test_no_withheld_ward_count_can_be_worked_out(
    shipped: dict[tuple[str, str, str], dict[str, str]], raw: list[dict[str, object]],
) -> None:
    sensitive = {row["id"] for row in read_csv(DATA / "indicators.csv") if row["sensitive"] == "true"}
    codes = {row["id"]: row["ons_code"] for row in read_csv(DATA / "areas.csv")
             if row["kind"] == "ward"}
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for (indicator, _area, period), row in shipped.items():
        if indicator in sensitive:
            assert not row["count"] or not 1 <= int(row["count"]) <= 4, (indicator, period)
            groups.setdefault((indicator, period), []).append(row)
    assert set(groups) == {(m, p) for m in sensitive & set(MEASURES) for p in WINDOWS}
    for (indicator, period), rows in groups.items():
        withheld = [row["area"] for row in rows if row["status"] == "[c]"]
        # None, or at least two: one alone would be the borough's total minus the others; and
        # the withheld wards together must not be a small number either.
        assert len(withheld) != 1, (indicator, period)
        hidden = sum(_raw_count(raw, indicator, codes[ward], WINDOWS[period]) for ward in withheld)
        assert not withheld or hidden > 4, (indicator, period)


def test_every_ward_has_its_boundary_and_area_from_the_ons_files() -> None:
    wards = {row["ons_code"]: row for row in read_csv(DATA / "areas.csv") if row["kind"] == "ward"}
    home = next(row["id"] for row in read_csv(DATA / "areas.csv") if row["is_home"] == "true")
    raw = {path.stem: json.loads(path.read_text(encoding="utf-8"))
           for path in BOUNDARIES.glob("*.geojsonl")}
    assert set(wards) == set(raw)
    shipped = json.loads((DATA / "ward_boundaries.geojson").read_text(encoding="utf-8"))
    features = {feature["properties"]["area"]: feature for feature in shipped["features"]}
    assert set(features) == {row["id"] for row in wards.values()}
    for code, row in wards.items():
        assert row["parent"] == home and row["name"] == raw[code]["properties"]["WD22NM"]
        assert features[row["id"]]["geometry"] == raw[code]["geometry"]
        assert float(row["area_km2"]) > 0
    # The wards tile the borough: 43.69 km² by the boundaries' provenance, against about
    # 43.9 km² for the borough (the generalised boundaries lose a little).
    assert sum(float(row["area_km2"]) for row in wards.values()) == pytest.approx(43.689, abs=0.01)


def test_the_shipped_ward_resources_pass_validation() -> None:
    report = validate_package(DATA)
    assert report.ok, report.to_text()
    assert report.counts["ward_counts"] == len(read_csv(DATA / "ward_counts.csv"))
