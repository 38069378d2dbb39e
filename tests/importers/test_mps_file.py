"""Reading the police publication's files in each of their layouts, CSV or Parquet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from generator.importers.mps_file import normalised_header, read_police_file
from generator.importers.problems import InputError

from .helpers import MPS_FIXTURES


@pytest.mark.parametrize(
    ("name", "first", "last", "rows"),
    [
        ("borough-name-layout.csv", date(2022, 3, 1), date(2024, 3, 1), 15),
        ("lookup-layout.csv", date(2020, 4, 1), date(2022, 3, 1), 9),
        ("bocu-layout.csv", date(2024, 4, 1), date(2026, 3, 1), 4),
    ],
)
def test_each_layout_is_read(name: str, first: date, last: date, rows: int) -> None:
    police = read_police_file(MPS_FIXTURES / name)
    assert (police.months[0], police.last_month) == (first, last)
    assert len(police.rows) == rows
    assert "Sutton" in police.areas


def test_header_names_are_compared_without_case_spaces_or_underscores() -> None:
    assert normalised_header("LookUp_BoroughName") == normalised_header("lookup boroughname")
    assert normalised_header("MajorText") == "majortext"


def test_a_parquet_conversion_with_lower_cased_headers_reads_like_the_csv(tmp_path: Path) -> None:
    path = tmp_path / "borough.parquet"
    table = pa.table({"majortext": ["THEFT", "BURGLARY"], "minortext": ["SHOPLIFTING", "RES BURGLARY OF A HOME"],
                      "boroughname": ["Sutton", "Sutton"], "202403": [5, 1], "202404": [6, 0]})
    pq.write_table(table, path)
    police = read_police_file(path)
    assert police.months == (date(2024, 3, 1), date(2024, 4, 1))
    assert [(row.major, row.minor, row.area, row.counts) for row in police.rows] == [
        ("THEFT", "SHOPLIFTING", "Sutton", (5, 6)),
        ("BURGLARY", "RES BURGLARY OF A HOME", "Sutton", (1, 0)),
    ]


def test_a_blank_count_in_parquet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.parquet"
    pq.write_table(pa.table({"group": ["THEFT"], "subgroup": ["SHOPLIFTING"], "bocu": ["Sutton"],
                             "202403": pa.array([None], pa.int64())}), path)
    with pytest.raises(InputError, match="column 202403: '' is not a count of offences"):
        read_police_file(path)


def test_byte_order_mark_does_not_hide_the_first_column() -> None:
    police = read_police_file(MPS_FIXTURES / "lookup-layout.csv")
    first = police.rows[0]
    assert (first.row_number, first.major, first.minor, first.area) == (
        2, "Burglary", "Domestic Burglary", "Bromley"
    )
    assert first.counts == (8,) * 24


def test_a_repeated_category_would_count_twice_so_it_is_refused(tmp_path: Path) -> None:
    police = tmp_path / "repeated.csv"
    police.write_text(
        "MajorText,MinorText,BOCU,202304\nTHEFT,SHOPLIFTING,Sutton,1\nTHEFT,SHOPLIFTING,Sutton,2\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="row 3: repeats 'Sutton', 'THEFT' / 'SHOPLIFTING' from row 2"):
        read_police_file(police)


def test_a_short_row_is_reported(tmp_path: Path) -> None:
    police = tmp_path / "short.csv"
    police.write_text("Group,SubGroup,BOCU,202304,202305\nTHEFT,SHOPLIFTING,Sutton,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: has 4 cells but the header has 5 columns"):
        read_police_file(police)


def test_a_column_that_is_not_a_month_is_named(tmp_path: Path) -> None:
    police = tmp_path / "total.csv"
    police.write_text("MajorText,MinorText,BoroughName,202304,Total\nTHEFT,SHOPLIFTING,Sutton,1,1\n",
                      encoding="utf-8")
    with pytest.raises(InputError, match="These columns are not months: 'Total'"):
        read_police_file(police)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nowhere.csv: there is no such file"):
        read_police_file(tmp_path / "nowhere.csv")
