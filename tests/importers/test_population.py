"""import-population: mid-year estimates written for every area of areas.csv."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator.importers import population

from .conftest import Runner
from .helpers import SOURCES, read_csv

MYE = [SOURCES / "ons-mye-2023", SOURCES / "ons-mye-2024"]


def test_import_writes_each_area_and_london_as_the_sum_of_its_boroughs(
    run: Runner, data_dir: Path,
) -> None:
    assert run(population, *MYE, "--data-dir", data_dir) == 0
    rows = {(row["area"], row["year"]): row for row in read_csv(data_dir / "population.csv")}
    assert rows[("sutton", "2023")]["population"] == "211123"
    assert rows[("sutton", "2024")]["edition"] == "ons-mye-2024"
    boroughs = ("sutton", "croydon", "merton")
    london = rows[("london", "2021")]
    assert int(london["population"]) == sum(int(rows[(b, "2021")]["population"]) for b in boroughs)
    assert "City of London" in london["note"]
    assert {row["id"] for row in read_csv(data_dir / "sources.csv")} >= {"ons-mye-2023", "ons-mye-2024"}


def test_a_borough_missing_from_the_estimates_stops_the_import(
    run: Runner, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    areas = data_dir / "areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8").replace("E09000024", "E09000099"),
                     encoding="utf-8")
    before = hashlib.sha256((data_dir / "population.csv").read_bytes()).hexdigest()
    assert run(population, *MYE, "--data-dir", data_dir) == 1
    assert "no mid-2011 figure for Merton (ONS code E09000099" in capsys.readouterr().err
    assert hashlib.sha256((data_dir / "population.csv").read_bytes()).hexdigest() == before


def test_an_altered_workbook_stops_the_import(
    run: Runner, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    copy = tmp_path / "sources" / "ons-mye-2023"
    shutil.copytree(MYE[0], copy)
    with (copy / "mye23tablesew.xlsx").open("ab") as stream:
        stream.write(b"\0")
    assert run(population, copy, "--data-dir", data_dir) == 1
    assert "does not match its manifest" in capsys.readouterr().err


def test_another_kind_of_area_gets_the_estimates_ons_publishes_for_its_code(
    run: Runner, data_dir: Path,
) -> None:
    areas = data_dir / "areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8")
                     + "london-region,London region,E12000007,police_force_area,false,false,,\n"
                     + "a-ward,A ward,,police_force_area,false,false,,\n", encoding="utf-8")
    assert run(population, *MYE, "--data-dir", data_dir) == 0
    rows = [row for row in read_csv(data_dir / "population.csv")
            if row["area"] in ("london-region", "a-ward")]
    assert {row["area"] for row in rows} == {"london-region"}
    assert {row["year"]: row["population"] for row in rows}["2023"] == "8945309"
