"""Importing a filled-in spreadsheet: the round trip, and every kind of bad file refused whole."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.package.load import read_rows
from generator.publish.cells import number_text
from generator.returns import column_letter
from tests.returns.conftest import (
    NOTE,
    RELEASE_DATE,
    REPO_ROOT,
    STATUS,
    TODAY,
    VALUE,
    Command,
    edit,
    find_row,
    first_spare_row,
    hashes,
)

P1 = "P1 Safe from crime"
P4 = "P4 Safe from domestic abuse"
P6 = "P6 Safe from extremism, hate"
NOTE_TEXT = "Quarterly figures from the Partnership's services."


def _import(command: Command, path: Path, data_dir: Path, *extra: str):  # type: ignore[no-untyped-def]
    return command("import-return", str(path), "--release-date", RELEASE_DATE,
                   "--release-note", NOTE_TEXT, "--data-dir", str(data_dir), *extra)


def _rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    return list(read_rows(data_dir / name))


def _published_police_figure(data_dir: Path) -> dict[str, str]:
    """Return the home area's latest financial-year residential burglary rate, a figure the data
    ships with (the measure's page shows financial years)."""
    rows = [r for r in _rows(data_dir, "observations.csv")
            if r["indicator"] == "residential-burglary-rate" and r["area"] == "sutton"
            and r["breakdown"] == "all" and r["value"] and re.fullmatch(r"\d{4}/\d{2}", r["period"])]
    assert rows, "the shipped data has no residential burglary figures for sutton"
    return rows[-1]


def _corrected_value(published: dict[str, str]) -> float:
    return round(float(published["value"]) + 0.1, 2)


def _fill_round_trip(workbook: Workbook, corrected: dict[str, str]) -> None:
    p4, p6, p1 = workbook[P4], workbook[P6], workbook[P1]
    p4.cell(find_row(p4, "marac-referrals", published=False), VALUE, 212)
    p6.cell(find_row(p6, "hate-crime-reports", published=False), VALUE, 310)
    p1.cell(find_row(p1, "asb-calls", published=False), VALUE, 2345)
    sheet = workbook["P2 Safe streets"]
    row = find_row(sheet, "residential-burglary-rate", period=corrected["period"])
    sheet.cell(row, VALUE, _corrected_value(corrected))


def test_round_trip_adds_figures_revises_one_and_records_the_release(
    template: Path, data_dir: Path, command: Command
) -> None:
    from generator.validation.runner import validate_package

    corrected = _published_police_figure(data_dir)
    untouched = {k: v for k, v in hashes(data_dir).items()
                 if k not in {"observations.csv", "revisions.csv", "releases.csv", "sources.csv"}}
    edit(template, lambda workbook: _fill_round_trip(workbook, corrected))

    outcome = _import(command, template, data_dir)

    assert outcome.code == 0, outcome.err
    assert outcome.out.startswith("Added 3 new figures (")
    assert "revised 1 (residential-burglary-rate" in outcome.out
    assert "release 2026-12-01 recorded. Run `make site` to preview." in outcome.out
    observations = {(r["indicator"], r["period"], r["breakdown"]): r
                    for r in _rows(data_dir, "observations.csv") if r["area"] == "sutton"}
    new = [r for r in observations.values() if r["vintage"] == "return-2026-12-01"]
    assert sorted((r["indicator"], r["value"], r["status"]) for r in new) == [
        ("asb-calls", "2345", ""),
        ("hate-crime-reports", "310", ""),
        ("marac-referrals", "212", ""),
        ("residential-burglary-rate", number_text(_corrected_value(corrected)), "[r]"),
    ]
    assert all(r["period_label"] for r in new)
    revisions = _rows(data_dir, "revisions.csv")
    assert revisions[-1] == {
        "indicator": "residential-burglary-rate", "area": "sutton",
        "period": corrected["period"], "breakdown": "all",
        "previous_value": corrected["value"], "previous_status": corrected["status"],
        "revised_in": "2026-12-01", "revised_by": "return-2026-12-01",
        "reason": "Corrected in the 1 December 2026 release",
    }
    assert _rows(data_dir, "releases.csv")[-1] == {
        "date": "2026-12-01", "title": "Figures update December 2026", "note": NOTE_TEXT,
    }
    # Every figure's vintage names a registered source release, the return's own included.
    registered = {r["id"]: r for r in _rows(data_dir, "sources.csv")}
    assert registered["return-2026-12-01"]["released"] == "2026-12-01"
    assert validate_package(data_dir, date.fromisoformat(TODAY)).ok
    assert {k: v for k, v in hashes(data_dir).items() if k in untouched} == untouched


def test_importing_the_same_spreadsheet_twice_adds_nothing(
    template: Path, data_dir: Path, command: Command
) -> None:
    corrected = _published_police_figure(data_dir)
    edit(template, lambda workbook: _fill_round_trip(workbook, corrected))
    assert _import(command, template, data_dir).code == 0
    before = hashes(data_dir)
    again = command("import-return", str(template), "--release-date", "2026-12-02",
                    "--release-note", "Again", "--data-dir", str(data_dir))
    assert again.code == 1
    assert "no new or changed figures" in again.err
    assert hashes(data_dir) == before


def test_an_untouched_template_records_nothing(template: Path, data_dir: Path, command: Command) -> None:
    before = hashes(data_dir)
    outcome = _import(command, template, data_dir)
    assert outcome.code == 1
    assert "has no new or changed figures, so no release was recorded" in outcome.err
    assert hashes(data_dir) == before


def _cell(sheet_name: str, indicator: str, *cells: tuple[int, object]) -> Callable[[Workbook], None]:
    """Return a change that types values into the empty next-period row of a measure."""
    def change(workbook: Workbook) -> None:
        sheet = workbook[sheet_name]
        row = find_row(sheet, indicator, published=False)
        for column, value in cells:
            sheet.cell(row, column, value)
    return change


def _wrong_sheet(workbook: Workbook) -> None:
    workbook.create_sheet("Sheet1")["A1"] = "marac-referrals"


def _moved_columns(workbook: Workbook) -> None:
    sheet = workbook[P4]
    for row in range(1, sheet.max_row + 1):
        value, note = sheet.cell(row, VALUE).value, sheet.cell(row, NOTE).value
        sheet.cell(row, VALUE, note)
        sheet.cell(row, NOTE, value)


def _renamed_column(workbook: Workbook) -> None:
    workbook[P4].cell(1, VALUE, "Figure")


def _merged(workbook: Workbook) -> None:
    sheet = workbook[P4]
    row = find_row(sheet, "marac-referrals", published=False)
    sheet.cell(row, VALUE, 212)
    sheet.merge_cells(f"{column_letter('value')}{row}:{column_letter('status')}{row}")


def _unknown_measure(workbook: Workbook) -> None:
    sheet = workbook[P4]
    row = first_spare_row(sheet)
    sheet.cell(row, 1, "marac-referals")
    sheet.cell(row, 6, "2026-Q3")
    sheet.cell(row, VALUE, 12)


def _percent_formatted(workbook: Workbook) -> None:
    sheet = workbook[P4]
    cell = sheet.cell(find_row(sheet, "marac-repeat-victims", published=False), VALUE, 0.253)
    cell.number_format = "0.0%"


def _bad_period(workbook: Workbook) -> None:
    sheet = workbook[P4]
    row = find_row(sheet, "marac-referrals", published=False)
    sheet.cell(row, 6, "2026-Q5")
    sheet.cell(row, VALUE, 212)


def _row_of(workbook: Workbook, sheet: str, indicator: str) -> int:
    return find_row(workbook[sheet], indicator, published=False)


BAD_SPREADSHEETS: dict[str, tuple[Callable[[Workbook], None], str, str]] = {
    # name: (change, where the message must point, words it must use)
    "wrong sheet": (_wrong_sheet, "Sheet 'Sheet1'", "is not one of the template's sheets"),
    "moved columns": (_moved_columns, f"Sheet '{P4}', row 1, column I (Value)",
                      "should be in this column but is in column K"),
    "renamed column": (_renamed_column, f"Sheet '{P4}', row 1, column I (Value)",
                       "should be 'Value' but is 'Figure'"),
    "text in a number cell": (_cell(P4, "marac-referrals", (VALUE, "about 200")),
                              f"Sheet '{P4}', row {{marac}}, column I (Value)", "is text, not a number"),
    "thousands comma": (_cell(P4, "marac-referrals", (VALUE, "1,234")),
                        f"Sheet '{P4}', row {{marac}}, column I (Value)", "write 1234 without the comma"),
    "percentage format": (_percent_formatted, f"Sheet '{P4}', row {{repeat}}, column I (Value)",
                          "type 25.3"),
    "merged cells": (_merged, f"Sheet '{P4}', row {{marac}}, column I (Value)", "are merged"),
    "formula": (_cell(P4, "marac-referrals", (VALUE, "=200+12")),
                f"Sheet '{P4}', row {{marac}}, column I (Value)", "holds the formula =200+12"),
    "unknown measure": (_unknown_measure, f"Sheet '{P4}', row {{spare}}, column A (Indicator id)",
                        "did you mean 'marac-referrals'"),
    "bad period": (_bad_period, f"Sheet '{P4}', row {{marac}}, column F (Period)",
                   "quarters run from Q1 to Q4"),
    "bad marker": (_cell(P4, "marac-referrals", (STATUS, "c")),
                   f"Sheet '{P4}', row {{marac}}, column J (Status marker)", "is not a status marker"),
    "marker contradicts value": (
        _cell(P4, "marac-referrals", (VALUE, 212), (STATUS, "[x]")),
        f"Sheet '{P4}', row {{marac}}, column J (Status marker)", "[x] means not available",
    ),
}


@pytest.mark.parametrize("case", list(BAD_SPREADSHEETS))
def test_a_bad_spreadsheet_is_refused_whole(
    case: str, template: Path, data_dir: Path, command: Command
) -> None:
    change, where, words = BAD_SPREADSHEETS[case]

    def with_a_good_figure(workbook: Workbook) -> None:
        # A correct figure elsewhere must not get in while the rest of the file is refused.
        _cell(P6, "hate-crime-reports", (VALUE, 310))(workbook)
        change(workbook)

    from openpyxl import load_workbook

    fresh = load_workbook(template)
    rows = {"marac": _row_of(fresh, P4, "marac-referrals"),
            "repeat": _row_of(fresh, P4, "marac-repeat-victims"),
            "spare": first_spare_row(fresh[P4])}
    edit(template, with_a_good_figure)
    before = hashes(data_dir)

    outcome = _import(command, template, data_dir)

    assert outcome.code == 1
    assert outcome.out == ""
    assert "was not imported" in outcome.err
    assert f"Nothing in {data_dir} was changed." in outcome.err
    lines = [line for line in outcome.err.splitlines() if where.format(**rows) in line]
    assert lines, outcome.err
    assert any(words in line for line in lines), outcome.err
    assert hashes(data_dir) == before


def test_every_problem_is_reported_at_once(template: Path, data_dir: Path, command: Command) -> None:
    def change(workbook: Workbook) -> None:
        _cell(P4, "marac-referrals", (VALUE, "lots"))(workbook)
        _cell(P6, "hate-crime-reports", (VALUE, "=1/0"))(workbook)
        _wrong_sheet(workbook)

    edit(template, change)
    outcome = _import(command, template, data_dir)
    assert outcome.code == 1
    assert "3 problems to fix" in outcome.err
    assert sum(line.startswith("- Sheet ") for line in outcome.err.splitlines()) == 3


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--release-date", "1/12/2026"), "is not a date: write it as YYYY-MM-DD"),
        (("--release-date", "2026-11-25"), "is not after the latest release"),
        (("--release-note", "  "), "--release-note is empty"),
        (("--release-date", "2027-01-01"), "is in the future (today is 31 December 2026)"),
    ],
)
def test_a_bad_release_is_refused(
    argv: tuple[str, str], words: str, template: Path, data_dir: Path, command: Command
) -> None:
    edit(template, _cell(P6, "hate-crime-reports", (VALUE, 310)))
    before = hashes(data_dir)
    options = {"--release-date": RELEASE_DATE, "--release-note": NOTE_TEXT}
    options[argv[0]] = argv[1]
    outcome = command("import-return", str(template), "--data-dir", str(data_dir),
                      *[part for pair in options.items() for part in pair])
    assert outcome.code == 1
    assert words in outcome.err
    assert hashes(data_dir) == before


