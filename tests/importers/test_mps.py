"""The import-mps command: police fixture files in, observations and series breaks out."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest

from generator.importers import mps, population
from generator.importers.london import MPS_BOROUGHS, NON_BOROUGH_ROWS

from .conftest import Runner
from .helpers import LONDON_2021, MPS_FIXTURES, REPO_ROOT, observation, read_csv

BOROUGH_NAME = MPS_FIXTURES / "borough-name-layout.csv"
LOOKUP = MPS_FIXTURES / "lookup-layout.csv"
BOCU = MPS_FIXTURES / "bocu-layout.csv"
UNKNOWN_LAYOUT = REPO_ROOT / "tests" / "fixtures" / "invalid" / "police-file-unknown-layout" / "police-crime.csv"


def import_areas(run: Runner, census_file: Path, data_dir: Path, *options: str) -> None:
    """Write areas.csv and population.csv for the scratch data package."""
    assert run(population, census_file, "--data-dir", data_dir, *options) == 0


@pytest.fixture
def imported(run: Runner, census_file: Path, data_dir: Path) -> list[dict[str, str]]:
    """Import the BoroughName-layout fixture for Sutton and Croydon and return the observations."""
    import_areas(run, census_file, data_dir, "--comparators", "Croydon")
    code = run(mps, BOROUGH_NAME, "--vintage", "v2025-03", "--comparators", "Croydon",
               "--no-london", "--data-dir", data_dir)
    assert code == 0
    return read_csv(data_dir / "observations.csv")


def test_only_complete_financial_years_are_imported(imported: list[dict[str, str]]) -> None:
    # The fixture starts in March 2022, so 2021/22 has one month and must be left out.
    assert sorted({row["period"] for row in imported}) == ["2022/23", "2023/24"]
    assert {row["area"] for row in imported} == {"sutton", "croydon"}
    assert len(imported) == 5 * 2 * 2


def test_total_offences_sum_every_category_by_financial_year(imported: list[dict[str, str]]) -> None:
    # Sutton a month: 50 + 3 + 2 + 1 + 2 = 58, plus 10 burglaries (20 in March 2024 only).
    first = observation(imported, "total-offences-rate", "sutton", "2022/23")
    second = observation(imported, "total-offences-rate", "sutton", "2023/24")
    assert (first["numerator"], first["denominator"], first["value"]) == ("816", "200000", "4.08")
    assert (second["numerator"], second["value"]) == ("826", "4.13")
    assert first["period_label"] == "2022/23"
    assert first["breakdown"] == "all"
    assert first["vintage"] == "v2025-03"


def test_measures_pick_their_police_categories(imported: list[dict[str, str]]) -> None:
    from_vehicle = observation(imported, "theft-from-motor-vehicle-rate", "sutton", "2022/23")
    vehicle_taken = observation(imported, "theft-of-motor-vehicle-rate", "sutton", "2022/23")
    sexual = observation(imported, "sexual-offences-rate", "croydon", "2022/23")
    assert (from_vehicle["numerator"], from_vehicle["value"]) == ("36", "0.18")
    assert (vehicle_taken["numerator"], vehicle_taken["value"]) == ("24", "0.12")
    # Sexual offences are per 10,000: 48 / 400,000 x 10,000 = 1.2.
    assert (sexual["numerator"], sexual["denominator"], sexual["value"]) == ("48", "400000", "1.2")


def test_year_straddling_the_burglary_definition_change_is_marked_as_a_break(
    imported: list[dict[str, str]],
) -> None:
    before = observation(imported, "residential-burglary-rate", "sutton", "2022/23")
    sutton = observation(imported, "residential-burglary-rate", "sutton", "2023/24")
    croydon = observation(imported, "residential-burglary-rate", "croydon", "2023/24")
    assert (before["numerator"], before["value"], before["status"]) == ("120", "0.6", "")
    assert (sutton["numerator"], sutton["value"], sutton["status"]) == ("130", "0.65", "[b]")
    # Croydon: 11 x 20 + 5 + 30 = 255; 255 / 400,000 x 1,000 = 0.6375.
    assert (croydon["numerator"], croydon["value"], croydon["status"]) == ("255", "0.64", "[b]")
    assert "110 offences recorded as burglary in a dwelling (April 2023 to February 2024)" in sutton["note"]
    assert "20 offences recorded as burglary – residential (March 2024)" in sutton["note"]
    assert "35 offences recorded as burglary – residential (February 2024 to March 2024)" in croydon["note"]
    other = observation(imported, "total-offences-rate", "sutton", "2023/24")
    assert other["status"] == ""
    assert other["note"] == ""


def test_series_break_row_is_written_for_the_straddling_year(
    imported: list[dict[str, str]], data_dir: Path,
) -> None:
    breaks = read_csv(data_dir / "series_breaks.csv")
    assert [(row["indicator"], row["period"]) for row in breaks] == [
        ("residential-burglary-rate", "2023/24")
    ]
    assert "sheds, garages" in breaks[0]["description"]
    assert "first used in February 2024, and the only one from March 2024" in breaks[0]["description"]


def test_older_layout_with_bom_and_crlf_uses_census_2011_before_2021_22(
    run: Runner, census_file: Path, data_dir: Path,
) -> None:
    import_areas(run, census_file, data_dir, "--comparators", "Bromley")
    assert run(mps, LOOKUP, "--vintage", "v2024-03", "--comparators", "Bromley", "--no-london",
               "--data-dir", data_dir) == 0
    rows = read_csv(data_dir / "observations.csv")
    old = observation(rows, "total-offences-rate", "sutton", "2020/21")
    new = observation(rows, "total-offences-rate", "sutton", "2021/22")
    burglary = observation(rows, "residential-burglary-rate", "sutton", "2020/21")
    assert (old["numerator"], old["denominator"], old["value"]) == ("228", "190000", "1.2")
    assert (new["numerator"], new["denominator"], new["value"]) == ("228", "200000", "1.14")
    # 60 / 190,000 x 1,000 = 0.3158: rounded to 2 places.
    assert (burglary["numerator"], burglary["value"], burglary["status"]) == ("60", "0.32", "")
    assert observation(rows, "total-offences-rate", "bromley", "2021/22")["numerator"] == "336"
    assert read_csv(data_dir / "series_breaks.csv") == []


def test_newest_layout_counts_both_residential_burglary_categories(
    run: Runner, census_file: Path, data_dir: Path,
) -> None:
    import_areas(run, census_file, data_dir, "--comparators", "")
    assert run(mps, BOCU, "--vintage", "v2026-07", "--comparators", "", "--no-london",
               "--data-dir", data_dir) == 0
    rows = read_csv(data_dir / "observations.csv")
    first = observation(rows, "residential-burglary-rate", "sutton", "2024/25")
    second = observation(rows, "residential-burglary-rate", "sutton", "2025/26")
    assert (first["numerator"], first["value"], first["status"]) == ("48", "0.24", "")
    # 49 / 200,000 x 1,000 = 0.245 exactly: halves round away from zero.
    assert (second["numerator"], second["value"], second["status"]) == ("49", "0.25", "")
    assert observation(rows, "total-offences-rate", "sutton", "2025/26")["numerator"] == "97"
    assert read_csv(data_dir / "series_breaks.csv") == []


def write_police_file(path: Path, months: list[str], rows: list[tuple[str, str, str, list[int]]]) -> Path:
    """Write a police file in the BoroughName layout."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["MajorText", "MinorText", "BoroughName", *months])
        for major, minor, area, counts in rows:
            writer.writerow([major, minor, area, *counts])
    return path


