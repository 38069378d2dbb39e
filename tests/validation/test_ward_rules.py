"""Validation of the ward resources: each mistake is refused on its own, naming where it is."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.config import REPO_ROOT
from generator.validation.runner import validate_package

DATA = REPO_ROOT / "data"
Rows = list[dict[str, str]]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Return a copy of the shipped data package, which is valid."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _edit_csv(path: Path, change: Callable[[Rows], Rows]) -> None:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        fields, rows = list(reader.fieldnames or []), list(reader)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(change(rows))
    path.write_text(out.getvalue(), encoding="utf-8")


def _edit_json(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def _problems(data: Path) -> list[str]:
    report = validate_package(data, date.today())
    return [problem.to_text() for problem in report.problems]


def _sexual(rows: Rows) -> Rows:
    return [row for row in rows if row["indicator"] == "sexual-offences-rate"]


def test_a_small_count_of_a_sensitive_measure_is_refused(data: Path) -> None:
    def small(rows: Rows) -> Rows:
        row = next(r for r in _sexual(rows) if r["count"])
        row["count"] = "3"
        return rows

    _edit_csv(data / "ward_counts.csv", small)
    [problem] = _problems(data)
    assert problem.startswith("data/ward_counts.csv, row ") and "column `count`" in problem
    assert "from 1 to 4" in problem


def test_a_ward_withheld_alone_is_refused_as_worked_out_from_the_total(data: Path) -> None:
    def one_less(rows: Rows) -> Rows:
        withheld = [r for r in _sexual(rows) if r["status"] == "[c]"]
        assert len(withheld) == 2  # the shipped data withholds two wards together
        withheld[1].update(count="50", status="", note="")
        return rows

    _edit_csv(data / "ward_counts.csv", one_less)
    [problem] = _problems(data)
    assert "column `status`" in problem and "the only ward of sutton withheld" in problem
    assert "total minus the other wards" in problem


def test_monthly_counts_of_a_sensitive_measure_are_refused(data: Path) -> None:
    def monthly(rows: Rows) -> Rows:
        return [*rows, {"indicator": "sexual-offences-rate", "area": "beddington",
                        "period": "2025-01", "count": "9", "status": "",
                        "vintage": "mps-ward-2026-03", "note": ""}]

    _edit_csv(data / "ward_counts.csv", monthly)
    [problem] = _problems(data)
    assert "column `period`" in problem and "only as 12-month totals" in problem


def test_a_ward_count_for_an_area_that_is_not_a_ward_is_refused(data: Path) -> None:
    def borough(rows: Rows) -> Rows:
        row = next(r for r in rows if r["indicator"] == "total-offences-rate")
        row["area"] = "sutton"
        return rows

    _edit_csv(data / "ward_counts.csv", borough)
    [problem] = _problems(data)
    assert "column `area`" in problem and "'sutton' is not a ward" in problem


def test_a_count_beside_c_is_refused(data: Path) -> None:
    def both(rows: Rows) -> Rows:
        row = next(r for r in rows if r["indicator"] == "total-offences-rate")
        row["status"] = "[c]"
        return rows

    _edit_csv(data / "ward_counts.csv", both)
    [problem] = _problems(data)
    assert "column `count`" in problem and "no figure to show" in problem


def test_a_ward_without_a_boundary_is_refused(data: Path) -> None:
    def drop_one(document: dict[str, object]) -> None:
        features = document["features"]
        assert isinstance(features, list)
        features.pop()

    _edit_json(data / "ward_boundaries.geojson", drop_one)
    [problem] = _problems(data)
    assert problem.startswith("data/ward_boundaries.geojson: ")
    assert "has no boundary in this file" in problem


def test_a_boundary_for_an_area_that_is_not_a_ward_is_refused(data: Path) -> None:
    def rename(document: dict[str, object]) -> None:
        features = document["features"]
        assert isinstance(features, list)
        features.append({**features[0], "properties": {"area": "croydon"}})

    _edit_json(data / "ward_boundaries.geojson", rename)
    [problem] = _problems(data)
    assert "'croydon' is not a ward in areas.csv" in problem


def test_a_boundary_that_cannot_be_drawn_is_refused(data: Path) -> None:
    def open_ring(document: dict[str, object]) -> None:
        features = document["features"]
        assert isinstance(features, list)
        features[3]["geometry"]["coordinates"][0].pop()

    _edit_json(data / "ward_boundaries.geojson", open_ring)
    [problem] = _problems(data)
    assert "Feature 4" in problem and "does not end where it starts" in problem


def test_wards_without_a_boundaries_resource_are_refused(data: Path) -> None:
    def no_boundaries(document: dict[str, object]) -> None:
        resources = document["resources"]
        assert isinstance(resources, list)
        resources[:] = [r for r in resources if r["name"] != "ward_boundaries"]

    _edit_json(data / "datapackage.json", no_boundaries)
    [problem] = _problems(data)
    assert problem.startswith("data/areas.csv, column `kind`: ")
    assert "20 wards" in problem and "no ward boundaries resource" in problem
