"""Run every benchmark at a tiny size once, so the harness keeps working (no timing assertions)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import boroughs, budgets, scale, sutton, validation
from benchmarks.__main__ import run_all
from benchmarks.measure import PROJECT_ROOT, Context, Sizes
from benchmarks.report import Report
from benchmarks.synthetic import generate

TINY = Sizes(indicators=(3, 6), months=12, validation_rows=(200, 500))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    """Run all benchmarks once at the tiny size, in a temporary directory."""
    ctx = Context(repeats=1, sizes=TINY, workdir=tmp_path_factory.mktemp("benchmarks"))
    yield run_all(ctx, [sutton.NAME, scale.NAME, boroughs.NAME, validation.NAME, budgets.NAME])


def digest(directory: Path) -> str:
    """Return one digest of every file's name and bytes under directory."""
    hasher = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        hasher.update(path.name.encode() + path.read_bytes())
    return hasher.hexdigest()


def test_synthetic_package_is_deterministic_and_sized(tmp_path: Path) -> None:
    first = generate(PROJECT_ROOT / "data", tmp_path / "a", indicators=40, months=12, areas=2)
    second = generate(PROJECT_ROOT / "data", tmp_path / "b", indicators=40, months=12, areas=2)
    assert first.observations == 40 * 12 * 2
    assert digest(first.data_dir) == digest(second.data_dir)


def test_synthetic_package_stops_at_max_rows(tmp_path: Path) -> None:
    package = generate(PROJECT_ROOT / "data", tmp_path, indicators=5, months=12, max_rows=50)
    lines = (tmp_path / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert package.observations == 50 == len(lines) - 1


def test_every_benchmark_ran(report: Report) -> None:
    assert report.errors == []


@pytest.mark.parametrize(
    ("section", "keys"),
    [
        (sutton.NAME, sutton.FIGURES),
        (scale.NAME, scale.FIGURES),
        (boroughs.NAME, boroughs.FIGURES),
        (validation.NAME, validation.figure_keys(TINY.validation_rows)),
        (budgets.NAME, budgets.FIGURES),
    ],
)
def test_report_prints_every_figure(report: Report, section: str, keys: tuple[str, ...]) -> None:
    printed = report.render()
    for key in keys:
        figure = report.figure(section, key)
        assert figure is not None, f"{section} did not report {key}"
        assert figure.label in printed


def test_report_ends_with_targets_table(report: Report) -> None:
    printed = report.render()
    assert "Targets (informational" in printed
    assert any(line.rstrip().endswith(("PASS", "OVER")) for line in printed.splitlines())
    assert {"sections", "targets", "errors"} <= set(report.as_json())
