"""The import-mps command: scratch police releases in, observations, breaks and revisions out."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from generator.importers import mps

from .conftest import Runner
from .helpers import manifest, months, observation, police_csv, police_release, read_csv

THEFT = ("THEFT", "SHOPLIFTING")
DWELLING = ("BURGLARY", "BURGLARY IN A DWELLING")
RESIDENTIAL = ("BURGLARY", "BURGLARY - RESIDENTIAL")
HOME = ("BURGLARY", "RES BURGLARY OF A HOME")
UNCONNECTED = ("BURGLARY", "RES BURGLARY OF UNCONNECTED BUILDING")
FROM_VEHICLE = ("VEHICLE OFFENCES", "THEFT FROM A VEHICLE")
TAKING = ("VEHICLE OFFENCES", "THEFT OR UNAUTH TAKING OF A MOTOR VEH")
AGGRAVATED = ("VEHICLE OFFENCES", "AGGRAVATED VEHICLE TAKING")
RAPE = ("SEXUAL OFFENCES", "RAPE")
OTHER_SEXUAL = ("SEXUAL OFFENCES", "OTHER SEXUAL OFFENCES")
BOROUGHS = ("Sutton", "Croydon", "Merton")
# A month of each borough's offences: shoplifting differs by borough, the rest is the same.
SHOPLIFTING = {"Sutton": 50, "Croydon": 100, "Merton": 10}
EACH = {DWELLING: 10, FROM_VEHICLE: 3, TAKING: 2, AGGRAVATED: 1, RAPE: 1, OTHER_SEXUAL: 2}
UNKNOWN_ROW = 7  # shoplifting a month in the row with no known borough

OLDER = ("mps-borough-2024-06", "2024-06", date(2022, 4, 1))  # April 2022 to March 2024
NEWER = ("mps-borough-2025-06", "2025-06", date(2023, 4, 1))  # April 2023 to March 2025


def cells(span: list[date], *, sutton_shoplifting: int = 50, burglary: dict[tuple[str, str], list[int]]
          | None = None, extra: dict[tuple[str, str, str], int] | None = None,
          ) -> dict[tuple[str, str, str], int | list[int]]:
    """Return every row of a scratch police file covering span."""
    rows: dict[tuple[str, str, str], int | list[int]] = {}
    for borough in BOROUGHS:
        shoplifting = sutton_shoplifting if borough == "Sutton" else SHOPLIFTING[borough]
        rows[(*THEFT, borough)] = shoplifting
        for category, count in EACH.items():
            if burglary is not None and category == DWELLING:
                continue
            rows[(*category, borough)] = count
        for category, counts in (burglary or {}).items():
            rows[(*category, borough)] = counts
    rows[(*THEFT, "Unknown")] = UNKNOWN_ROW
    rows.update(extra or {})
    return rows


def release(root: Path, which: tuple[str, str, date], **options: object) -> Path:
    """Write a 24-month scratch release."""
    identifier, released, first = which
    span = months(first, 24)
    return police_release(root, identifier, released, {"recent24.csv": (span, cells(span, **options))})  # type: ignore[arg-type]


def digest(data_dir: Path) -> dict[str, str]:
    """Return each data file's sha256, to prove a refused import changed nothing."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(data_dir.iterdir())}


def imported(run: Runner, data_dir: Path, *folders: Path) -> list[dict[str, str]]:
    """Import the releases (and those already registered) and return the observations."""
    code = run(mps, *folders, "--data-dir", data_dir, "--sources-dir", folders[0].parent)
    assert code == 0
    return read_csv(data_dir / "observations.csv")


@pytest.fixture
def two_releases(tmp_path: Path) -> tuple[Path, Path]:
    """An older release and a newer one that restates Sutton's shoplifting (60 a month)."""
    sources = tmp_path / "sources"
    return release(sources, OLDER), release(sources, NEWER, sutton_shoplifting=60)


