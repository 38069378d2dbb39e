"""Shared fixtures for the importer tests: a scratch data package with a small London."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from .helpers import AREAS, MID_YEARS, POPULATION, REPO_ROOT, TEST_EDITION, write_csv

Runner = Callable[..., int]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return a data package with the project's schema and measures, three boroughs and London,
    and round populations for mid-2020 to mid-2023."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("datapackage.json", "indicators.csv"):
        shutil.copy(REPO_ROOT / "data" / name, target / name)
    write_csv(target / "areas.csv",
              ["id", "name", "ons_code", "kind", "is_home", "comparator", "parent", "note"],
              [[*area, "", ""] for area in AREAS])
    populations = {**POPULATION, "london": sum(POPULATION.values())}
    write_csv(target / "population.csv",
              ["area", "year", "population", "source", "note", "edition"],
              [[area, year, people, "Test population", "", TEST_EDITION]
               for area, people in populations.items() for year in MID_YEARS])
    write_csv(target / "sources.csv",
              ["id", "publisher", "dataset", "url", "released", "period_start", "period_end",
               "licence", "attribution", "conversion", "next_release"],
              [[TEST_EDITION, "Test", "Test population", "", "2024-07", "2020", "2023",
                "Open Government Licence v3.0", "", "false", ""]])
    return target


@pytest.fixture
def run() -> Runner:
    """Return a function that runs a command module with command-line arguments."""

    def run_module(module: ModuleType, *argv: str | Path) -> int:
        parser = argparse.ArgumentParser()
        module.add_arguments(parser)
        code: int = module.run(parser.parse_args([str(arg) for arg in argv]))
        return code

    return run_module
