"""A police release's files must together cover one unbroken run of months, each month once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.importers.police_release import read_police_release
from generator.importers.problems import InputError
from generator.importers.sources import read_release

from .helpers import manifest, months, police_csv

ROWS = {("THEFT", "SHOPLIFTING", "Sutton"): 5}


def release_of(tmp_path: Path, spans: dict[str, list[date]]) -> Path:
    folder = tmp_path / "mps-borough-2025-03"
    folder.mkdir()
    for name, span in spans.items():
        police_csv(folder / name, span, ROWS)
    return manifest(folder, "2025-03", {name: (f"{span[0]:%Y-%m}", f"{span[-1]:%Y-%m}")
                                        for name, span in spans.items()})


def test_a_historical_and_a_recent_file_join_into_one_run_of_months(tmp_path: Path) -> None:
    folder = release_of(tmp_path, {"historical.csv": months(date(2022, 4, 1), 12),
                                   "recent.csv": months(date(2023, 4, 1), 24)})
    police = read_police_release(read_release(folder))
    assert (police.months[0], police.months[-1], len(police.months)) == (
        date(2022, 4, 1), date(2025, 3, 1), 36)
    assert police.covers(date(2022, 4, 1), date(2025, 3, 1))
    assert not police.covers(date(2022, 3, 1), date(2023, 2, 1))
    assert police.monthly_counts()[("Sutton", "THEFT", "SHOPLIFTING")][date(2024, 1, 1)] == 5


def test_files_that_leave_a_month_out_between_them_are_refused(tmp_path: Path) -> None:
    folder = release_of(tmp_path, {"historical.csv": months(date(2022, 4, 1), 12),
                                   "recent.csv": months(date(2023, 5, 1), 23)})
    with pytest.raises(InputError, match="its files leave out April 2023"):
        read_police_release(read_release(folder))


def test_files_that_overlap_are_refused(tmp_path: Path) -> None:
    folder = release_of(tmp_path, {"historical.csv": months(date(2022, 4, 1), 13),
                                   "recent.csv": months(date(2023, 4, 1), 24)})
    with pytest.raises(InputError, match="both hold April 2023"):
        read_police_release(read_release(folder))
