"""The validator's rules one by one, on small edits of the minimal package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.validation.runner import period_verdict, unsafe_text_verdict, validate_package

from .packages import TODAY, package_with, read_table, set_cell, write_table


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return a fresh copy of the minimal package."""
    return package_with(None, tmp_path)


def problems_of(data_dir: Path) -> list[tuple[str, int | None, str | None]]:
    """Return (file, row, column) of every problem, in report order."""
    return [(p.file, p.row, p.column) for p in validate_package(data_dir, TODAY).problems]


def only_problem(data_dir: Path) -> str:
    """Return the text of the one problem the package has."""
    report = validate_package(data_dir, TODAY)
    assert len(report.problems) == 1, report.to_text()
    return report.problems[0].to_text()


OBS = "observations.csv"


# --- Every problem is collected, and none is reported twice ------------------------------------


def test_collects_every_problem_across_files(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 18, "value", "1,234")
    set_cell(data_dir / OBS, 8, "period", "2023-13")
    set_cell(data_dir / "actions.csv", 4, "priority", "4")

    assert problems_of(data_dir) == [
        ("data/actions.csv", 4, "priority"),
        ("data/observations.csv", 8, "period"),
        ("data/observations.csv", 18, "value"),
    ]
    assert validate_package(data_dir, TODAY).summary() == "Found 3 problems in 2 files"


def test_a_bad_value_repeated_in_many_rows_is_reported_on_each_row(data_dir: Path) -> None:
    for row in (2, 3, 4):
        set_cell(data_dir / OBS, row, "vintage", "")
    assert problems_of(data_dir) == [("data/observations.csv", row, "vintage") for row in (2, 3, 4)]


def test_a_missing_file_others_refer_to_is_reported_once(data_dir: Path) -> None:
    (data_dir / "areas.csv").unlink()
    assert problems_of(data_dir) == [("data/areas.csv", None, None)]


def test_an_empty_file_others_refer_to_is_reported_once(data_dir: Path) -> None:
    write_table(data_dir / "areas.csv", read_table(data_dir / "areas.csv")[:1])
    assert problems_of(data_dir) == [("data/areas.csv", None, None)]


def test_observations_may_be_just_a_header(data_dir: Path) -> None:
    write_table(data_dir / OBS, read_table(data_dir / OBS)[:1])
    assert validate_package(data_dir, TODAY).ok


