"""The shipped police and population figures are what the raw files say, and `make import`
re-derives every one of them from sources/ alone, byte for byte.

The checks against the raw files read them here with the csv module and pyarrow, and pick the
police categories by name here: none of the importer's code is used to work out what to expect.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .helpers import REPO_ROOT, SOURCES, observation, read_csv

DATA = REPO_ROOT / "data"
IMPORTED = ("observations.csv", "population.csv", "series_breaks.csv", "revisions.csv",
            "sources.csv", "ward_counts.csv", "ward_boundaries.geojson")
# Kinds of area an importer writes into areas.csv (the others are written by hand).
IMPORTED_AREA_KINDS = ("ward", "csp")
NEWEST = SOURCES / "mps-borough-2026-07" / "MPS_Borough_Level_Crime_recent24_202407-202606.csv"
EXTRACTION = SOURCES / "mps-borough-2026-03" / "recorded-crime-borough_202403-202602_fenneh-0659865.parquet"

Row = tuple[str, str, str, dict[str, int]]  # major, minor, area, counts by YYYYMM
# What each measure counts, in the police's newest category names (both files use them).
MEASURES: dict[str, Callable[[str, str], bool]] = {
    "total-offences-rate": lambda major, minor: True,
    "residential-burglary-rate": lambda major, minor: minor == "RES BURGLARY OF A HOME",
    "theft-of-motor-vehicle-rate": lambda major, minor: minor in {
        "THEFT OR UNAUTH TAKING OF A MOTOR VEH", "AGGRAVATED VEHICLE TAKING"},
    "theft-from-motor-vehicle-rate": lambda major, minor: minor == "THEFT FROM A VEHICLE",
    "sexual-offences-rate": lambda major, minor: major == "SEXUAL OFFENCES",
}
PER = {"sexual-offences-rate": 10_000}


def csv_rows(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        for record in reader:
            yield record[0], record[1], record[2], {
                month: int(count) for month, count in zip(header[3:], record[3:], strict=True)}


def parquet_rows(path: Path) -> Iterator[Row]:
    table = pq.read_table(path).to_pylist()
    for record in table:
        major, minor, area = record.pop("majortext"), record.pop("minortext"), record.pop("boroughname")
        yield major, minor, area, {month: int(count) for month, count in record.items()}


def count(rows: list[Row], measure: str, areas: set[str], first: str, last: str) -> int:
    return sum(value for major, minor, area, counts in rows
               if area in areas and MEASURES[measure](major, minor)
               for month, value in counts.items() if first <= month <= last)


def population(area: str, year: int) -> int:
    [row] = [row for row in read_csv(DATA / "population.csv")
             if (row["area"], row["year"]) == (area, str(year))]
    return int(row["population"])


def rounded(numerator: int, denominator: int, per: int) -> str:
    value = (Decimal(numerator) * per / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return format(value.normalize(), "f")


BOROUGHS = {row["name"]: row["id"] for row in read_csv(DATA / "areas.csv") if row["kind"] == "borough"}
CHECKED_AREAS = {"sutton": {"Sutton"}, "croydon": {"Croydon"}, "bromley": {"Bromley"},
                 "westminster": {"Westminster"}, "london": set(BOROUGHS)}
# (period, first and last month, file read, mid-year of the denominator, provisional)
PERIODS = [
    ("2024/25", "202404", "202503", EXTRACTION, 2024, False),
    ("2025/26", "202504", "202603", NEWEST, 2024, True),
    ("2025-07/2026-06", "202507", "202606", NEWEST, 2024, True),
    ("2024-07/2025-06", "202407", "202506", NEWEST, 2024, False),
]


@pytest.fixture(scope="module")
def shipped() -> list[dict[str, str]]:
    return read_csv(DATA / "observations.csv")


@pytest.fixture(scope="module")
def raw() -> dict[Path, list[Row]]:
    return {EXTRACTION: list(parquet_rows(EXTRACTION)), NEWEST: list(csv_rows(NEWEST))}


@pytest.mark.parametrize("measure", sorted(MEASURES))
@pytest.mark.parametrize(("period", "first", "last", "path", "mid_year", "provisional"), PERIODS)
def test_shipped_counts_and_rates_match_the_raw_files(
    shipped: list[dict[str, str]], raw: dict[Path, list[Row]], measure: str, period: str,
    first: str, last: str, path: Path, mid_year: int, provisional: bool,
) -> None:
    for area, police_names in CHECKED_AREAS.items():
        row = observation(shipped, measure, area, period)
        expected = count(raw[path], measure, police_names, first, last)
        people = population(area, mid_year)
        assert (row["numerator"], row["denominator"]) == (str(expected), str(people)), (area, period)
        assert row["value"] == rounded(expected, people, PER.get(measure, 1000)), (area, period)
        assert row["vintage"] == path.parent.name
        assert (row["status"] == "[p]") == provisional or row["status"] == "[b]"


def test_sutton_headline_figures_are_as_the_police_published_them(shipped: list[dict[str, str]]) -> None:
    # Hand-checked against the raw files: 13,332 offences in 2025/26 (release of July 2026);
    # 2023/24 divided by the mid-2023 estimate, 211,123.
    assert observation(shipped, "total-offences-rate", "sutton", "2025/26")["numerator"] == "13332"
    year = observation(shipped, "total-offences-rate", "sutton", "2023/24")
    assert year["denominator"] == "211123" and year["vintage"] == "mps-borough-2026-03"


def test_london_is_the_sum_of_the_32_boroughs() -> None:
    assert len(BOROUGHS) == 32 and "City of London" not in BOROUGHS
    london = sum(population(area, 2023) for area in BOROUGHS.values())
    assert population("london", 2023) == london


def test_make_import_rederives_the_shipped_data_byte_for_byte(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    # Emptied, so every row has to come from sources/ (the copy keeps indicators, and the
    # areas written by hand).
    for name in IMPORTED:
        (copy / name).write_text("", encoding="utf-8")
    by_hand = [row for row in read_csv(DATA / "areas.csv") if row["kind"] not in IMPORTED_AREA_KINDS]
    with (copy / "areas.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(by_hand[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(by_hand)
    # The documented command itself, pointed at the copy; -o keeps make from reinstalling .venv.
    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "import", f"DATA_DIR={copy}",
         f"PY={sys.executable}"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in (*IMPORTED, "areas.csv"):
        assert (copy / name).read_bytes() == (DATA / name).read_bytes(), (
            f"data/{name} differs from what `make import` derives from sources/: run make import")


def test_the_project_never_reads_the_shared_folder() -> None:
    checked = [REPO_ROOT / "Makefile", *REPO_ROOT.glob("benchmarks/*.py"),
               *REPO_ROOT.glob("tests/**/*.py"), *REPO_ROOT.glob("generator/**/*.py")]
    needle = "/".join(("..", "shared"))
    offenders = [str(path.relative_to(REPO_ROOT)) for path in checked
                 if needle in path.read_text(encoding="utf-8")]
    assert offenders == []