def test_a_file_that_is_not_a_workbook_is_refused(
    tmp_path: Path, data_dir: Path, command: Command
) -> None:
    fake = tmp_path / "return.xlsx"
    fake.write_text("indicator,value\nmarac-referrals,212\n", encoding="utf-8")
    before = hashes(data_dir)
    outcome = _import(command, fake, data_dir)
    assert outcome.code == 1
    assert "cannot be opened as an Excel workbook" in outcome.err
    assert hashes(data_dir) == before


def test_a_title_given_on_the_command_line_is_kept(
    template: Path, data_dir: Path, command: Command
) -> None:
    edit(template, _cell(P6, "hate-crime-reports", (VALUE, 310)))
    outcome = _import(command, template, data_dir, "--release-title", "Winter update")
    assert outcome.code == 0, outcome.err
    text = (data_dir / "releases.csv").read_text(encoding="utf-8")
    assert list(csv.DictReader(io.StringIO(text)))[-1]["title"] == "Winter update"


def test_figures_the_validator_rejects_are_refused_with_their_spreadsheet_row(
    template: Path, data_dir: Path, command: Command
) -> None:
    from openpyxl import load_workbook

    row = find_row(load_workbook(template)[P4], "marac-repeat-victims", published=False)
    edit(template, _cell(P4, "marac-repeat-victims", (VALUE, 140)))
    before = hashes(data_dir)

    outcome = _import(command, template, data_dir)

    assert outcome.code == 1
    assert "would not pass validation" in outcome.err
    assert "data/observations.csv, row " in outcome.err
    assert "'140' cannot be right" in outcome.err
    assert f"- sheet '{P4}', row {row}: marac-repeat-victims" in outcome.err
    assert hashes(data_dir) == before