def test_rows_with_the_wrong_number_of_cells_are_not_checked_cell_by_cell(data_dir: Path) -> None:
    lines = (data_dir / OBS).read_text(encoding="utf-8").splitlines()
    lines[7] = lines[7].replace(",all,", ",all,,", 1)  # shifts every later cell of row 8
    (data_dir / OBS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems_of(data_dir) == [("data/observations.csv", 8, None)]
    assert "12 cells" in only_problem(data_dir)


def test_a_short_row_is_reported(data_dir: Path) -> None:
    lines = (data_dir / OBS).read_text(encoding="utf-8").splitlines()
    lines[16] = lines[16].rsplit(",", 1)[0]  # row 17 loses its empty note cell
    (data_dir / OBS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "This row has 10 cells but the header row has 11 columns" in only_problem(data_dir)


def test_other_rows_of_a_non_utf8_file_are_still_checked(data_dir: Path) -> None:
    text = (data_dir / "priorities.csv").read_text(encoding="utf-8")
    text = text.replace("people's", "people\u2019s").replace("safe-from-domestic-abuse", "Bad Slug")
    (data_dir / "priorities.csv").write_bytes(text.encode("cp1252"))
    assert problems_of(data_dir) == [("data/priorities.csv", 2, "summary"),
                                     ("data/priorities.csv", 3, "slug")]


# --- The descriptor ----------------------------------------------------------------------------


def test_no_datapackage_json(tmp_path: Path) -> None:
    tmp_path.joinpath("data").mkdir()
    report = validate_package(tmp_path / "data", TODAY)
    assert [(p.file, p.row) for p in report.problems] == [("data/datapackage.json", None)]
    assert "missing" in report.problems[0].message


def test_datapackage_json_not_utf8(data_dir: Path) -> None:
    path = data_dir / "datapackage.json"
    raw = path.read_bytes()
    line = raw[: raw.index(b"Strategic priorities")].count(b"\n") + 1
    path.write_bytes(raw.replace(b"Strategic priorities", b"Strat\xe9gic"))
    report = validate_package(data_dir, TODAY)
    assert [(p.file, p.row) for p in report.problems] == [("data/datapackage.json", line)]


def test_descriptor_without_a_resource_the_site_needs(data_dir: Path) -> None:
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "revisions"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert "does not describe the `revisions` file" in only_problem(data_dir)


def test_descriptor_with_a_path_outside_the_data_folder(data_dir: Path) -> None:
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "elsewhere/priorities.csv"
    shutil.copytree(data_dir, data_dir.parent / "elsewhere")
    descriptor["resources"][0]["path"] = "../elsewhere/priorities.csv"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(data_dir, TODAY)
    assert not report.ok
    assert all(p.file == "data/datapackage.json" for p in report.problems)


def test_foreign_key_to_a_resource_that_is_not_described(data_dir: Path) -> None:
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][1]["schema"]["foreignKeys"][0]["reference"]["resource"] = "strategy"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert "refers to `strategy` columns number" in only_problem(data_dir)


# --- Headers -----------------------------------------------------------------------------------


def test_header_names_a_column_twice(data_dir: Path) -> None:
    records = read_table(data_dir / "areas.csv")
    write_table(data_dir / "areas.csv", [[*r, r[1]] for r in records])
    text = only_problem(data_dir)
    assert "row 1, column `name`: The column `name` appears twice." in text
    assert "The header row should be: id,name,ons_code,kind,is_home" in text


def test_header_with_an_unnamed_column(data_dir: Path) -> None:
    records = read_table(data_dir / "areas.csv")
    write_table(data_dir / "areas.csv", [[*r, ""] for r in records])
    assert "Column 9 of the header row has no name." in only_problem(data_dir)


def test_renamed_column_in_different_case_gets_a_hint(data_dir: Path) -> None:
    records = read_table(data_dir / "areas.csv")
    records[0][1] = "Name"
    write_table(data_dir / "areas.csv", records)
    assert "(check for spaces or capital letters)" in only_problem(data_dir)


# --- Cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "phrase"),
    [
        ("12,5", "Use a full stop for the decimal point: write 12.5."),
        ("£1,200", "Write 1200 without the comma or the £ sign."),
        ("+12", "Write 12 without the + sign."),
        ("[c]", "put [c] in the `status` column"),
        ("N/A", "put [x] in the `status` column"),
        ("1e3", None),
        ("twelve", "digits only"),
    ],
)
def test_number_messages(data_dir: Path, written: str, phrase: str | None) -> None:
    set_cell(data_dir / OBS, 2, "value", written)
    report = validate_package(data_dir, TODAY)
    if phrase is None:
        # 1e3 is a number, just a wrong one: the ratio rule catches it instead.
        assert [p.message for p in report.problems][0].startswith("The value 1e3 does not match")
    else:
        assert len(report.problems) == 1
        assert phrase in report.problems[0].fix


@pytest.mark.parametrize(
    ("written", "phrase"),
    [("2.0", "Write 2, without the decimal point."), ("1,100", "Write 1100 without the comma."),
     ("1,100.5", "Write a whole number, without the comma.")],
)
def test_whole_number_messages(data_dir: Path, written: str, phrase: str) -> None:
    set_cell(data_dir / "population.csv", 2, "population", written)
    assert phrase in only_problem(data_dir)


@pytest.mark.parametrize(
    ("written", "phrase"),
    [("2024-02-30", "is not a real date"), ("2024-7-31", "year-month-day"),
     ("31/02/2024", "is not a real date"), ("next week", "year-month-day")],
)
def test_date_messages(data_dir: Path, written: str, phrase: str) -> None:
    set_cell(data_dir / "releases.csv", 2, "date", written)
    assert phrase in only_problem(data_dir)


def test_enum_value_in_the_wrong_case(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 9, "status", "[P]")
    assert "How to fix: Write [p] exactly as shown." in only_problem(data_dir)


def test_optional_enum_says_the_cell_may_be_blank(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 9, "status", "provisional")
    assert "[c], [x], [p], [r], [b] (or leave the cell blank)" in only_problem(data_dir)


def test_minimum_constraint(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 8, "denominator", "0")
    text = only_problem(data_dir)
    assert "'0' is less than 1, the smallest value allowed in `denominator`." in text
    assert "Write a number of 1 or more." in text


def test_required_cell_holding_only_spaces_is_blank(data_dir: Path) -> None:
    set_cell(data_dir / "actions.csv", 2, "text", "   ")
    assert "`text` is blank, but every row needs one." in only_problem(data_dir)


