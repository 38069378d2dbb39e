"""Report: every problem, sorted, as text for people and JSON for programs."""

from __future__ import annotations

import json
import re

import pytest

from generator.config import REPO_ROOT
from generator.validation.report import PROBLEM_CODES, Problem, Report

VALUE = Problem("type-error", "data/observations.csv", 14, "value", "1,234", "'1,234' is not a number.",
                "Write 1234 without the comma.")
HEADER = Problem("label-renamed", "data/observations.csv", 1, "values", "values",
                 "The column `value` has been renamed to `values`.", "Rename it back to `value`.")
MISSING = Problem("file-missing", "data/areas.csv", None, None, None, "areas.csv is missing.", "Put it back.")
JSON_LINE = Problem("package-json", "data/datapackage.json", 3, None, None, "Not valid JSON.", "Add the comma.")
COUNTS = {"priorities": 6, "actions": 39, "indicators": 36, "observations": 1234, "areas": 4}


def test_problem_location_speaks_of_rows_in_csv_files_and_lines_in_json() -> None:
    assert VALUE.location == "data/observations.csv, row 14, column `value`"
    assert JSON_LINE.location == "data/datapackage.json, line 3"
    assert MISSING.location == "data/areas.csv"


def test_problem_text_says_where_what_and_how_to_fix() -> None:
    assert VALUE.to_text() == (
        "data/observations.csv, row 14, column `value`: '1,234' is not a number.\n"
        "  How to fix: Write 1234 without the comma."
    )


def test_problems_are_sorted_by_file_then_row_and_duplicates_dropped() -> None:
    report = Report("data/", (VALUE, MISSING, HEADER, VALUE, JSON_LINE))
    assert report.problems == (MISSING, JSON_LINE, HEADER, VALUE)
    assert report.files == ("data/areas.csv", "data/datapackage.json", "data/observations.csv")
    assert not report.ok


def test_valid_summary_counts_the_strategy() -> None:
    report = Report("data/", (), COUNTS)
    assert report.ok
    assert report.to_text() == (
        "data/ is valid: 6 priorities, 39 actions, 36 indicators, 1,234 observations\n")


def test_summary_uses_singular_words_for_one() -> None:
    one = {"priorities": 1, "actions": 1, "indicators": 1, "observations": 1}
    assert Report("data/", (), one).summary() == (
        "data/ is valid: 1 priority, 1 action, 1 indicator, 1 observation")
    assert Report("data/", (VALUE,)).summary() == "Found 1 problem in 1 file"
    assert Report("data/", (VALUE, MISSING)).summary() == "Found 2 problems in 2 files"


def test_invalid_text_has_one_block_per_problem_and_says_nothing_was_published() -> None:
    text = Report("data/", (VALUE, MISSING)).to_text()
    blocks = text.strip().split("\n\n")
    assert blocks[0] == MISSING.to_text()
    assert blocks[1] == VALUE.to_text()
    assert blocks[2].startswith("Found 2 problems in 2 files. Nothing has been published.")


def test_json_shape_is_stable() -> None:
    document = json.loads(Report("data/", (VALUE, MISSING), COUNTS).to_json())
    assert list(document) == ["valid", "summary", "counts", "problems"]
    assert document["valid"] is False
    assert document["summary"] == "Found 2 problems in 2 files"
    assert document["counts"] == dict(sorted(COUNTS.items()))
    assert [list(problem) for problem in document["problems"]] == [
        ["code", "file", "row", "column", "value", "message", "fix"]] * 2
    assert document["problems"][0] == {"code": "file-missing", "file": "data/areas.csv",
                                       "row": None, "column": None, "value": None,
                                       "message": "areas.csv is missing.", "fix": "Put it back."}
    assert document["problems"][1]["row"] == 14


def test_json_keeps_non_ascii_characters_readable() -> None:
    problem = Problem("type-error", "data/areas.csv", 2, "name", "£5", "'£5' is odd.", "Write 5.")
    assert '"£5"' in Report("data/", (problem,)).to_json()


def test_a_problem_must_have_one_of_the_documented_codes() -> None:
    with pytest.raises(ValueError, match="not a problem code"):
        Problem("no-such-code", "data/areas.csv", None, None, None, "Odd.", "Fix it.")


def test_every_problem_code_is_documented_for_programs() -> None:
    # Programs reading `validate --json` rely on the codes, so each has a line in the guide.
    documented = (REPO_ROOT / "docs" / "validation-problems.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z-]+)` \|", documented, re.M)
    assert listed == list(PROBLEM_CODES), "docs/validation-problems.md must list every code, in order"
