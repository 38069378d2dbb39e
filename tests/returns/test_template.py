"""The spreadsheet made from the data package: sheets, rows, locking, periods, determinism."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.package.load import load_package
from generator.package.model import Frequency
from generator.package.periods import parse_period
from generator.returns import COLUMNS, INSTRUCTIONS_SHEET, column_letter, sheet_name
from generator.returns.template import next_period
from tests.returns.conftest import Command, find_row, rows_of

IDVA_ROWS = (
    "idva-referrals,sutton,2025-Q1,January to March 2025,all,60,[p],,,return-2026-06-01,\n"
    "idva-referrals,sutton,2025-Q1,January to March 2025,risk_level=high,20,[p],,,"
    "return-2026-06-01,Two late referrals\n"
)


def _add_idva_figures(data_dir: Path) -> None:
    with (data_dir / "observations.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write(IDVA_ROWS)


@pytest.mark.parametrize(
    ("latest", "frequency", "expected"),
    [
        ("2023/24", Frequency.ANNUAL, "2024/25"),
        ("2026-Q4", Frequency.QUARTERLY, "2027-Q1"),
        ("2026-12", Frequency.MONTHLY, "2027-01"),
        ("2023/24", Frequency.QUARTERLY, "2024-Q2"),  # the quarter that starts after March 2024
        ("2024-Q2", Frequency.ANNUAL, "2025/26"),  # 2024/25 would overlap the quarter
        ("2024", Frequency.ANNUAL, "2025/26"),
    ],
)
def test_next_period_follows_the_latest_figure(latest: str, frequency: Frequency, expected: str) -> None:
    assert next_period(parse_period(latest), frequency, date(2030, 1, 1)).code == expected


@pytest.mark.parametrize(
    ("reference", "frequency", "expected"),
    [
        (date(2026, 11, 25), Frequency.ANNUAL, "2025/26"),
        (date(2026, 11, 25), Frequency.QUARTERLY, "2026-Q3"),
        (date(2026, 11, 25), Frequency.MONTHLY, "2026-10"),
        (date(2026, 9, 30), Frequency.QUARTERLY, "2026-Q3"),  # ended that very day
    ],
)
def test_next_period_without_figures_is_the_last_complete_one(
    reference: date, frequency: Frequency, expected: str
) -> None:
    assert next_period(None, frequency, reference).code == expected


@pytest.mark.parametrize(
    ("number", "title", "expected"),
    [
        (1, "Safe from crime", "P1 Safe from crime"),
        (6, "Safe from extremism, hate and racism", "P6 Safe from extremism, hate"),
        (3, "Safe from harm and exploitation", "P3 Safe from harm"),
        (7, "Safe: [draft] / review?", "P7 Safe draft review"),
        (8, "A" * 40, "P8 " + "A" * 28),
    ],
)
def test_sheet_names_fit_excel(number: int, title: str, expected: str) -> None:
    assert sheet_name(number, title) == expected
    assert len(expected) <= 31


def test_one_sheet_per_priority_after_the_instructions(template: Path, data_dir: Path) -> None:
    workbook = load_workbook(template)
    priorities = load_package(data_dir).priorities
    assert workbook.sheetnames[0] == INSTRUCTIONS_SHEET
    assert workbook.sheetnames[1:] == [sheet_name(p.number, p.short_title) for p in priorities]
    assert workbook.sheetnames[1] == "P1 Safe from crime"
    assert workbook.sheetnames[2] == "P2 Safe streets"  # cut at a word, not mid-word
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    instructions = " ".join(str(c.value) for c in workbook[INSTRUCTIONS_SHEET]["A"] if c.value)
    for words in ("2026-Q3", "[c]", "[x]", "[p]", "[r]", "[b]", "import-return"):
        assert words in instructions


def test_every_measure_has_a_row(template: Path, data_dir: Path) -> None:
    workbook = load_workbook(template)
    listed = {
        row["indicator"] for sheet in workbook.worksheets[1:] for _, row in rows_of(sheet)
    }
    assert listed - {None} == {i.id for i in load_package(data_dir).indicators}


def test_header_freeze_protection_and_markers(template: Path) -> None:
    sheet = load_workbook(template)["P4 Safe from domestic abuse"]
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.protection.sheet is True
    assert not sheet.protection.password
    row = find_row(sheet, "marac-referrals")
    locked = {c.key: sheet[f"{column_letter(c.key)}{row}"].protection.locked for c in COLUMNS}
    assert locked == {
        "indicator": True, "title": True, "unit": True, "target": True, "area": True,
        "period": False, "period_label": True, "breakdown": False, "value": False,
        "status": False, "note": False,
    }
    assert sheet[f"B{row}"].fill.fgColor.rgb.endswith("EDEDED")
    assert sheet[f"I{row}"].fill.fill_type is None
    assert sheet[f"D{row}"].value == "target 209"
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists[0].formula1 == '"[c],[x],[p],[r],[b]"'
    assert f"J2:J{row}" in str(lists[0].sqref) or str(lists[0].sqref).startswith("J2:J")
    assert all(sheet.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJK")


def test_published_figures_are_listed_then_the_next_period(
    tmp_path: Path, data_dir: Path, command: Command
) -> None:
    _add_idva_figures(data_dir)
    path = tmp_path / "return.xlsx"
    assert command("return-template", "--data-dir", str(data_dir), "--out", str(path)).code == 0
    sheet = load_workbook(path)["P4 Safe from domestic abuse"]
    idva = [(n, r) for n, r in rows_of(sheet) if r["indicator"] == "idva-referrals"]
    assert [(r["period"], r["breakdown"], r["value"], r["status"], r["note"]) for _, r in idva] == [
        ("2025-Q1", "all", 60, "[p]", None),
        ("2025-Q1", "risk_level=high", 20, "[p]", "Two late referrals"),
        ("2025-Q2", "all", None, None, None),
        ("2025-Q2", "risk_level=high", None, None, None),
    ]
    assert idva[0][1]["period_label"] == "January to March 2025"
    # A published figure's period cannot be retyped; the next period's can.
    assert sheet[f"F{idva[0][0]}"].protection.locked is True
    assert sheet[f"F{idva[2][0]}"].protection.locked is False


def test_a_measure_without_figures_offers_its_last_complete_period(
    template: Path, data_dir: Path
) -> None:
    package = load_package(data_dir)
    assert package.latest_release is not None
    sheet = load_workbook(template)["P4 Safe from domestic abuse"]
    rows = [r for _, r in rows_of(sheet) if r["indicator"] == "marac-repeat-victims"]
    expected = next_period(None, Frequency.QUARTERLY, package.latest_release.date)
    assert [(r["period"], r["breakdown"], r["value"]) for r in rows] == [(expected.code, "all", None)]


def test_period_option_offers_that_period_for_every_measure(
    tmp_path: Path, data_dir: Path, command: Command
) -> None:
    path = tmp_path / "return.xlsx"
    outcome = command("return-template", "--data-dir", str(data_dir), "--out", str(path),
                      "--period", "2026-Q4")
    assert outcome.code == 0
    blank = [
        row for sheet in load_workbook(path).worksheets[1:] for _, row in rows_of(sheet)
        if row["indicator"] and row["value"] is None and row["status"] is None
    ]
    assert blank and {row["period"] for row in blank} == {"2026-Q4"}


def test_a_bad_period_option_is_refused(tmp_path: Path, data_dir: Path, command: Command) -> None:
    outcome = command("return-template", "--data-dir", str(data_dir), "--out",
                      str(tmp_path / "r.xlsx"), "--period", "2026-Q5")
    assert outcome.code == 1
    assert "quarters run from Q1 to Q4" in outcome.err
    assert not (tmp_path / "r.xlsx").exists()


def test_the_template_is_byte_for_byte_reproducible(
    tmp_path: Path, data_dir: Path, command: Command, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert command("return-template", "--data-dir", str(data_dir), "--out", str(first)).code == 0
    # An hour later by the clock: nothing in the file may depend on when it was written.
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert command("return-template", "--data-dir", str(data_dir), "--out", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    properties = load_workbook(first).properties
    latest = load_package(data_dir).latest_release
    assert latest is not None
    assert properties.created is not None and properties.created.date() == latest.date
    assert properties.modified == properties.created


def test_the_command_writes_the_same_file_as_the_shared_fixture(
    tmp_path: Path, data_dir: Path, command: Command, shipped_template: Path
) -> None:
    path = tmp_path / "return.xlsx"
    outcome = command("return-template", "--data-dir", str(data_dir), "--out", str(path))
    assert outcome.code == 0
    assert "with 6 priority sheets" in outcome.out
    assert path.read_bytes() == shipped_template.read_bytes()


def test_an_existing_file_is_not_overwritten_unless_asked(
    tmp_path: Path, data_dir: Path, command: Command
) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(b"filled in already")
    refused = command("return-template", "--data-dir", str(data_dir), "--out", str(path))
    assert refused.code == 1
    assert "already exists" in refused.err and "--overwrite" in refused.err
    assert path.read_bytes() == b"filled in already"
    assert command("return-template", "--data-dir", str(data_dir), "--out", str(path),
                   "--overwrite").code == 0
    assert load_workbook(path).sheetnames[0] == INSTRUCTIONS_SHEET
