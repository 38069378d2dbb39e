"""Every built page, at 1280 px and 320 px, in the light and dark schemes: axe, reflow, charts.

Each survey loads every page once in one browser page and records all findings; the tests below
assert on those records, so a failure names the page, the rule and the element.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .checks import axe_report, report, third_party_requests
from .site_map import HOME, NOT_FOUND, indicator_pages, priority_pages
from .survey import DARK_SCHEME, DESKTOP, PHONE, SCHEMES, Survey

pytestmark = pytest.mark.browser

Surveys = Callable[[int, str], Survey]
COMBINATIONS = [(width, scheme) for width in (DESKTOP, PHONE) for scheme in SCHEMES]
COMBINATION_IDS = [f"{width}px-{scheme}" for width, scheme in COMBINATIONS]


def test_every_kind_of_page_is_covered(site_pages: list[str]) -> None:
    assert HOME in site_pages and NOT_FOUND in site_pages
    assert len(priority_pages(site_pages)) == 6
    assert indicator_pages(site_pages), "no measure pages were built"


@pytest.mark.parametrize(("width", "scheme"), COMBINATIONS, ids=COMBINATION_IDS)
def test_every_page_loads(survey: Surveys, width: int, scheme: str) -> None:
    visits = survey(width, scheme).visits
    failures = {v.url: [v.load_error] for v in visits if v.load_error}
    assert not failures, report(failures)


@pytest.mark.parametrize(("width", "scheme"), COMBINATIONS, ids=COMBINATION_IDS)
def test_no_axe_violations(survey: Surveys, width: int, scheme: str) -> None:
    found = [violation for visit in survey(width, scheme).visits for violation in visit.axe]
    if found:
        pytest.fail(f"axe violations at {width}px {scheme}:\n{axe_report(found)}", pytrace=False)


@pytest.mark.parametrize(("width", "scheme"), COMBINATIONS, ids=COMBINATION_IDS)
def test_the_colour_scheme_is_really_applied(survey: Surveys, width: int, scheme: str) -> None:
    expected = DARK_SCHEME if scheme == "dark" else "default"
    wrong = {
        v.url: [f"data-md-color-scheme is {v.scheme!r}, expected {expected!r}"]
        for v in survey(width, scheme).visits
        if not v.load_error and v.scheme != expected
    }
    assert not wrong, report(wrong)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_scrolls_sideways_at_320px(survey: Surveys, scheme: str) -> None:
    wide = {v.url: [v.overflow] for v in survey(PHONE, scheme).visits if v.overflow}
    assert not wide, report(wide)


def test_charts_are_present_to_check(survey: Surveys) -> None:
    charted = [v for v in survey(DESKTOP, "light").visits if v.charts]
    assert charted, "no page has a chart, so the chart checks below would prove nothing"


@pytest.mark.parametrize(("width", "scheme"), COMBINATIONS, ids=COMBINATION_IDS)
def test_charts_draw_fit_and_have_text_alternatives(
    survey: Surveys, width: int, scheme: str
) -> None:
    problems = {v.url: v.chart_problems for v in survey(width, scheme).visits if v.chart_problems}
    assert not problems, report(problems)


@pytest.mark.parametrize(("width", "scheme"), COMBINATIONS, ids=COMBINATION_IDS)
def test_no_console_or_page_errors(survey: Surveys, width: int, scheme: str) -> None:
    errors = {v.url: v.console_errors for v in survey(width, scheme).visits if v.console_errors}
    assert not errors, report(errors)


def test_no_third_party_requests(survey: Surveys) -> None:
    visits = survey(DESKTOP, "light").visits
    assert all(v.requests for v in visits if not v.load_error), "requests were not recorded"
    outside = {v.url: third_party_requests(v.requests) for v in visits}
    assert not any(outside.values()), report(outside)