def test_a_small_count_is_withheld_and_the_summary_says_so(
    template: Path, data_dir: Path, command: Command
) -> None:
    edit(template, _cell(P4, "marac-referrals", (VALUE, 3)))
    outcome = _import(command, template, data_dir)
    assert outcome.code == 0, outcome.err
    assert "withheld 1 small count as [c] so no one can be identified" in outcome.out
    added = [r for r in _rows(data_dir, "observations.csv") if r["indicator"] == "marac-referrals"]
    assert [(r["value"], r["status"]) for r in added] == [("", "[c]")]


def test_a_data_file_with_unknown_columns_is_not_rewritten(
    template: Path, data_dir: Path, command: Command
) -> None:
    releases = data_dir / "releases.csv"
    text = releases.read_text(encoding="utf-8").splitlines()
    releases.write_text("\n".join([text[0] + ",extra", *(line + "," for line in text[1:])]) + "\n",
                        encoding="utf-8")
    edit(template, _cell(P6, "hate-crime-reports", (VALUE, 310)))
    before = hashes(data_dir)
    outcome = _import(command, template, data_dir)
    assert outcome.code == 1
    assert "releases.csv has columns not in the schema: extra" in outcome.err
    assert hashes(data_dir) == before


def test_round_trip_reaches_the_site(template: Path, data_dir: Path, command: Command) -> None:
    from bs4 import BeautifulSoup

    from tests.site.sitebuild import build_site, describe, write_config

    corrected = _published_police_figure(data_dir)
    edit(template, lambda workbook: _fill_round_trip(workbook, corrected))
    assert _import(command, template, data_dir).code == 0
    project = data_dir.parent
    shutil.copytree(REPO_ROOT / "content", project / "content")
    result = build_site(write_config(project), project / "site")
    assert result.returncode == 0, describe(result)

    def text(page: str) -> str:
        html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
        main = BeautifulSoup(html, "html.parser").find("main")
        assert main is not None, page
        return " ".join(main.get_text(" ").split())

    assert "212" in text("indicators/marac-referrals")
    assert "310" in text("indicators/hate-crime-reports")
    assert "2,345" in text("indicators/asb-calls")
    burglary = text("indicators/residential-burglary-rate")
    assert f"{_corrected_value(corrected):.1f} [r]" in burglary
    assert NOTE_TEXT in text("releases")
    html = (project / "site" / "releases" / "index.html").read_text(encoding="utf-8")
    rows = [" ".join(row.get_text(" ").split())
            for row in BeautifulSoup(html, "html.parser").select("main tr")]
    revised = [row for row in rows if row.startswith("Residential burglary")]
    previous = f"{float(corrected['value']):.1f}"
    # The previous figure stays available beside the revised one.
    assert len(revised) == 1 and previous in revised[0].split(), rows
