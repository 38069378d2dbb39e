"""The shipped figures are exactly what the importers make of the real police and census files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator.importers import mps, population

from .conftest import Runner
from .helpers import REFERENCE_DATA, REPO_ROOT, observation, read_csv

pytestmark = pytest.mark.skipif(
    not REFERENCE_DATA.is_dir(),
    reason=f"the reference data is not at {REFERENCE_DATA} (CI checks it out there)",
)

CENSUS = REFERENCE_DATA / "population" / "london_boroughs_census_2011_2021.csv"
POLICE = REFERENCE_DATA / "mps-borough-level-crime"
SUMMARY = REFERENCE_DATA / "sutton" / "sutton_indicator_annual_summary.csv"

# The commands that produce the shipped figures (README and Makefile give the same ones).
SHIPPED_POPULATION = [CENSUS]
SHIPPED_MPS = [
    POLICE / "v2025-03_andyxuegit" / "MPS_Borough_Level_Crime_Historical_201004-202302.csv",
    POLICE / "v2025-03_andyxuegit" / "MPS_Borough_Level_Crime_recent24_202303-202502.csv",
    "--vintage", "v2025-03",
]
SHIPPED_FILES = ("observations.csv", "population.csv", "areas.csv", "series_breaks.csv")

# The reference summary's names for the measures this importer feeds.
SUMMARY_NAMES = {
    "total_recorded_offences": "total-offences-rate",
    "residential_burglary": "residential-burglary-rate",
    "theft_from_motor_vehicle": "theft-from-motor-vehicle-rate",
    "theft_or_taking_of_motor_vehicle": "theft-of-motor-vehicle-rate",
    "sexual_offences": "sexual-offences-rate",
}


def sutton_summary(vintage_folder: str) -> dict[tuple[str, str], str]:
    """Return (measure, financial year) -> Sutton's count, as the reference summary gives it."""
    with SUMMARY.open(encoding="utf-8", newline="") as stream:
        return {
            (SUMMARY_NAMES[row["indicator"]], row["period"]): row["sutton_count"]
            for row in csv.DictReader(stream)
            if row["vintage"] == vintage_folder and row["period_type"] == "financial_year"
            and row["indicator"] in SUMMARY_NAMES
        }


def test_rerunning_the_importers_reproduces_the_shipped_data(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    assert run(population, *SHIPPED_POPULATION, "--data-dir", data) == 0
    assert run(mps, *SHIPPED_MPS, "--data-dir", data) == 0
    for name in SHIPPED_FILES:
        shipped = REPO_ROOT / "data" / name
        assert shipped.exists(), f"data/{name} is missing: run the import commands"
        assert (data / name).read_bytes() == shipped.read_bytes(), (
            f"data/{name} differs from what the importers produce: run the import commands again"
        )


def test_shipped_sutton_counts_match_the_reference_summary() -> None:
    rows = read_csv(REPO_ROOT / "data" / "observations.csv")
    expected = sutton_summary("v2025-03_andyxuegit")
    assert expected[("total-offences-rate", "2021/22")] == "13399"
    for (indicator, period), count in expected.items():
        assert observation(rows, indicator, "sutton", period)["numerator"] == count
    burglary = observation(rows, "residential-burglary-rate", "sutton", "2023/24")
    assert (burglary["numerator"], burglary["denominator"], burglary["status"]) == ("609", "209500", "[b]")


@pytest.mark.parametrize(
    "folder", ["v2024-03_jn607", "v2025-03_andyxuegit", "v2025-04_ZhanningW", "v2026-07_mithun-ksms"]
)
def test_every_vintage_imports_and_matches_the_reference_summary(
    run: Runner, data_dir: Path, folder: str,
) -> None:
    # Importing every vintage proves the category table knows all four category schemes.
    assert run(population, CENSUS, "--data-dir", data_dir) == 0
    files = sorted((POLICE / folder).glob("*.csv"))
    assert run(mps, *files, "--vintage", folder.split("_")[0], "--data-dir", data_dir) == 0
    rows = read_csv(data_dir / "observations.csv")
    expected = sutton_summary(folder)
    assert expected
    for (indicator, period), count in expected.items():
        assert observation(rows, indicator, "sutton", period)["numerator"] == count, (indicator, period)
