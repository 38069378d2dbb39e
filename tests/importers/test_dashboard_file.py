"""Reading the police Monthly Crime Dashboard releases: borough offences by month, bad input."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from generator.importers.dashboard_file import (
    EVERY_BOROUGH,
    LEFT_OUT,
    DashboardFile,
    Flagged,
    read_dashboard_release,
)
from generator.importers.problems import InputError
from generator.importers.sources import read_release

from .helpers import REPO_ROOT, read_csv
from .releases import SOURCES, copied_release, rewrite_file

OTHER = "mps-dashboard-other-2025-08"
OTHER_NAME = "monthly-crime-dashboard_OtherCrimeData_refresh2025-08_fenneh-9476eed.parquet"
BOROUGHS = [row["name"] for row in read_csv(REPO_ROOT / "data" / "areas.csv")
            if row["kind"] == "borough"]


@cache
def _raw_table() -> pa.Table:
    return pq.read_table(SOURCES / OTHER / OTHER_NAME)


def _raw(month: date, borough: str, subtype: str) -> int:
    """Return a borough's offences in a month, read from the Parquet file with pyarrow alone."""
    table = _raw_table()
    keep = pc.and_(pc.and_(pc.equal(table["area_type"], "Borough"),
                           pc.equal(table["measure"], "Offences")),
                   pc.and_(pc.equal(pc.utf8_lower(table["crime_subtype"]), subtype),
                           pc.equal(table["borough_snt"], borough)))
    rows = table.filter(keep).to_pylist()
    return sum(row["count"] for row in rows if row["month_year"].date() == month)


@pytest.fixture(scope="module")
def other() -> DashboardFile:
    return read_dashboard_release(read_release(SOURCES / OTHER), BOROUGHS)


def test_offences_per_borough_and_month_are_as_published(other: DashboardFile) -> None:
    month = date(2025, 1, 1)
    for series, subtype in ((Flagged.DOMESTIC_ABUSE, "domestic abuse"),
                            (Flagged.HATE_CRIME, "hate crime")):
        for borough in ("Sutton", "Croydon"):
            assert other.offences[(series, borough)][month] == _raw(month, borough, subtype)


def test_london_is_the_32_boroughs_without_the_rows_that_are_not_boroughs(other: DashboardFile) -> None:
    month = date(2024, 6, 1)
    series = Flagged.GUN_CRIME
    boroughs = [name for (flagged, name) in other.offences
                if flagged is series and name not in (EVERY_BOROUGH, LEFT_OUT)]
    assert len(boroughs) == 32 and "Sutton" in boroughs
    total = sum(other.offences[(series, name)][month] for name in boroughs)
    assert other.offences[(series, EVERY_BOROUGH)][month] == total
    # The rows of no borough (e.g. "Other / NK") are counted apart, for London's note.
    assert other.offences[(series, LEFT_OUT)][month] > 0


def test_a_month_with_no_row_for_a_borough_counts_no_offences(other: DashboardFile) -> None:
    # The dashboard publishes no zero counts: gun crime in Sutton has months without a row.
    months = other.months
    by_month = other.offences[(Flagged.GUN_CRIME, "Sutton")]
    assert any(month not in by_month for month in months)
    assert all(by_month[month] == 0 for month in months if month not in by_month)


def _rewritten(change: Callable[[pa.Table], pa.Table]) -> bytes:
    table = pq.read_table(SOURCES / OTHER / OTHER_NAME)
    sink = io.BytesIO()
    pq.write_table(change(table), sink)
    return sink.getvalue()


def test_a_file_without_the_count_column_is_refused_naming_it(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, OTHER)
    rewrite_file(folder, OTHER_NAME, lambda _old: _rewritten(lambda t: t.drop_columns(["count"])))
    with pytest.raises(InputError) as caught:
        read_dashboard_release(read_release(folder), BOROUGHS)
    assert OTHER_NAME in str(caught.value) and "'count'" in str(caught.value)


def test_a_release_with_a_month_missing_is_refused_naming_the_month(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, OTHER)
    gone = pa.scalar(datetime(2024, 11, 1), pa.timestamp("us"))

    def drop_november(table: pa.Table) -> pa.Table:
        return table.filter(pc.not_equal(table["month_year"], gone))

    rewrite_file(folder, OTHER_NAME, lambda _old: _rewritten(drop_november))
    with pytest.raises(InputError) as caught:
        read_dashboard_release(read_release(folder), BOROUGHS)
    assert "2024-11" in str(caught.value) and "month missing" in str(caught.value)


def test_an_altered_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, OTHER)
    (folder / OTHER_NAME).write_bytes(b"not the published file")
    with pytest.raises(InputError) as caught:
        read_dashboard_release(read_release(folder), BOROUGHS)
    assert "does not match its manifest" in str(caught.value)


def test_a_borough_row_that_is_not_a_borough_in_areas_is_refused_naming_it() -> None:
    with pytest.raises(InputError) as caught:
        read_dashboard_release(read_release(SOURCES / OTHER), [b for b in BOROUGHS if b != "Sutton"])
    assert "'Sutton' is neither a borough in data/areas.csv" in str(caught.value)
