"""Shared fixtures for the importer tests: a scratch data package and a small census table."""

from __future__ import annotations

import argparse
import csv
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from generator.importers.london import MPS_BOROUGHS

from .helpers import CENSUS, CITY_OF_LONDON, OTHER_BOROUGH, REPO_ROOT

Runner = Callable[..., int]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return an empty data package directory holding only the project's datapackage.json."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(REPO_ROOT / "data" / "datapackage.json", target / "datapackage.json")
    return target


@pytest.fixture
def census_file(tmp_path: Path) -> Path:
    """Write a census table in the reference layout, with the round populations in helpers."""
    path = tmp_path / "census.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([
            "area_code", "area_name", "census_2011_usual_residents",
            "census_2021_usual_residents_rounded_100",
        ])
        writer.writerow(CITY_OF_LONDON)
        for name, code in MPS_BOROUGHS.items():
            writer.writerow([code, name, *CENSUS.get(name, OTHER_BOROUGH)])
    return path


@pytest.fixture
def run() -> Runner:
    """Return a function that runs a command module with command-line arguments."""

    def run_module(module: ModuleType, *argv: str | Path) -> int:
        parser = argparse.ArgumentParser()
        module.add_arguments(parser)
        code: int = module.run(parser.parse_args([str(arg) for arg in argv]))
        return code

    return run_module
