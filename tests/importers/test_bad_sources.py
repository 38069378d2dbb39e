"""Bad upstream files stop the ward, dashboard and partnership imports, and data/ is unchanged."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from generator.importers import csp, dashboard, wards

from .conftest import Runner
from .helpers import REPO_ROOT, SOURCES
from .releases import rewrite_file


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


def test_a_dashboard_release_with_a_month_missing_stops_import_dashboard(
    run: Runner, copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    data, sources = copies
    folder = sources / "mps-dashboard-knife-2026-03"
    name = "monthly-crime-dashboard_KnifeCrimeData_refresh2026-03_fenneh-b161273.parquet"

    def without_june_2025(_old: bytes) -> bytes:
        table = pq.read_table(folder / name).to_pandas()
        kept = table[table["month_year"].dt.strftime("%Y-%m") != "2025-06"]
        sink = io.BytesIO()
        kept.to_parquet(sink, index=False)
        return sink.getvalue()

    rewrite_file(folder, name, without_june_2025)
    message = _refused(run, dashboard, data, sources, capsys)
    assert "2025-06" in message and "month missing" in message and "Nothing was written" in message


def test_a_partnership_table_of_another_layout_stops_import_csp(
    run: Runner, copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    data, sources = copies
    folder = sources / "ons-csp-2025-06"
    name = "policeforceareatablesyejune25final_TableC2_uk-data-atlas.csv"
    rewrite_file(folder, name, lambda old: old.replace(b"Residential burglary", b"Dwellings", 1))
    message = _refused(run, csp, data, sources, capsys)
    assert "'residentialburglary'" in message and name in message
