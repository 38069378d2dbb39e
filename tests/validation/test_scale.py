"""A large generated package validates correctly (timing lives in benchmarks/, not here)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import generate
from generator.config import REPO_ROOT
from generator.validation.runner import validate_package

from .packages import TODAY, set_cell

ROWS = 100_000


def test_hundred_thousand_generated_rows_validate(tmp_path: Path) -> None:
    # 4 areas × 120 months × 209 indicators, cut at exactly ROWS, as benchmarks/validation does.
    package = generate(REPO_ROOT / "data", tmp_path / "data", indicators=209, months=120, areas=4,
                       max_rows=ROWS)
    report = validate_package(package.data_dir, TODAY)
    assert report.ok, report.to_text()[:3000]
    assert report.counts["observations"] == ROWS

    # The same package with two mistakes far apart: both are found, at the right rows.
    set_cell(package.data_dir / "observations.csv", 50_001, "value", "1,234")
    set_cell(package.data_dir / "observations.csv", ROWS + 1, "period", "2023-13")
    problems = validate_package(package.data_dir, TODAY).problems
    assert [(p.row, p.column) for p in problems] == [(50_001, "value"), (ROWS + 1, "period")]
