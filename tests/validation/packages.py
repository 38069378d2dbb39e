"""Data packages for the validation tests: the minimal valid package, with a fixture laid over it.

A fixture directory holds only the files that differ from ``tests/fixtures/valid/minimal/``; a
file named ``<name>.delete`` removes ``<name>``. Invalid fixtures also hold ``expected.json``:
the code, file, row and column of their one problem and a phrase of its message.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"
EXPECTED = "expected.json"
DELETE = ".delete"
# Fixtures are judged on this day, so future-period fixtures stay in the future.
TODAY = date(2026, 11, 25)


def fixture_dirs(kind: str) -> list[Path]:
    """Return every fixture directory of a kind (invalid or accepted), sorted by name."""
    return sorted(path for path in (FIXTURES / kind).iterdir() if path.is_dir())


def validation_fixtures() -> list[Path]:
    """Return the invalid fixtures that are data packages (they say what they expect)."""
    return [path for path in fixture_dirs("invalid") if (path / EXPECTED).is_file()]


def overlay_files(fixture: Path) -> list[Path]:
    """Return the files a fixture lays over the minimal package."""
    return sorted(path for path in fixture.iterdir()
                  if path.name != EXPECTED and not path.name.startswith("."))


def package_with(fixture: Path | None, tmp_path: Path) -> Path:
    """Copy the minimal package to tmp_path/data, lay the fixture over it, return the copy."""
    data_dir = tmp_path / "data"
    shutil.copytree(MINIMAL, data_dir)
    for path in overlay_files(fixture) if fixture else []:
        if path.name.endswith(DELETE):
            (data_dir / path.name.removesuffix(DELETE)).unlink()
        else:
            shutil.copyfile(path, data_dir / path.name)
    return data_dir


def read_table(path: Path) -> list[list[str]]:
    """Return a CSV file's records, header first."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_table(path: Path, records: list[list[str]]) -> None:
    """Write records as a UTF-8 CSV file with \\n line endings."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, found by spreadsheet row number (header = 1) and column name."""
    records = read_table(path)
    records[row - 1][records[0].index(column)] = value
    write_table(path, records)
