"""The shipped Community Safety Partnership figures match ONS Table C2 and the ONS estimates.

The raw table and the mid-2024 estimates are read here with the csv module alone.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest

from .helpers import REPO_ROOT, SOURCES, observation, read_csv

DATA = REPO_ROOT / "data"
TABLE = SOURCES / "ons-csp-2025-06" / "policeforceareatablesyejune25final_TableC2_uk-data-atlas.csv"
ESTIMATES = SOURCES / "ons-mye-2024" / "mye24tablesew_MYE2-Persons_LibrariesHacked.csv"
PERIOD = "2024-07/2025-06"
# measure -> (the ONS column heading, residents per)
GROUPS = {
    "total-offences-rate": ("Total recorded crime (excluding fraud)", 1000),
    "residential-burglary-rate": ("Residential burglary", 1000),
    "sexual-offences-rate": ("Sexual offences", 10000),
}


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, str]]:
    """Return the partnership rows of Table C2 by partnership code, keyed by column heading."""
    records = list(csv.reader(io.StringIO(TABLE.read_text(encoding="utf-8-sig"))))
    header = [" ".join(cell.split()) for cell in records[7]]
    return {record[2].strip(): dict(zip(header, record, strict=True))
            for record in records[8:] if record[2].strip()}


@pytest.fixture(scope="module")
def estimates() -> dict[str, int]:
    with ESTIMATES.open(encoding="utf-8-sig", newline="") as stream:
        return {row["Code"]: int(row["All ages"]) for row in csv.DictReader(stream)}


def _count(text: str) -> int:
    return int(text.strip().replace(",", ""))


def test_suttons_partnership_is_the_ons_row_with_its_population(
    table: dict[str, dict[str, str]], estimates: dict[str, int],
) -> None:
    shipped = read_csv(DATA / "observations.csv")
    area = next(row for row in read_csv(DATA / "areas.csv") if row["ons_code"] == "E22000214")
    home = next(row["id"] for row in read_csv(DATA / "areas.csv") if row["is_home"] == "true")
    assert (area["kind"], area["parent"], area["comparator"]) == ("csp", home, "false")
    raw = table["E22000214"]
    # As the table's provenance notes them: 12,935, 679 and 410 offences; 214,525 residents.
    expected = {"total-offences-rate": 12935, "residential-burglary-rate": 679,
                "sexual-offences-rate": 410}
    for measure, (heading, per) in GROUPS.items():
        row = observation(shipped, measure, area["id"], PERIOD)
        assert int(row["numerator"]) == _count(raw[heading]) == expected[measure]
        assert int(row["denominator"]) == estimates[raw["Local Authority code"]] == 214525
        exact = Decimal(row["numerator"]) * per / Decimal(row["denominator"])
        assert Decimal(row["value"]) == exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert row["vintage"] == "ons-csp-2025-06"


def test_every_partnership_is_an_area_with_the_tables_counts(
    table: dict[str, dict[str, str]],
) -> None:
    areas = {row["ons_code"]: row["id"] for row in read_csv(DATA / "areas.csv")
             if row["kind"] == "csp"}
    assert set(areas) == set(table) and len(areas) == 314
    rows = {(row["indicator"], row["area"]): row for row in read_csv(DATA / "observations.csv")
            if row["vintage"] == "ons-csp-2025-06"}
    assert len(rows) == 3 * 314
    for code, raw in table.items():
        for measure, (heading, _per) in GROUPS.items():
            assert int(rows[(measure, areas[code])]["numerator"]) == _count(raw[heading])


def test_a_partnership_without_a_population_of_its_own_has_no_rate(
    table: dict[str, dict[str, str]],
) -> None:
    rows = {row["area"]: row for row in read_csv(DATA / "observations.csv")
            if row["vintage"] == "ons-csp-2025-06" and row["indicator"] == "total-offences-rate"}
    areas = {row["ons_code"]: row["id"] for row in read_csv(DATA / "areas.csv")
             if row["kind"] == "csp"}
    shared = [code for code, raw in table.items()
              if sum(other["Local Authority code"] == raw["Local Authority code"]
                     for other in table.values()) > 1]
    assert shared  # several partnerships share one local authority's code, or name none
    for code in shared:
        row = rows[areas[code]]
        assert (row["value"], row["status"], row["denominator"]) == ("", "[x]", "")


def test_partnership_figures_never_join_a_borough_series() -> None:
    csp_areas = {row["id"] for row in read_csv(DATA / "areas.csv") if row["kind"] == "csp"}
    for row in read_csv(DATA / "observations.csv"):
        assert (row["area"] in csp_areas) == row["vintage"].startswith("ons-csp-"), row
