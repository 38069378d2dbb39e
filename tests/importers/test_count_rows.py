"""Figures of counted offences as rows: which release, which markers, what is withheld."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.importers.areas import ImportArea
from generator.importers.count_periods import CountSource, planned_periods
from generator.importers.count_rows import CountedMeasure, figure_rows
from generator.importers.denominators import Populations
from generator.importers.sources import SourceRelease

HOME = ImportArea("home", "Home", "E09000001", "borough", True, False, "")
OTHER = ImportArea("other", "Other", "E09000002", "borough", False, False, "")
NAMES = {"home": frozenset({"Home"}), "other": frozenset({"Other"})}
POPULATIONS = Populations({(area, year): (100_000, "ons-test") for area in NAMES
                           for year in range(2021, 2025)}, Path("population.csv"))


def _source(identifier: str, released: str, first: str, last: str,
            per_month: dict[str, int]) -> CountSource:
    start, end = (int(text[:4]) * 12 + int(text[5:]) - 1 for text in (first, last))
    months = tuple(date(index // 12, index % 12 + 1, 1) for index in range(start, end + 1))
    release = SourceRelease(Path(identifier), identifier, "police", "dashboard", "", released,
                            "OGL", "", "", "", ())
    return CountSource(release, months, {name: dict.fromkeys(months, count)
                                         for name, count in per_month.items()})


def _measure(**changes: object) -> CountedMeasure:
    fields: dict[str, object] = dict(indicator="hate-crime-reports", per=None, decimals=0,
                                     sensitive=True, max_count=4, break_month=None)
    fields.update(changes)
    return CountedMeasure(**fields)  # type: ignore[arg-type]


def _rows(measure: CountedMeasure, *sources: CountSource) -> tuple[dict[tuple[str, str], dict[str, str]], list[dict[str, str]]]:
    plans = planned_periods(sources, financial_years=True)
    written = figure_rows(measure, plans, (HOME, OTHER), NAMES, POPULATIONS)
    return ({(row["area"], row["period"]): row for row in written.observations},
            written.revisions)


OLDER = _source("dash-a", "2025-08", "2022-04", "2025-03", {"Home": 10, "Other": 1})
NEWER = _source("dash-b", "2026-03", "2023-04", "2025-03", {"Home": 11, "Other": 1})


def test_a_count_measure_gives_the_count_with_the_population_beside_it() -> None:
    rows, _ = _rows(_measure(), OLDER)
    row = rows[("home", "2023/24")]
    assert (row["value"], row["numerator"], row["denominator"]) == ("120", "120", "100000")
    assert row["vintage"] == "dash-a"


def test_a_rate_is_rounded_once_from_the_count_and_population() -> None:
    rows, _ = _rows(_measure(indicator="knife-crime-rate", per=10_000, decimals=1,
                             sensitive=False), OLDER)
    assert rows[("home", "2023/24")]["value"] == "12"  # 120 / 100,000 x 10,000
    assert rows[("other", "2023/24")]["value"] == "1.2"


def test_a_newer_release_restates_a_figure_and_the_older_count_is_logged() -> None:
    rows, revisions = _rows(_measure(), OLDER, NEWER)
    row = rows[("home", "2023/24")]
    assert (row["numerator"], row["status"], row["vintage"]) == ("132", "[r]", "dash-b")
    [logged] = [r for r in revisions if (r["area"], r["period"]) == ("home", "2023/24")]
    assert (logged["previous_value"], logged["revised_by"]) == ("120", "dash-b")
    # 2022/23 only the older release covers: it is published from it, unrevised.
    assert rows[("home", "2022/23")]["vintage"] == "dash-a"


def test_a_small_sensitive_count_and_its_earlier_value_are_withheld() -> None:
    small_older = _source("dash-a", "2025-08", "2024-03", "2025-03", {"Home": 20, "Other": 0})
    small_newer = _source("dash-b", "2026-03", "2024-03", "2025-03", {"Home": 20, "Other": 0})
    # One offence in one month only: make March 2025 hold it in the newer release.
    small_newer.offences["Other"][date(2025, 3, 1)] = 1  # type: ignore[index]
    rows, revisions = _rows(_measure(), small_older, small_newer)
    row = rows[("other", "2024/25")]
    assert (row["value"], row["numerator"], row["status"]) == ("", "", "[c]")
    assert row["denominator"] == "100000"
    [logged] = [r for r in revisions if (r["area"], r["period"]) == ("other", "2024/25")]
    assert (logged["previous_value"], logged["previous_status"]) == ("", "[c]")


def test_periods_holding_the_first_month_after_a_break_are_marked() -> None:
    measure = _measure(sensitive=False, break_month=date(2024, 3, 1), break_note="Break.")
    rows, _ = _rows(measure, OLDER)
    assert rows[("home", "2023/24")]["status"] == "[b]"
    assert rows[("home", "2024-03")]["status"] == "[b]"
    assert rows[("home", "2024/25")]["status"] == ""
    assert ("other", "2024-03") not in rows  # months only for the home area and comparators
