"""The import-population command: a census table in, areas.csv and population.csv out."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers import population

from .conftest import Runner
from .helpers import LONDON_2011, LONDON_2021, read_csv


def test_writes_home_comparators_and_london_areas(run: Runner, census_file: Path, data_dir: Path) -> None:
    assert run(population, census_file, "--data-dir", data_dir) == 0
    assert (data_dir / "areas.csv").read_text(encoding="utf-8") == (
        "id,name,ons_code,kind,is_home\n"
        "sutton,Sutton,E09000029,borough,true\n"
        "croydon,Croydon,E09000008,borough,false\n"
        "bromley,Bromley,E09000006,borough,false\n"
        "london,London (Metropolitan Police area),,police_force_area,false\n"
    )


def test_london_population_is_the_32_boroughs_without_the_city(
    run: Runner, census_file: Path, data_dir: Path,
) -> None:
    assert run(population, census_file, "--data-dir", data_dir) == 0
    rows = {(row["area"], row["year"]): row for row in read_csv(data_dir / "population.csv")}
    assert rows[("london", "2011")]["population"] == str(LONDON_2011)
    assert rows[("london", "2021")]["population"] == str(LONDON_2021)
    assert "rounded to the nearest 100" in rows[("london", "2021")]["note"]
    assert "City of London" in rows[("london", "2011")]["note"]
    assert rows[("sutton", "2021")]["population"] == "200000"
    assert rows[("sutton", "2011")]["source"] == "ONS Census 2011 usual resident population; OGL v3.0"
    assert "rounded to the nearest 100" in rows[("sutton", "2021")]["source"]
    assert sorted(rows) == [
        (area, year) for area in ("bromley", "croydon", "london", "sutton") for year in ("2011", "2021")
    ]


def test_choosing_other_areas(run: Runner, census_file: Path, data_dir: Path) -> None:
    assert run(population, census_file, "--area", "kingston upon thames", "--comparators", "",
               "--no-london", "--data-dir", data_dir) == 0
    areas = read_csv(data_dir / "areas.csv")
    assert [(row["id"], row["name"], row["is_home"]) for row in areas] == [
        ("kingston-upon-thames", "Kingston upon Thames", "true")
    ]
    assert len(read_csv(data_dir / "population.csv")) == 2


def test_unknown_borough_lists_the_boroughs_it_has(
    run: Runner, census_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(population, census_file, "--comparators", "Croydon,Surrey", "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "called 'Surrey'" in error
    assert "Barking and Dagenham, Barnet" in error
    assert not (data_dir / "areas.csv").exists()


def test_missing_column_is_named(
    run: Runner, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    census = tmp_path / "census.csv"
    census.write_text("area_code,area_name,population\nE09000029,Sutton,209500\n", encoding="utf-8")
    assert run(population, census, "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "missing: census_2011_usual_residents, census_2021_usual_residents_rounded_100" in error


def test_bad_number_and_missing_borough_are_reported(
    run: Runner, census_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    lines = census_file.read_text(encoding="utf-8").splitlines()
    sutton = next(number for number, line in enumerate(lines) if ",Sutton," in line)
    lines[sutton] = "E09000029,Sutton,190000,\"209,500\""
    lines = [line for line in lines if ",Barnet," not in line]
    census_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(population, census_file, "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "column census_2021_usual_residents_rounded_100: '209,500' is not a population" in error
    assert "needs exactly one row for Barnet (E09000003)" in error


def test_a_directory_without_datapackage_json_is_refused(
    run: Runner, census_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(population, census_file, "--data-dir", tmp_path) == 1
    assert "is not a data package directory: it has no datapackage.json" in capsys.readouterr().err


def test_the_command_is_registered() -> None:
    from generator.cli import COMMANDS

    assert COMMANDS["import-population"][0] == "generator.commands.import_population"
    assert COMMANDS["import-mps"][0] == "generator.commands.import_mps"