def test_each_year_comes_from_the_newest_release_that_covers_it(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    years = {row["period"]: row["vintage"] for row in rows
             if row["area"] == "sutton" and row["indicator"] == "total-offences-rate"
             and "/" in row["period"] and "-" not in row["period"]}
    assert years == {"2022/23": OLDER[0], "2023/24": NEWER[0], "2024/25": NEWER[0]}
    # Sutton a month: 50 shoplifting + 19 others = 69 in the older release, 79 in the newer.
    older = observation(rows, "total-offences-rate", "sutton", "2022/23")
    newer = observation(rows, "total-offences-rate", "sutton", "2023/24")
    assert (older["numerator"], older["denominator"], older["value"]) == ("828", "200000", "4.1")
    assert (newer["numerator"], newer["value"]) == ("948", "4.7")


def test_rates_are_rounded_once_from_count_and_population(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    # Theft from a vehicle: 36 / 200,000 x 1,000 = 0.18, shown at the measure's 1 decimal: 0.2.
    from_vehicle = observation(rows, "theft-from-motor-vehicle-rate", "sutton", "2022/23")
    assert (from_vehicle["numerator"], from_vehicle["value"]) == ("36", "0.2")
    # Sexual offences are per 10,000: 36 / 400,000 x 10,000 = 0.9.
    sexual = observation(rows, "sexual-offences-rate", "croydon", "2022/23")
    assert (sexual["numerator"], sexual["denominator"], sexual["value"]) == ("36", "400000", "0.9")


def test_theft_of_a_vehicle_includes_aggravated_vehicle_taking(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    taken = observation(rows, "theft-of-motor-vehicle-rate", "sutton", "2022/23")
    assert taken["numerator"] == str((2 + 1) * 12)


def test_london_adds_up_the_boroughs_and_says_what_it_leaves_out(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    london = observation(rows, "total-offences-rate", "london", "2022/23")
    per_month = sum(SHOPLIFTING.values()) + 3 * sum(EACH.values())
    assert london["numerator"] == str(12 * per_month)
    assert london["denominator"] == "700000"
    assert f"Leaves out {12 * UNKNOWN_ROW} offences" in london["note"]
    assert f"({100 * UNKNOWN_ROW / (per_month + UNKNOWN_ROW):.1f}% of the police's London total)" in london["note"]


def test_rolling_twelve_months_and_the_newest_release_months(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    latest = observation(rows, "total-offences-rate", "sutton", "2024-04/2025-03")
    before = observation(rows, "total-offences-rate", "sutton", "2023-04/2024-03")
    assert latest["period_label"] == "12 months to March 2025"
    assert (latest["numerator"], latest["vintage"]) == ("948", NEWER[0])
    assert (before["numerator"], before["vintage"]) == ("948", NEWER[0])
    monthly = {(row["area"], row["period"]) for row in rows
               if row["indicator"] == "total-offences-rate" and len(row["period"]) == 7
               and "-" in row["period"]}
    # Every month of the newest release, for the home area and the named comparators only.
    expected = {(area, f"{month:%Y-%m}") for area in ("sutton", "croydon", "london")
                for month in months(NEWER[2], 24)}
    assert monthly == expected


def test_a_period_after_the_newest_estimate_is_provisional(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    # 2024/25 asks for mid-2024; the scratch estimates end at mid-2023.
    later = observation(rows, "residential-burglary-rate", "sutton", "2024/25")
    assert later["status"] == "[p]" and later["denominator"] == "200000"
    assert "mid-2023 population estimate, the newest available; mid-2024" in later["note"]
    assert observation(rows, "residential-burglary-rate", "sutton", "2022/23")["status"] == ""


def test_a_restated_figure_is_revised_and_the_earlier_count_logged(
    run: Runner, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    rows = imported(run, data_dir, *two_releases)
    restated = observation(rows, "total-offences-rate", "sutton", "2023/24")
    assert restated["status"] == "[r]"
    # Croydon's counts are the same in both releases, so nothing is revised.
    assert observation(rows, "total-offences-rate", "croydon", "2023/24")["status"] == ""
    log = [row for row in read_csv(data_dir / "revisions.csv")
           if (row["indicator"], row["area"], row["period"]) == ("total-offences-rate", "sutton", "2023/24")]
    assert len(log) == 1
    assert (log[0]["previous_value"], log[0]["revised_by"], log[0]["revised_in"]) == ("4.1", NEWER[0], "")
    assert "it was 828 in mps-borough-2024-06" in log[0]["reason"]
    registered = [row["id"] for row in read_csv(data_dir / "sources.csv")]
    assert OLDER[0] in registered and NEWER[0] in registered


def test_the_order_of_imports_does_not_matter_and_a_repeat_changes_nothing(
    run: Runner, tmp_path: Path, data_dir: Path, two_releases: tuple[Path, Path],
) -> None:
    older, newer = two_releases
    imported(run, data_dir, older, newer)
    together = digest(data_dir)
    other = tmp_path / "other"
    other.mkdir()
    for path in data_dir.iterdir():
        if path.name in ("datapackage.json", "indicators.csv", "areas.csv", "population.csv"):
            (other / path.name).write_bytes(path.read_bytes())
    (other / "sources.csv").write_bytes((data_dir.parent / "data" / "sources.csv").read_bytes())
    # Newest first, one at a time: the releases registered so far are read again each time.
    imported(run, other, newer)
    imported(run, other, older)
    assert digest(other) == together
    # Importing an old release again changes nothing; neither does a 24-month file alone.
    imported(run, other, older)
    imported(run, other, newer)
    assert digest(other) == together


def test_a_definition_change_inside_a_release_is_a_break_both_ways(
    run: Runner, tmp_path: Path, data_dir: Path,
) -> None:
    span = months(NEWER[2], 24)
    switch = span.index(date(2024, 3, 1))
    burglary = {DWELLING: [10] * switch + [0] * (24 - switch),
                RESIDENTIAL: [0] * switch + [12] * (24 - switch)}
    folder = release(tmp_path / "sources", NEWER, burglary=burglary)
    rows = imported(run, data_dir, folder)
    breaks = read_csv(data_dir / "series_breaks.csv")
    assert [(row["indicator"], row["period"]) for row in breaks] == [
        ("residential-burglary-rate", "2024-03")]
    assert "March 2024" in breaks[0]["description"] and "sheds, garages" in breaks[0]["description"]
    # The year holding the change is marked, and says what it counts; the next year is not.
    mixed = observation(rows, "residential-burglary-rate", "sutton", "2023/24")
    assert (mixed["status"], mixed["numerator"]) == ("[b]", str(11 * 10 + 12))
    assert "110 recorded as burglary in a dwelling" in mixed["note"]
    assert observation(rows, "residential-burglary-rate", "sutton", "2024/25")["status"] != "[b]"
    assert observation(rows, "residential-burglary-rate", "sutton", "2024-03")["status"] == "[b]"


def test_releases_with_different_definitions_make_a_break_between_them(
    run: Runner, tmp_path: Path, data_dir: Path,
) -> None:
    sources = tmp_path / "sources"
    older = release(sources, OLDER)
    newer = release(sources, NEWER, burglary={HOME: [9] * 24, UNCONNECTED: [4] * 24,
                                              RESIDENTIAL: [0] * 23 + [1]})
    rows = imported(run, data_dir, older, newer)
    breaks = read_csv(data_dir / "series_breaks.csv")
    assert [row["period"] for row in breaks] == ["2023-04"]
    assert OLDER[0] in breaks[0]["description"] and NEWER[0] in breaks[0]["description"]
    # Burglary of a home only: unconnected buildings and the stray joint category are left out.
    home = observation(rows, "residential-burglary-rate", "sutton", "2023/24")
    assert (home["numerator"], home["status"]) == (str(9 * 12), "[b]")
    total = observation(rows, "total-offences-rate", "sutton", "2024/25")
    assert int(total["numerator"]) == 12 * (50 + 19 - 10 + 9 + 4) + 1


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("unknown category", "the police category 'THEFT' / 'PICKPOCKETING' is not in the importer's table"),
        ("unknown area", "'Gotham' is neither a borough in data/areas.csv"),
        ("unknown layout", "this is not a police borough-level crime layout the importer knows"),
        ("month missing", "the month columns skip June 2023"),
        ("period not the manifest's", "but its manifest says 2023-04 to 2025-04"),
        ("altered file", "does not match its manifest"),
        ("borough missing", "has no rows for Merton"),
    ],
)
def test_bad_input_stops_the_import_and_changes_nothing(
    run: Runner, tmp_path: Path, data_dir: Path, two_releases: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str], problem: str, message: str,
) -> None:
    imported(run, data_dir, two_releases[0])
    before = digest(data_dir)
    folder = tmp_path / "sources" / "mps-borough-2025-07"
    folder.mkdir()
    span = months(NEWER[2], 24)
    rows = cells(span)
    header = ("MajorText", "MinorText", "BoroughName")
    period = (f"{span[0]:%Y-%m}", f"{span[-1]:%Y-%m}")
    if problem == "unknown category":
        rows[("THEFT", "PICKPOCKETING", "Sutton")] = 1
    elif problem == "unknown area":
        rows[(*THEFT, "Gotham")] = 1
    elif problem == "unknown layout":
        header = ("Crime", "Type", "Place")
    elif problem == "month missing":
        span = [month for month in span if month != date(2023, 6, 1)]
        rows = cells(span)
    elif problem == "period not the manifest's":
        period = (period[0], "2025-04")
    elif problem == "borough missing":
        rows = {key: value for key, value in rows.items() if key[2] != "Merton"}
    police_csv(folder / "recent24.csv", span, rows, header)
    manifest(folder, "2025-07", {"recent24.csv": period})
    if problem == "altered file":
        (folder / "recent24.csv").write_text(
            (folder / "recent24.csv").read_text(encoding="utf-8").replace(",50,", ",51,", 1),
            encoding="utf-8")
    code = run(mps, folder, "--data-dir", data_dir, "--sources-dir", folder.parent)
    assert code == 1
    err = capsys.readouterr().err
    assert "Nothing was written" in err and message in err
    assert digest(data_dir) == before