FY_2023_24 = [f"2023{month:02d}" for month in range(4, 13)] + ["202401", "202402", "202403"]


def test_london_is_the_32_boroughs_without_airports_or_unknown(
    run: Runner, census_file: Path, data_dir: Path, tmp_path: Path,
) -> None:
    rows = [("THEFT", "SHOPLIFTING", name, [1] * 12) for name in MPS_BOROUGHS]
    rows += [("THEFT", "SHOPLIFTING", name, [100] * 12) for name in sorted(NON_BOROUGH_ROWS)]
    police = write_police_file(tmp_path / "london.csv", FY_2023_24, rows)
    import_areas(run, census_file, data_dir)
    assert run(mps, police, "--vintage", "v2025-03", "--data-dir", data_dir) == 0
    london = observation(read_csv(data_dir / "observations.csv"), "total-offences-rate", "london", "2023/24")
    # 32 boroughs x 12 months; 384 / 3,820,000 x 1,000 = 0.1005.
    assert (london["numerator"], london["denominator"], london["value"]) == ("384", str(LONDON_2021), "0.1")
    assert "City of London" in london["note"]
    assert "Heathrow" in london["note"]


def test_london_needs_every_borough(
    run: Runner, census_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import_areas(run, census_file, data_dir)
    assert run(mps, BOROUGH_NAME, "--vintage", "v2025-03", "--data-dir", data_dir) == 1
    assert "has no rows for Barking and Dagenham" in capsys.readouterr().err


def test_where_files_overlap_the_file_reaching_the_later_month_wins(
    run: Runner, census_file: Path, data_dir: Path, tmp_path: Path,
) -> None:
    burglary = ("BURGLARY", "BURGLARY IN A DWELLING", "Sutton")
    older = write_police_file(tmp_path / "older.csv", FY_2023_24[:-1], [(*burglary, [10] * 11)])
    newer = write_police_file(tmp_path / "newer.csv", FY_2023_24[-2:], [(*burglary, [99, 1])])
    import_areas(run, census_file, data_dir, "--comparators", "")
    outputs = []
    for files in ((older, newer), (newer, older)):
        assert run(mps, *files, "--vintage", "v2025-03", "--comparators", "", "--no-london",
                   "--data-dir", data_dir) == 0
        rows = read_csv(data_dir / "observations.csv")
        outputs.append((data_dir / "observations.csv").read_bytes())
        # April 2023 to January 2024 from the older file (10 x 10); February 2024 is 10 in the
        # older file but 99 in the newer, which wins; March 2024 (1) is only in the newer.
        assert observation(rows, "residential-burglary-rate", "sutton", "2023/24")["numerator"] == "200"
    assert outputs[0] == outputs[1]


def test_other_measures_rows_are_kept_and_own_rows_replaced(
    run: Runner, census_file: Path, data_dir: Path,
) -> None:
    import_areas(run, census_file, data_dir, "--comparators", "")
    fields = "indicator,area,period,period_label,breakdown,value,status,numerator,denominator,vintage,note"
    hand_row = 'asb-incidents,sutton,2023-Q2,April to June 2023,all,12.50,[p],,,2023-07,"typed, by hand"'
    stale = "total-offences-rate,sutton,2009/10,2009/10,all,99,,1,1,v2020-01,"
    (data_dir / "observations.csv").write_text(f"{fields}\n{stale}\n{hand_row}\n", encoding="utf-8")
    (data_dir / "series_breaks.csv").write_text(
        "indicator,period,description\nasb-incidents,2022/23,New recording system.\n", encoding="utf-8"
    )
    assert run(mps, BOROUGH_NAME, "--vintage", "v2025-03", "--comparators", "", "--no-london",
               "--data-dir", data_dir) == 0
    lines = (data_dir / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == fields
    assert hand_row in lines
    assert stale not in lines
    assert len(lines) == 1 + 1 + 5 * 2
    breaks = (data_dir / "series_breaks.csv").read_text(encoding="utf-8").splitlines()
    assert "asb-incidents,2022/23,New recording system." in breaks
    assert len(breaks) == 3


def test_output_is_sorted_and_identical_when_run_twice(
    run: Runner, census_file: Path, data_dir: Path,
) -> None:
    import_areas(run, census_file, data_dir, "--comparators", "Croydon")
    arguments = (BOROUGH_NAME, "--vintage", "v2025-03", "--comparators", "Croydon", "--no-london",
                 "--data-dir", data_dir)
    assert run(mps, *arguments) == 0
    first = (data_dir / "observations.csv").read_bytes()
    assert run(mps, *arguments) == 0
    assert (data_dir / "observations.csv").read_bytes() == first
    assert b"\r" not in first
    rows = read_csv(data_dir / "observations.csv")
    keys = [(row["indicator"], row["area"], row["breakdown"], row["period"]) for row in rows]
    assert keys == sorted(keys)


def test_unknown_layout_names_the_file_the_header_and_the_known_layouts(
    run: Runner, census_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import_areas(run, census_file, data_dir)
    assert run(mps, UNKNOWN_LAYOUT, "--vintage", "v2025-03", "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "police-crime.csv" in error
    assert "Offence Group,Offence,Borough,2024-03" in error
    assert "MajorText,MinorText or Group,SubGroup" in error
    assert "LookUp_BoroughName" in error
    assert not (data_dir / "observations.csv").exists()


def test_unknown_category_names_the_row_and_how_to_fix_it(
    run: Runner, census_file: Path, data_dir: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    police = write_police_file(tmp_path / "renamed.csv", FY_2023_24, [
        ("THEFT", "SHOPLIFTING", "Sutton", [1] * 12),
        ("BURGLARY", "BURGLARY OF A HOME", "Sutton", [1] * 12),
    ])
    import_areas(run, census_file, data_dir)
    assert run(mps, police, "--vintage", "v2025-03", "--no-london", "--comparators", "",
               "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "renamed.csv, row 3" in error
    assert "'BURGLARY' / 'BURGLARY OF A HOME'" in error
    assert "CATEGORIES in generator/importers/mps.py" in error
    assert not (data_dir / "observations.csv").exists()


def test_unknown_area_row_is_refused(
    run: Runner, census_file: Path, data_dir: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    police = write_police_file(tmp_path / "areas.csv", FY_2023_24, [
        ("THEFT", "SHOPLIFTING", "Sutton", [1] * 12),
        ("THEFT", "SHOPLIFTING", "Gatwick Airport", [1] * 12),
    ])
    import_areas(run, census_file, data_dir)
    assert run(mps, police, "--vintage", "v2025-03", "--no-london", "--comparators", "",
               "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "row 3: 'Gatwick Airport' is neither a London borough" in error
    assert "generator/importers/london.py" in error


def test_bad_month_cell_names_the_row_and_column(
    run: Runner, census_file: Path, data_dir: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    police = tmp_path / "bad-cell.csv"
    police.write_text(
        "MajorText,MinorText,BoroughName,202304,202305\n"
        "THEFT,SHOPLIFTING,Sutton,12,1 2\n"
        "THEFT,OTHER THEFT,Sutton,,4\n",
        encoding="utf-8",
    )
    import_areas(run, census_file, data_dir)
    assert run(mps, police, "--vintage", "v2025-03", "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "bad-cell.csv, row 2, column 202305: '1 2' is not a count" in error
    assert "bad-cell.csv, row 3, column 202304: '' is not a count" in error


def test_area_not_in_the_file_lists_the_areas_it_has(
    run: Runner, census_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import_areas(run, census_file, data_dir)
    assert run(mps, BOROUGH_NAME, "--vintage", "v2025-03", "--area", "Suton", "--no-london",
               "--comparators", "", "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "has no area called 'Suton'" in error
    assert "Croydon, Sutton, Unknown" in error


def test_files_without_a_complete_year_are_refused(
    run: Runner, census_file: Path, data_dir: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    police = write_police_file(tmp_path / "short.csv", FY_2023_24[:6], [
        ("THEFT", "SHOPLIFTING", "Sutton", [1] * 6),
    ])
    import_areas(run, census_file, data_dir)
    assert run(mps, police, "--vintage", "v2025-03", "--no-london", "--comparators", "",
               "--data-dir", data_dir) == 1
    assert "April 2023 to September 2023, which holds no complete financial year" in capsys.readouterr().err


def test_missing_population_says_to_import_it_first(
    run: Runner, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(mps, BOROUGH_NAME, "--vintage", "v2025-03", "--no-london", "--comparators", "Croydon",
               "--data-dir", data_dir) == 1
    error = capsys.readouterr().err
    assert "areas.csv does not exist yet" in error
    assert "import-population" in error


def test_vintage_must_look_like_a_month(run: Runner, data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(mps, BOROUGH_NAME, "--vintage", "March 2025", "--data-dir", data_dir)
    assert exit_info.value.code == 2


def test_help_documents_the_defaults() -> None:
    parser = argparse.ArgumentParser()
    mps.add_arguments(parser)
    help_text = " ".join(parser.format_help().split())
    assert "default: Sutton" in help_text
    assert "default: Croydon,Bromley" in help_text
    assert "--no-london" in help_text
    assert "later month wins" in help_text


def test_existing_file_with_unknown_columns_is_not_rewritten(
    run: Runner, census_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import_areas(run, census_file, data_dir, "--comparators", "")
    existing = "indicator,area,period,comment\nasb-incidents,sutton,2023,keep me\n"
    (data_dir / "observations.csv").write_text(existing, encoding="utf-8")
    assert run(mps, BOROUGH_NAME, "--vintage", "v2025-03", "--comparators", "", "--no-london",
               "--data-dir", data_dir) == 1
    assert "columns the data package does not define: comment" in capsys.readouterr().err
    assert (data_dir / "observations.csv").read_text(encoding="utf-8") == existing


RELEASES_HEADER = "date,title,note"
FIRST_RELEASE = '2026-03-31,First publication,"The strategy\'s measures, first published."'


@pytest.fixture
def with_a_release(
    run: Runner, census_file: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A scratch package with areas, populations and one release, on 1 May 2026."""
    import_areas(run, census_file, data_dir, "--comparators", "")
    (data_dir / "releases.csv").write_text(f"{RELEASES_HEADER}\n{FIRST_RELEASE}\n", encoding="utf-8")
    monkeypatch.setenv("GENERATOR_TODAY", "2026-05-01")
    return data_dir


def police_import(run: Runner, data_dir: Path, *release: str) -> int:
    return run(mps, BOROUGH_NAME, "--vintage", "v2026-03", "--comparators", "", "--no-london",
               "--data-dir", data_dir, *release)


def test_the_import_can_record_its_release(
    run: Runner, with_a_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "Police-recorded crime for 2025/26, with earlier years as revised by the police."
    assert police_import(run, with_a_release, "--release-date", "2026-04-20",
                         "--release-note", note, "--release-title", "Police figures to March 2026") == 0
    rows = read_csv(with_a_release / "releases.csv")
    assert rows[0]["title"] == "First publication"
    assert rows[1] == {"date": "2026-04-20", "title": "Police figures to March 2026", "note": note}
    assert "Recorded the release of 2026-04-20." in capsys.readouterr().out


def test_a_release_title_defaults_to_the_month(run: Runner, with_a_release: Path) -> None:
    assert police_import(run, with_a_release, "--release-date", "2026-04-20",
                         "--release-note", "Police figures.") == 0
    assert read_csv(with_a_release / "releases.csv")[1]["title"] == "Figures update April 2026"


def test_without_release_options_releases_are_left_alone(run: Runner, with_a_release: Path) -> None:
    before = (with_a_release / "releases.csv").read_bytes()
    assert police_import(run, with_a_release) == 0
    assert (with_a_release / "releases.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("release", "message"),
    [
        (("--release-date", "2026-03-31", "--release-note", "Again."),
         "is not after the latest release (2026-03-31, 'First publication')"),
        (("--release-date", "2026-06-01", "--release-note", "Early."),
         "is in the future (today is 1 May 2026)"),
        (("--release-date", "20 April", "--release-note", "Wrong date."), "write it as YYYY-MM-DD"),
        (("--release-date", "2026-04-20"), "give both --release-date"),
        (("--release-note", "No date."), "give both --release-date"),
        (("--release-date", "2026-04-20", "--release-note", "  "), "--release-note is empty"),
    ],
)
def test_a_release_that_cannot_be_recorded_stops_the_whole_import(
    run: Runner, with_a_release: Path, capsys: pytest.CaptureFixture[str],
    release: tuple[str, ...], message: str,
) -> None:
    before = {path.name: path.read_bytes() for path in with_a_release.iterdir()}
    assert police_import(run, with_a_release, *release) == 1
    assert message in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in with_a_release.iterdir()} == before
