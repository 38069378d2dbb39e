"""Shared helpers for the spreadsheet tests: a scratch copy of data/, commands, workbook edits."""

from __future__ import annotations

import argparse
import hashlib
import importlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.returns import COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[2]
# Pinned so that a release dated 2026-12-01 is in the past whatever day the tests run.
TODAY = "2026-12-31"
RELEASE_DATE = "2026-12-01"
VALUE = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == "value")
STATUS = VALUE + 1
NOTE = VALUE + 2


@dataclass(frozen=True)
class Outcome:
    """What a command returned and printed."""

    code: int
    out: str
    err: str


Command = Callable[..., Outcome]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a scratch copy of the shipped data package."""
    monkeypatch.setenv("GENERATOR_TODAY", TODAY)
    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    return target


@pytest.fixture
def command(capsys: pytest.CaptureFixture[str]) -> Command:
    """Return a runner for 'return-template' and 'import-return' that captures their output."""
    modules = {
        "return-template": "generator.commands.return_template",
        "import-return": "generator.commands.import_return",
    }

    def run(name: str, *argv: str) -> Outcome:
        module = importlib.import_module(modules[name])
        parser = argparse.ArgumentParser(prog=name)
        module.add_arguments(parser)
        code = module.run(parser.parse_args(list(argv)))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def shipped_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the template made from the shipped data, made once for the whole run."""
    from generator.config import Settings
    from generator.package.load import load_package
    from generator.returns.sheet import write_template
    from generator.returns.template import build_template

    package = load_package(REPO_ROOT / "data")
    assert package.latest_release is not None
    path = tmp_path_factory.mktemp("template") / "return.xlsx"
    author = Settings.from_root(REPO_ROOT).partnership.name
    write_template(build_template(package, None, package.latest_release.date, author), path)
    return path


@pytest.fixture
def template(tmp_path: Path, data_dir: Path, shipped_template: Path) -> Path:
    """Return a copy of the template for the scratch data, ready to be filled in."""
    path = tmp_path / "return.xlsx"
    shutil.copyfile(shipped_template, path)
    return path


def hashes(directory: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under directory, by relative path."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def rows_of(sheet: Worksheet) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield (row number, values by column key) for each data row of a priority sheet."""
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        yield number, {column.key: value for column, value in zip(COLUMNS, cells, strict=False)}


def find_row(sheet: Worksheet, indicator: str, *, published: bool | None = None,
             period: str | None = None) -> int:
    """Return the number of the last row of indicator matching the filters."""
    found = [
        number for number, row in rows_of(sheet)
        if row["indicator"] == indicator
        and (period is None or row["period"] == period)
        and (published is None or (row["value"] is not None or row["status"] is not None) == published)
    ]
    assert found, f"no row for {indicator} on {sheet.title}"
    return found[-1]


def first_spare_row(sheet: Worksheet) -> int:
    """Return the first empty row at the foot of a priority sheet."""
    return next(number for number, row in rows_of(sheet) if row["indicator"] is None)


def edit(path: Path, change: Callable[..., None]) -> Path:
    """Apply change(workbook) to the spreadsheet at path and save it."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path
