"""Every fixture in tests/fixtures/ through the real command: one problem each, named exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import REPO_ROOT
from generator.package.load import load_package
from generator.validation.runner import validate_package

from .packages import (
    DELETE,
    EXPECTED,
    MINIMAL,
    TODAY,
    fixture_dirs,
    overlay_files,
    package_with,
    validation_fixtures,
)

INVALID = validation_fixtures()
ACCEPTED = fixture_dirs("accepted")
PACKAGE_FILES = {path.name for path in MINIMAL.iterdir()}
FIXTURES_BY_NAME = {path.name: path for path in INVALID}


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge every fixture on the same day, whenever the tests run."""
    monkeypatch.setenv("GENERATOR_TODAY", TODAY.isoformat())


def location(expected: dict[str, object]) -> str:
    """Return how the text report starts the expected problem, e.g. 'data/x.csv, row 3'."""
    parts = [str(expected["file"])]
    if expected["row"] is not None:
        word = "row" if str(expected["file"]).endswith(".csv") else "line"
        parts.append(f"{word} {expected['row']}")
    if expected["column"] is not None:
        parts.append(f"column `{expected['column']}`")
    return ", ".join(parts) + ": "


def test_the_corpus_covers_many_kinds_of_mistake() -> None:
    assert len(INVALID) >= 26
    assert len(ACCEPTED) >= 4


@pytest.mark.parametrize("fixture", INVALID, ids=[path.name for path in INVALID])
def test_invalid_fixture_reports_its_one_problem(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = json.loads((fixture / EXPECTED).read_text(encoding="utf-8"))
    data_dir = package_with(fixture, tmp_path)

    assert main(["validate", "--data-dir", str(data_dir), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert len(problems) == 1, "each fixture must hold exactly one problem:\n" + json.dumps(
        problems, indent=2)
    problem = problems[0]
    assert {key: problem[key] for key in ("code", "file", "row", "column")} == {
        key: expected[key] for key in ("code", "file", "row", "column")}
    assert expected["message"] in problem["message"]
    assert problem["fix"].strip()

    assert main(["validate", "--data-dir", str(data_dir)]) == 1
    text = capsys.readouterr().out
    assert text.startswith(location(expected))
    assert "How to fix: " in text
    assert "Found 1 problem in 1 file" in text


@pytest.mark.parametrize("fixture", ACCEPTED, ids=[path.name for path in ACCEPTED])
def test_accepted_fixture_validates_and_loads_like_the_minimal_package(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = package_with(fixture, tmp_path)

    assert main(["validate", "--data-dir", str(data_dir)]) == 0
    assert "is valid" in capsys.readouterr().out
    assert load_package(data_dir) == load_package(MINIMAL)


@pytest.mark.parametrize("fixture", INVALID + ACCEPTED, ids=[p.name for p in INVALID + ACCEPTED])
def test_fixture_holds_only_files_that_differ_from_the_minimal_package(fixture: Path) -> None:
    files = overlay_files(fixture)
    assert files, "a fixture must change something"
    for path in files:
        name = path.name.removesuffix(DELETE)
        assert name in PACKAGE_FILES, f"{path.name} is not a file of the minimal package"
        if not path.name.endswith(DELETE):
            assert path.read_bytes() != (MINIMAL / name).read_bytes(), f"{path.name} is unchanged"


def test_every_package_fixture_says_what_it_expects() -> None:
    # Directories without expected.json belong to other commands' tests (e.g. the importers');
    # one that overlays package files has lost its expected.json and would go untested.
    for fixture in fixture_dirs("invalid"):
        if fixture not in INVALID:
            assert not {path.name for path in fixture.iterdir()} & PACKAGE_FILES, fixture.name


def test_minimal_package_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data-dir", str(MINIMAL)]) == 0
    assert capsys.readouterr().out == (
        "minimal/ is valid: 2 priorities, 5 actions, 5 indicators, 17 observations\n")
    assert validate_package(MINIMAL, TODAY).ok


def test_minimal_package_passes_the_stock_frictionless_check() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate",
         str(MINIMAL / "datapackage.json")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_command_in_a_fresh_process(tmp_path: Path) -> None:
    data_dir = package_with(FIXTURES_BY_NAME["number-with-thousands-comma"], tmp_path)
    env = {**os.environ, "GENERATOR_TODAY": TODAY.isoformat()}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=REPO_ROOT, env=env, check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "data/observations.csv, row 18, column `value`: '1,234' is not a number: it has a comma "
        "in it.\n  How to fix: Write 1234 without the comma.\n")
    assert result.stderr == ""
