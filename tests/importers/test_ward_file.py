"""Reading the police ward-level releases: both layouts, the manifest's months, bad input."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from generator.importers.problems import InputError
from generator.importers.sources import read_release
from generator.importers.ward_file import read_ward_file

from .releases import SOURCES, copied_release, rewrite_file

CSV_RELEASE = "mps-ward-2026-02"
PARQUET_RELEASE = "mps-ward-2026-03"
CSV_NAME = "MPS_Ward_Level_Crime_recent24_202402-202601_lb-lewisham.csv"
PARQUET_NAME = "recorded-crime-ward_202402-202602_fenneh-0659865.parquet"
SUTTON_CENTRAL = "E05013765"


def _raw_csv_total(ward: str, month: str) -> int:
    with (SOURCES / CSV_RELEASE / CSV_NAME).open(encoding="utf-8", newline="") as stream:
        return sum(int(row[month]) for row in csv.DictReader(stream) if row["WardCode"] == ward)


def _raw_parquet_total(ward: str, month: str) -> int:
    table = pq.read_table(SOURCES / PARQUET_RELEASE / PARQUET_NAME, columns=["wardcode", month])
    return sum(int(row[month]) for row in table.to_pylist() if row["wardcode"] == ward)


def test_the_csv_release_gives_each_wards_counts_as_published() -> None:
    ward_file = read_ward_file(read_release(SOURCES / CSV_RELEASE), "Sutton")
    column = ward_file.months.index(next(m for m in ward_file.months if f"{m:%Y%m}" == "202501"))
    total = sum(counts[column] for (ward, _major, _minor), counts in ward_file.counts.items()
                if ward == SUTTON_CENTRAL)
    assert total == _raw_csv_total(SUTTON_CENTRAL, "202501")
    assert len({ward for ward, _major, _minor in ward_file.counts}) == 20
    assert ward_file.ward_names[SUTTON_CENTRAL] == "Sutton Central"


def test_the_parquet_release_is_read_by_the_same_names_and_its_manifest_months() -> None:
    ward_file = read_ward_file(read_release(SOURCES / PARQUET_RELEASE), "Sutton")
    # The conversion's 2024-02 column is all zeros: the manifest starts the release in March.
    assert f"{ward_file.months[0]:%Y-%m}" == "2024-03"
    assert f"{ward_file.last_month:%Y-%m}" == "2026-02"
    last = len(ward_file.months) - 1
    total = sum(counts[last] for (ward, _major, _minor), counts in ward_file.counts.items()
                if ward == SUTTON_CENTRAL)
    assert total == _raw_parquet_total(SUTTON_CENTRAL, "202602")


def _without_column(name: str) -> bytes:
    table = pq.read_table(SOURCES / PARQUET_RELEASE / PARQUET_NAME)
    sink = io.BytesIO()
    pq.write_table(table.drop_columns([name]), sink)
    return sink.getvalue()


def test_a_file_without_a_ward_column_is_refused_naming_the_column(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, PARQUET_RELEASE)
    rewrite_file(folder, PARQUET_NAME, lambda _old: _without_column("wardcode"))
    with pytest.raises(InputError) as caught:
        read_ward_file(read_release(folder), "Sutton")
    message = str(caught.value)
    assert PARQUET_NAME in message and "'wardcode'" in message and "not a layout" in message


def test_a_release_with_a_month_missing_is_refused_naming_the_month(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, PARQUET_RELEASE)
    rewrite_file(folder, PARQUET_NAME, lambda _old: _without_column("202506"))
    with pytest.raises(InputError) as caught:
        read_ward_file(read_release(folder), "Sutton")
    assert "202506" in str(caught.value) and "month missing" in str(caught.value)


def test_a_count_that_is_not_a_whole_number_is_refused_naming_its_row(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, CSV_RELEASE)

    def spoil(old: bytes) -> bytes:
        lines = old.decode("utf-8").split("\n")
        row = next(i for i, line in enumerate(lines) if ",Sutton," in line)
        cells = lines[row].split(",")
        cells[-1] = "n/a"
        lines[row] = ",".join(cells)
        return "\n".join(lines).encode("utf-8")

    rewrite_file(folder, CSV_NAME, spoil)
    with pytest.raises(InputError) as caught:
        read_ward_file(read_release(folder), "Sutton")
    assert "'n/a' is not a count" in str(caught.value) and "column 202601" in str(caught.value)


def test_an_altered_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, PARQUET_RELEASE)
    table = pq.read_table(folder / PARQUET_NAME)
    pq.write_table(table.slice(0, 10), folder / PARQUET_NAME)  # the manifest is not updated
    with pytest.raises(InputError) as caught:
        read_ward_file(read_release(folder), "Sutton")
    assert "does not match its manifest" in str(caught.value)


def test_a_borough_with_no_rows_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_ward_file(read_release(SOURCES / CSV_RELEASE), "Nowhere")
    assert "no rows for 'Nowhere'" in str(caught.value)