# --- Domain rules ------------------------------------------------------------------------------


def test_rate_rounded_to_one_decimal_place_still_matches(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 6, "value", "3.7")
    assert validate_package(data_dir, TODAY).ok


def test_disclosure_limit_can_be_raised_or_switched_off(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 11, "value", "7")  # idva-referrals, risk_level=high
    assert validate_package(data_dir, TODAY).ok
    set_cell(data_dir / "indicators.csv", 6, "disclosure_max_count", "9")
    assert "a count from 1 to 9" in only_problem(data_dir)
    set_cell(data_dir / "indicators.csv", 6, "disclosure_max_count", "0")
    set_cell(data_dir / OBS, 11, "value", "2")
    assert validate_package(data_dir, TODAY).ok


def test_zero_is_not_a_small_count(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 11, "value", "0")
    assert validate_package(data_dir, TODAY).ok


def test_small_count_in_a_measure_that_is_not_sensitive_is_fine(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 18, "value", "3")  # outreach-interventions is not sensitive here
    assert validate_package(data_dir, TODAY).ok


def test_percentage_target_written_without_a_percent_sign(data_dir: Path) -> None:
    set_cell(data_dir / "indicators.csv", 4, "target_text", "target 25.3")
    assert "does not say it is a percentage" in only_problem(data_dir)


def test_revision_of_an_unknown_area(data_dir: Path) -> None:
    records = read_table(data_dir / "revisions.csv")
    records.append(["residential-burglary-rate", "kingston", "2021/22", "all", "3.5", "",
                    "2024-07-31", "v2024-03", "Corrected count"])
    write_table(data_dir / "revisions.csv", records)
    assert problems_of(data_dir) == [("data/revisions.csv", 2, None),
                                     ("data/revisions.csv", 2, "area")]


def test_revision_of_a_published_figure_is_fine(data_dir: Path) -> None:
    records = read_table(data_dir / "revisions.csv")
    records.append(["residential-burglary-rate", "sutton", "2021/22", "all", "3.5", "",
                    "2024-07-31", "v2024-03", "Corrected count"])
    write_table(data_dir / "revisions.csv", records)
    assert validate_package(data_dir, TODAY).ok


def test_today_decides_what_is_in_the_future(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 9, "period", "2026-Q4")
    set_cell(data_dir / OBS, 9, "period_label", "October to December 2026")
    assert validate_package(data_dir, TODAY).ok
    assert "is in the future" in validate_package(data_dir, TODAY.replace(month=9)).to_text()


# --- Text that would be unsafe once published --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+44 20 7946 0000", "@SUM(A1)", "-cmd", "\tx", "<i>n</i>",
     "<img src=x onerror=alert(1)>", "java&#115;cript:alert(1)", " =1+1"],
)
def test_unsafe_text(text: str) -> None:
    assert unsafe_text_verdict(text) is not None


@pytest.mark.parametrize(
    "text",
    ["-5 degrees", "Burglary < 5 a month", "R&D: a note", "Sutton's figures: {see note}", "",
     "1 < 2 > 0", "a - b", "E-mail", "-", "-0.5 on last year"],
)
def test_safe_text(text: str) -> None:
    assert unsafe_text_verdict(text) is None


def test_period_messages_put_the_remedy_in_the_fix() -> None:
    assert period_verdict("2023/25") == (
        "'2023/25' is not a financial year: the second part must be the year after 2023.",
        "Write 2023/24.",
    )
    assert period_verdict("2023-Q2") is None


def test_space_around_an_id_is_a_problem_but_around_free_text_is_not(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 4, "area", " croydon")
    assert "' croydon' has a space before or after it." in only_problem(data_dir)
    set_cell(data_dir / OBS, 4, "area", "croydon")
    set_cell(data_dir / OBS, 8, "note", "Test figure, not a published one. ")
    assert validate_package(data_dir, TODAY).ok


def test_encoding_problem_counts_rows_as_a_spreadsheet_does(data_dir: Path) -> None:
    set_cell(data_dir / OBS, 8, "note", "A note on\ntwo lines.")
    set_cell(data_dir / OBS, 10, "note", "Costs £5.")
    (data_dir / OBS).write_bytes((data_dir / OBS).read_text(encoding="utf-8").encode("cp1252"))
    report = validate_package(data_dir, TODAY)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (10, "note", 'idva-referrals,sutton,2023-Q2,April to June 2023,all,41,,,,test,Costs £5.')]
    assert "the byte 0xA3, which is '£'" in report.problems[0].message
