"""Mid-year estimates: every area in England and Wales, with the edition each value comes from."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from generator.importers.mid_year import read_mid_year_estimates
from generator.importers.sources import read_release

from .helpers import SOURCES, manifest, write_csv

MYE = [SOURCES / "ons-mye-2023", SOURCES / "ons-mye-2024"]


def workbook_column(code: str) -> dict[int, int]:
    """Return an area's MYE4 estimates by mid-year, read from the workbook with openpyxl alone."""
    book = openpyxl.load_workbook(MYE[0] / "mye23tablesew.xlsx", read_only=True, data_only=True)
    rows = list(book["MYE4"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Code")
    [row] = [row for row in rows if row[0] == code]
    return {int(str(name)[4:]): int(value) for name, value in zip(header, row, strict=False)
            if str(name).startswith("Mid-")}


def test_every_area_of_england_and_wales_is_read_with_its_edition() -> None:
    estimates = read_mid_year_estimates([read_release(folder) for folder in MYE])
    codes = {code for code, _year in estimates}
    assert len(codes) > 350 and "E06000047" in codes and "W06000015" in codes  # Durham, Cardiff
    sutton = estimates[("E09000029", 2023)]
    assert (sutton.population, sutton.edition, sutton.name) == (211_123, "ons-mye-2023", "Sutton")
    assert estimates[("E09000029", 2024)].edition == "ons-mye-2024"
    assert {year: estimates[("E09000008", year)].population for year in range(2011, 2024)} == (
        workbook_column("E09000008"))


def test_a_newer_edition_replaces_the_same_mid_year_of_an_older_one(tmp_path: Path) -> None:
    folder = tmp_path / "ons-mye-2099"
    folder.mkdir()
    write_csv(folder / "mye.csv", ["Code", "Name", "Geography", "All ages"],
              [["E09000029", "Sutton", "London Borough", "1"]])
    manifest(folder, "2099-07", {"mye.csv": ("2023", "2023")})
    estimates = read_mid_year_estimates([read_release(folder), read_release(MYE[0])])
    assert (estimates[("E09000029", 2023)].population, estimates[("E09000029", 2023)].edition) == (
        1, "ons-mye-2099")
    assert estimates[("E09000029", 2022)].edition == "ons-mye-2023"


def test_census_2021_agrees_with_the_mid_2021_estimate_for_every_borough() -> None:
    # Census day was 21 March 2021, three months before mid-2021; ONS rounded the first results
    # to the nearest 100, and the mid-2023 edition revised mid-2021 up for every London borough.
    # Allowing 50 for the rounding and 2.5% for the three months and the revision, all 33
    # London authorities agree: most within 0.7%, Westminster +1.7% and the City of London
    # +2.2% the most (Sutton: 209,500 against 209,617, +0.06%).
    with (SOURCES / "ons-census-2021-first-results" / "london_boroughs_census_2011_2021.csv").open(
            encoding="utf-8", newline="") as stream:
        census = {row["area_code"]: int(row["census_2021_usual_residents_rounded_100"])
                  for row in csv.DictReader(stream)}
    mid_2021 = {code: people for code, people in workbook_mid_2021().items() if code in census}
    assert len(mid_2021) == 33
    for code, people in mid_2021.items():
        assert abs(census[code] - people) <= 50 + 0.025 * people, code
    assert (census["E09000029"], mid_2021["E09000029"]) == (209_500, 209_617)


def workbook_mid_2021() -> dict[str, int]:
    """Return every area's mid-2021 estimate from sheet MYE4, read with openpyxl alone."""
    book = openpyxl.load_workbook(MYE[0] / "mye23tablesew.xlsx", read_only=True, data_only=True)
    rows = list(book["MYE4"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Code")
    column = header.index("Mid-2021")
    return {str(row[0]): int(row[column]) for row in rows[rows.index(header) + 1:]
            if row[0] and row[column] is not None}
