"""Bad upstream files stop the imports from sources/, and data/ is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.importers import wards

from .conftest import Runner
from .helpers import REPO_ROOT, SOURCES


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """Return copies of data/ and sources/ to import from and into."""
    data, sources = tmp_path / "data", tmp_path / "sources"
    shutil.copytree(REPO_ROOT / "data", data)
    shutil.copytree(SOURCES, sources)
    return data, sources


def _snapshot(data: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(data.iterdir())}


def _refused(run: Runner, module: object, data: Path, sources: Path,
             capsys: pytest.CaptureFixture[str]) -> str:
    before = _snapshot(data)
    code = run(module, "--data-dir", data, "--sources-dir", sources)
    assert code == 1
    assert _snapshot(data) == before, "a refused import changed data/"
    return capsys.readouterr().err


def test_an_altered_ward_file_stops_import_wards(
    run: Runner, copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    data, sources = copies
    path = sources / "mps-ward-2026-02" / "MPS_Ward_Level_Crime_recent24_202402-202601_lb-lewisham.csv"
    path.write_bytes(path.read_bytes().replace(b",Sutton,", b",Sutton ,", 1))
    message = _refused(run, wards, data, sources, capsys)
    assert "does not match its manifest" in message and path.name in message
