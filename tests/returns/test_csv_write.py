"""Deterministic CSV writing: number formats, quoting, column order, atomic replacement."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from generator.package.load import read_descriptor, read_rows, resource_path
from generator.package.model import Marker
from generator.publish.cells import cell_text, field_names, number_text, render_csv
from generator.publish.disk import write_resource, write_text_atomic

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, "12"),
        (12.0, "12"),
        (2.9, "2.9"),
        (0.1 + 0.2, "0.3"),
        (1e-05, "0.00001"),
        (1234567.25, "1234567.25"),
        (-0.0, "0"),
        (82.46913580246914, "82.4691358025"),
    ],
)
def test_numbers_are_written_without_float_noise(value: float, expected: str) -> None:
    assert number_text(value) == expected


def test_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be written"):
        number_text(float("nan"))


def test_cells_of_each_type() -> None:
    assert [cell_text(v, defuse=False) for v in (None, True, False, Marker.REVISED, date(2026, 12, 1), "x")] == [
        "", "true", "false", "[r]", "2026-12-01", "x",
    ]


def test_rows_follow_the_column_order_with_lf_and_minimal_quoting() -> None:
    text = render_csv(["a", "b", "c"], [{"c": 'say "hi"', "a": 1.0, "b": "x,y"}, {"a": None}])
    assert text == 'a,b,c\n1,"x,y","say ""hi"""\n,,\n'


def test_a_column_outside_the_schema_is_refused() -> None:
    with pytest.raises(KeyError, match="extra"):
        render_csv(["a"], [{"a": "1", "extra": "2"}])


@pytest.mark.parametrize("resource", ["priorities", "actions", "indicators", "releases", "revisions"])
def test_rewriting_a_shipped_file_changes_no_byte(resource: str) -> None:
    data_dir = REPO_ROOT / "data"
    descriptor = read_descriptor(data_dir)
    path = resource_path(data_dir, descriptor, resource)
    rows = list(read_rows(path))
    assert render_csv(field_names(descriptor, resource), rows).encode("utf-8") == path.read_bytes()


def test_atomic_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "releases.csv"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o640)
    write_text_atomic(path, "new\n")
    assert path.read_bytes() == b"new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["releases.csv"]


def test_write_resource_uses_the_schema(tmp_path: Path) -> None:
    descriptor = read_descriptor(REPO_ROOT / "data")
    path = tmp_path / "releases.csv"
    write_resource(path, descriptor, "releases",
                   [{"note": "Figures, at last", "date": date(2026, 12, 1), "title": "Update"}])
    assert path.read_text(encoding="utf-8") == "date,title,note\n2026-12-01,Update,\"Figures, at last\"\n"
