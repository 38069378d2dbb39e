"""Folding returned figures into the package's rows: additions, revisions, markers, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.package.load import load_package
from generator.package.model import Indicator, Marker, Release
from generator.returns import ReturnedRow
from generator.returns.merge import MergeResult, check_rows, merge_return

REPO_ROOT = Path(__file__).resolve().parents[2]
RELEASE = Release(date(2026, 12, 1), "Figures update December 2026", "Quarterly figures.")
PUBLISHED = {
    "indicator": "idva-referrals", "area": "sutton", "period": "2025-Q1",
    "period_label": "January to March 2025", "breakdown": "all", "value": "60", "status": "[p]",
    "numerator": "", "denominator": "", "vintage": "return-2026-06-01", "note": "",
}
FIRST_RELEASE = {"date": "2026-11-25", "title": "First publication", "note": "Strategy."}


def returned(**changes: object) -> ReturnedRow:
    fields: dict[str, object] = {
        "sheet": "P4 Safe from domestic abuse", "row": 7, "indicator": "idva-referrals",
        "area": "sutton", "period": "2025-Q1", "breakdown": "all", "value": 60.0,
        "marker": Marker.PROVISIONAL, "note": "",
    }
    fields.update(changes)
    return ReturnedRow(**fields)  # type: ignore[arg-type]


INDICATORS = {i.id: i for i in load_package(REPO_ROOT / "data").indicators}


def merge(*rows: ReturnedRow, observations: list[dict[str, str]] | None = None,
          revisions: list[dict[str, str]] | None = None) -> MergeResult:
    return merge_return([PUBLISHED] if observations is None else observations, revisions or [],
                        [FIRST_RELEASE], rows, RELEASE, INDICATORS)


@pytest.fixture(scope="module")
def indicators() -> dict[str, Indicator]:
    return INDICATORS


def test_an_unchanged_figure_changes_nothing() -> None:
    result = merge(returned())
    assert not result.changed
    assert result.observations == [PUBLISHED]
    assert result.releases == [FIRST_RELEASE]


def test_a_new_figure_is_added_with_its_label_and_vintage() -> None:
    result = merge(returned(period="2025-Q2", value=71.0, marker=None, note="Late return"))
    assert result.observations[-1] == {
        "indicator": "idva-referrals", "area": "sutton", "period": "2025-Q2",
        "period_label": "April to June 2025", "breakdown": "all", "value": "71", "status": "",
        "numerator": "", "denominator": "", "vintage": "return-2026-12-01", "note": "Late return",
    }
    assert result.releases[-1] == {
        "date": "2026-12-01", "title": "Figures update December 2026", "note": "Quarterly figures.",
    }
    assert result.revisions == []


def test_an_empty_new_row_is_ignored() -> None:
    result = merge(returned(period="2025-Q2", value=None, marker=None))
    assert not result.changed and result.problems == []


def test_a_changed_figure_is_marked_revised_and_logged() -> None:
    result = merge(returned(value=62.0))
    assert result.observations[0]["value"] == "62"
    assert result.observations[0]["status"] == "[r]"
    assert result.observations[0]["vintage"] == "return-2026-12-01"
    assert result.revisions == [{
        "indicator": "idva-referrals", "area": "sutton", "period": "2025-Q1", "breakdown": "all",
        "previous_value": "60", "previous_status": "[p]", "revised_in": "2026-12-01",
        "revised_by": "return-2026-12-01",
        "reason": "Corrected in the 1 December 2026 release",
    }]


def test_a_new_note_on_a_changed_figure_is_the_reason() -> None:
    result = merge(returned(value=62.0, note="Two late referrals"))
    assert result.revisions[0]["reason"] == "Two late referrals"
    assert result.observations[0]["note"] == "Two late referrals"


def test_a_marker_the_editor_chose_wins_over_revised() -> None:
    result = merge(returned(value=62.0, marker=Marker.BREAK))
    assert result.observations[0]["status"] == "[b]"
    assert len(result.revisions) == 1


def test_a_changed_marker_alone_updates_without_a_revision() -> None:
    result = merge(returned(marker=None))
    assert result.updated and result.observations[0]["status"] == ""
    assert result.revisions == []
    assert result.observations[0]["vintage"] == "return-2026-06-01"


def test_emptying_a_published_figure_is_refused() -> None:
    result = merge(returned(value=None, marker=None))
    assert "was published as 60" in result.problems[0].message
    assert result.problems[0].column == "value"


def test_revised_on_a_new_figure_is_refused() -> None:
    result = merge(returned(period="2025-Q2", marker=Marker.REVISED))
    assert result.problems[0].column == "status"
    assert not result.added


def test_unknown_measure_gets_a_suggestion(indicators: dict[str, Indicator]) -> None:
    problems = check_rows([returned(indicator="idva-referals")], indicators, {"sutton"})
    assert len(problems) == 1
    assert "did you mean 'idva-referrals'" in problems[0].fix
    assert str(problems[0]).startswith("Sheet 'P4 Safe from domestic abuse', row 7, column A (Indicator id)")


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({"value": 12.0, "marker": Marker.NOT_AVAILABLE}, "status", "means not available"),
        ({"value": 12.0, "marker": Marker.SUPPRESSED}, "status", "means suppressed"),
        ({"value": None, "marker": Marker.PROVISIONAL}, "status", "Value is empty"),
        ({"value": None, "marker": None, "note": "awaiting"}, "value", "no figure"),
        ({"breakdown": "Risk level=High"}, "breakdown", "not a breakdown"),
        ({"breakdown": "ethnicity=white"}, "breakdown", "not one of the breakdowns"),
        ({"area": "atlantis"}, "area", "no area"),
    ],
)
def test_rows_that_contradict_themselves_are_refused(
    indicators: dict[str, Indicator], changes: dict[str, object], column: str, words: str
) -> None:
    problems = check_rows([returned(**changes)], indicators, {"sutton"})
    assert [problem.column for problem in problems] == [column]
    assert words in problems[0].message


def test_the_same_figure_twice_is_refused(indicators: dict[str, Indicator]) -> None:
    problems = check_rows([returned(), returned(row=9)], indicators, {"sutton"})
    assert len(problems) == 1
    assert problems[0].row == 9 and "row 7" in problems[0].message


@pytest.mark.parametrize("shown", [None, Marker.PROVISIONAL])
def test_importing_the_same_correction_again_keeps_revised(shown: Marker | None) -> None:
    revised = {**PUBLISHED, "value": "62", "status": "[r]"}
    log = [{"indicator": "idva-referrals", "area": "sutton", "period": "2025-Q1",
            "breakdown": "all", "previous_value": "60",
            "previous_status": shown.value if shown else "", "revised_in": "2026-11-25",
            "reason": "Late referrals"}]
    result = merge(returned(value=62.0, marker=shown), observations=[revised], revisions=log)
    assert not result.changed
    assert result.observations == [revised]


def test_a_marker_changed_after_a_revision_is_kept() -> None:
    revised = {**PUBLISHED, "value": "62", "status": "[r]"}
    result = merge(returned(value=62.0, marker=Marker.BREAK), observations=[revised])
    assert result.updated and result.observations[0]["status"] == "[b]"


def test_a_small_count_on_a_sensitive_measure_is_stored_as_suppressed() -> None:
    assert INDICATORS["idva-referrals"].sensitive
    result = merge(returned(period="2025-Q2", value=3.0, marker=None))
    assert result.observations[-1]["value"] == ""
    assert result.observations[-1]["status"] == "[c]"
    assert [row.period for row in result.withheld] == ["2025-Q2"]


def test_zero_and_counts_above_the_threshold_are_published() -> None:
    result = merge(returned(period="2025-Q2", value=0.0, marker=None),
                   returned(period="2025-Q3", value=5.0, marker=None))
    assert [(r["value"], r["status"]) for r in result.observations[1:]] == [("0", ""), ("5", "")]
    assert result.withheld == []


def test_a_small_count_typed_again_over_its_suppressed_figure_changes_nothing() -> None:
    suppressed = {**PUBLISHED, "value": "", "status": "[c]"}
    result = merge(returned(value=3.0, marker=None), observations=[suppressed])
    assert not result.changed
