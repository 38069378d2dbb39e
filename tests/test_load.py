"""Loading: decoding, the fast cell reader, and the typed model."""

from __future__ import annotations

import csv
import gc
import io
import random
import shutil
from pathlib import Path

import pytest

from generator.package.csv_cells import read_cells
from generator.package.load import (
    decode_text,
    load_package,
    read_descriptor,
    read_rows,
    read_text,
    resource_path,
)
from generator.package.model import Marker, Unit

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
SHIPPED_DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "raw",
    [b"a,b\n1,2\n", b"\xef\xbb\xbfa,b\n1,2\n", b"a,b\r\n1,2\r\n", b"a,b\r1,2\r", b"a,b\r\n1,2\n"],
    ids=["plain", "bom", "crlf", "cr", "mixed"],
)
def test_decode_text_normalises_bom_and_line_endings(raw: bytes) -> None:
    assert decode_text(raw) == "a,b\n1,2\n"


def test_decode_text_refuses_windows_1252() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode_text("£5".encode("cp1252"))


def test_read_text_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbfa\r\n")
    assert read_text(path) == "a\n"


def cells(text: str) -> tuple[tuple[str, ...], list[list[str]], list[int], list[int]]:
    result = read_cells(text)
    return (result.header, result.cells.to_numpy().tolist(), result.rows.tolist(),
            result.widths.tolist())


def test_read_cells_keeps_spreadsheet_row_numbers_and_cell_counts() -> None:
    text = 'a,b,c\n1,2,3\n\n4,5\n"x\ny",7,""\n,,\n1,2,3,4\n\n'
    header, rows, numbers, widths = cells(text)
    assert header == ("a", "b", "c")
    assert rows == [["1", "2", "3", ""], ["4", "5", "", ""], ["x\ny", "7", "", ""],
                    ["1", "2", "3", "4"]]
    assert numbers == [2, 4, 5, 7]  # rows 3 and 6 are blank; a quoted line break is one row
    assert widths == [3, 2, 3, 4]


def test_read_cells_handles_quotes_like_the_csv_module() -> None:
    text = 'name,note\n"Sutton, Croydon","He said ""hi"""\nplain,a"b\nlast,one\n'
    header, rows, numbers, widths = cells(text)
    assert [list(header), *rows] == list(csv.reader(io.StringIO(text)))
    assert numbers == [2, 3, 4]
    assert widths == [2, 2, 2]


@pytest.mark.parametrize(
    ("text", "header"),
    [("", ()), ("a,b", ("a", "b")), ("a,b\n", ("a", "b")), ("a,b\n\n\n", ("a", "b"))],
)
def test_read_cells_with_no_data_rows(text: str, header: tuple[str, ...]) -> None:
    assert cells(text) == (header, [], [], [])


def test_read_cells_header_with_non_ascii_names() -> None:
    header, rows, _, _ = cells("année,b\né,2")
    assert header == ("année", "b")
    assert rows == [["é", "2"]]


def test_read_rows_skips_blank_rows_and_tolerates_ragged_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1, 2 \n\n,\n3\n4,5,6\n", encoding="utf-8")
    assert list(read_rows(path)) == [{"a": "1", "b": "2"}, {"a": "3", "b": ""},
                                     {"a": "4", "b": "5"}]


def test_resource_path_refuses_to_leave_the_data_folder(tmp_path: Path) -> None:
    descriptor = {"resources": [{"name": "x", "path": "../secret.csv"}]}
    with pytest.raises(ValueError, match="outside the data folder"):
        resource_path(tmp_path, descriptor, "x")
    with pytest.raises(KeyError):
        resource_path(tmp_path, descriptor, "y")


def test_load_package_reads_the_minimal_package() -> None:
    package = load_package(MINIMAL)
    assert [priority.number for priority in package.priorities] == [2, 4]
    assert package.home_area.id == "sutton"
    idva = next(i for i in package.indicators if i.id == "idva-referrals")
    assert idva.unit is Unit.COUNT
    assert idva.breakdowns == ("risk_level", "gender")
    assert idva.sensitive
    assert idva.disclosure_max_count == 4
    burglary = [o for o in package.observations
                if o.indicator == "residential-burglary-rate" and o.area == "sutton"]
    assert [(o.period.code, o.value, o.numerator) for o in burglary] == [
        ("2021/22", 3.72, 780), ("2022/23", 3.66, 767)]
    suppressed = [o for o in package.observations if o.marker is Marker.SUPPRESSED]
    assert all(o.value is None for o in suppressed) and len(suppressed) == 4
    assert package.descriptor == read_descriptor(MINIMAL)


def test_read_cells_of_a_large_file_agrees_with_the_csv_module() -> None:
    # Several megabytes of quoted cells holding commas, doubled quotes and line breaks, so the
    # byte scanner's block edges fall inside them wherever they lie.
    rng = random.Random(3)
    pieces = ["a", ",", '""', "\n", " "]
    rows = ['"' + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) + f'",{n}'
            for n in range(250_000)]
    text = "note,n\n" + "\n".join(rows) + "\n"
    assert len(text) > 3 * 2**20
    header, found, numbers, widths = cells(text)
    expected = list(csv.reader(io.StringIO(text)))[1:]
    assert header == ("note", "n")
    assert found == expected
    assert numbers == list(range(2, len(expected) + 2)) and set(widths) == {2}


def test_read_rows_reads_a_column_named_twice_from_its_last_appearance(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b,a\n1,2,3\n4,,\n , ,\n", encoding="utf-8")
    # The second row's only cell is under the first 'a', which the second one hides: blank.
    assert list(read_rows(path)) == [{"a": "3", "b": "2"}]


def test_read_rows_of_an_empty_file_or_a_header_alone(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    for text in ("", "a,b\n", "a,b\n\n \n"):
        path.write_text(text, encoding="utf-8")
        assert list(read_rows(path)) == []


def test_load_package_reads_observations_as_read_rows_does(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "observations.csv"
    header = "indicator,area,period,breakdown,value,status,vintage\n"
    path.write_text(
        header
        + "idva-referrals, sutton ,2023/24 ,all, 12 ,,v2025-03\n"
        + " , , , , , , \n"
        + "idva-referrals,sutton,2022/23,all,,[c],v2025-03,extra cell\n"
        + "idva-referrals,sutton,2021/22,all,7\n",
        encoding="utf-8",
    )
    observations = load_package(tmp_path).observations
    assert [(o.period.code, o.area, o.value, o.marker, o.numerator, o.note, o.vintage)
            for o in observations] == [
        ("2021/22", "sutton", 7.0, None, None, "", ""),
        ("2022/23", "sutton", None, Marker.SUPPRESSED, None, "", "v2025-03"),
        ("2023/24", "sutton", 12.0, None, None, "", "v2025-03"),
    ]
    # Periods are shared, so each code is parsed and labelled once.
    assert observations[0].period is load_package(tmp_path).observations[0].period


def test_load_package_needs_the_key_columns_of_observations(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path, dirs_exist_ok=True)
    (tmp_path / "observations.csv").write_text("indicator,area,period,value\nx,sutton,2023,1\n",
                                               encoding="utf-8")
    with pytest.raises(KeyError):
        load_package(tmp_path)


@pytest.mark.parametrize("enabled", [True, False])
def test_load_package_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_package(MINIMAL)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
