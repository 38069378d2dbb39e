"""The checker checks itself: each deliberately broken page in fixtures/ must fail its check.

Every test calls the same helpers the site suite uses, so a helper that silently stops finding a
problem fails here. good.html passes every check, which shows the helpers do not cry wolf.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .checks import (
    PrintExpectations,
    figure_spec_problems,
    missing_content,
    print_problems,
    run_axe,
    skip_link_problems,
    tab_through,
    third_party_requests,
    wait_for_charts,
)
from .survey import DESKTOP, PHONE, PageVisit, open_context, survey_site

FIXTURE_PRINT = PrintExpectations(
    shown={"summary": ".summary", "chart": "figure", "table": "table"},
    hidden={"header": "header", "footer": "footer", "skip link": ".skip"},
)
FIXTURE_REQUIRED_WITHOUT_JS = {"main heading": "main h1", "summary": ".summary"}


def good_spec(fixture_site: Path) -> dict[str, Any]:
    """Return the figure JSON of the page that passes every check."""
    html = (fixture_site / "good.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/json">') + len('<script type="application/json">')
    spec: dict[str, Any] = json.loads(html[start : html.index("</script>", start)])
    return spec


@pytest.fixture(scope="module")
def surveyed(browser: Browser, fixture_url: str) -> Callable[..., PageVisit]:
    """Return a function that surveys one fixture page exactly as the site suite does."""
    done: dict[tuple[str, int, str], PageVisit] = {}

    def run(name: str, width: int = DESKTOP, scheme: str = "light") -> PageVisit:
        if (name, width, scheme) not in done:
            # Fixture charts draw in well under a second; a short wait keeps the broken one quick.
            found = survey_site(browser, fixture_url, [name], width, scheme, chart_timeout_ms=3_000)
            done[name, width, scheme] = found.visits[0]
        return done[name, width, scheme]

    return run


@pytest.fixture
def open_page(browser: Browser, fixture_url: str) -> Iterator[Callable[..., Page]]:
    """Return a function that loads one fixture page in a fresh context."""
    contexts = []

    def load(name: str, width: int = DESKTOP, javascript: bool = True) -> Page:
        manager = open_context(browser, width, "light", java_script_enabled=javascript)
        contexts.append(manager)
        page = manager.__enter__().new_page()
        page.goto(fixture_url + name, wait_until="load")
        if javascript:
            wait_for_charts(page, timeout_ms=5_000)
        return page

    yield load
    for manager in contexts:
        manager.__exit__(None, None, None)


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_good_page_passes_the_survey(surveyed: Callable[..., PageVisit], width: int) -> None:
    visit = surveyed("good.html", width)
    assert visit.load_error is None
    assert visit.charts == 1 and visit.charts_drawn
    assert [v.describe() for v in visit.axe] == []
    assert visit.overflow is None
    assert visit.chart_problems == []
    assert visit.console_errors == []
    assert third_party_requests(visit.requests) == []
    assert any(url.endswith("plotly.min.js") for url in visit.requests)


@pytest.mark.browser
def test_good_page_passes_keyboard_print_and_no_javascript(open_page: Callable[..., Page]) -> None:
    assert skip_link_problems(open_page("good.html")) == []
    report = tab_through(open_page("good.html"))
    assert report.problems == ()
    assert len(report.focused) >= 5  # skip link, header link, two downloads, footer link
    assert print_problems(open_page("good.html"), FIXTURE_PRINT) == []
    assert (
        missing_content(open_page("good.html", javascript=False), FIXTURE_REQUIRED_WITHOUT_JS) == []
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("fixture", "rule"),
    [("missing-alt.html", "image-alt"), ("low-contrast.html", "color-contrast")],
)
def test_axe_reports_the_violation(
    surveyed: Callable[..., PageVisit], fixture: str, rule: str
) -> None:
    visit = surveyed(fixture)
    assert rule in {violation.rule for violation in visit.axe}
    found = next(v for v in visit.axe if v.rule == rule)
    assert fixture in found.describe() and found.targets


@pytest.mark.browser
def test_axe_runs_the_wcag_22_rules(open_page: Callable[..., Page]) -> None:
    violations = run_axe(open_page("missing-alt.html"), tags=["wcag22aa"])
    # image-alt is a WCAG 2.0 A rule, so a 2.2-only run must not report it: the tags are honoured.
    assert "image-alt" not in {violation.rule for violation in violations}


@pytest.mark.browser
def test_sideways_scrolling_is_reported_at_320(surveyed: Callable[..., PageVisit]) -> None:
    assert surveyed("too-wide.html", DESKTOP).overflow is None
    overflow = surveyed("too-wide.html", PHONE).overflow
    assert overflow is not None and "scrolls sideways" in overflow and "div" in overflow


@pytest.mark.browser
def test_third_party_request_is_reported(surveyed: Callable[..., PageVisit]) -> None:
    visit = surveyed("third-party-script.html")
    assert third_party_requests(visit.requests) == ["https://cdn.example.invalid/x.js"]


@pytest.mark.browser
def test_script_errors_are_reported(surveyed: Callable[..., PageVisit]) -> None:
    errors = surveyed("console-error.html").console_errors
    assert any("undefinedFunctionCall" in error for error in errors)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("fixture", "width", "expected"),
    [
        ("chart-colour-only.html", DESKTOP, "apart from colour"),
        ("chart-colour-only.html", DESKTOP, "no direct label"),
        ("chart-draggable.html", DESKTOP, "drag interaction"),
        ("chart-draggable.html", DESKTOP, "dragmode is 'zoom'"),
        ("chart-without-caption.html", DESKTOP, "no <figcaption>"),
        ("chart-without-table.html", DESKTOP, "no HTML <table>"),
        ("chart-unlabelled-plot.html", DESKTOP, "neither aria-hidden"),
        ("chart-too-wide.html", PHONE, "wider than its figure"),
        ("chart-cut-off.html", PHONE, "cut off"),
        ("chart-never-draws.html", DESKTOP, "no SVG was drawn"),
    ],
)
def test_chart_problem_is_reported(
    surveyed: Callable[..., PageVisit], fixture: str, width: int, expected: str
) -> None:
    visit = surveyed(fixture, width)
    assert visit.charts == 1
    assert any(expected in problem for problem in visit.chart_problems), visit.chart_problems


@pytest.mark.browser
def test_missing_focus_indicator_is_reported(open_page: Callable[..., Page]) -> None:
    problems = tab_through(open_page("no-focus-indicator.html")).problems
    assert any("This link" in p and "no visible focus indicator" in p for p in problems)


@pytest.mark.browser
def test_unreachable_control_is_reported(open_page: Callable[..., Page]) -> None:
    problems = tab_through(open_page("unreachable-control.html")).problems
    assert any("This link" in p and "never reached with Tab" in p for p in problems)


@pytest.mark.browser
def test_focus_under_a_fixed_header_is_reported(open_page: Callable[..., Page]) -> None:
    problems = tab_through(open_page("focus-under-header.html")).problems
    assert any("hidden under header" in p for p in problems), problems


@pytest.mark.browser
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("no-skip-link.html", "not a skip link"),
        ("skip-link-to-nowhere.html", "not on the page"),
    ],
)
def test_skip_link_problem_is_reported(
    open_page: Callable[..., Page], fixture: str, expected: str
) -> None:
    problems = skip_link_problems(open_page(fixture))
    assert any(expected in problem for problem in problems), problems


@pytest.mark.browser
def test_content_that_needs_javascript_is_reported(open_page: Callable[..., Page]) -> None:
    with_js = missing_content(
        open_page("content-needs-javascript.html"), FIXTURE_REQUIRED_WITHOUT_JS
    )
    without_js = missing_content(
        open_page("content-needs-javascript.html", javascript=False), FIXTURE_REQUIRED_WITHOUT_JS
    )
    assert with_js == []
    assert len(without_js) == 2


@pytest.mark.browser
def test_print_problems_are_reported(open_page: Callable[..., Page]) -> None:
    problems = print_problems(open_page("print-hides-content.html"), FIXTURE_PRINT)
    assert any(problem.startswith("table") for problem in problems), problems
    assert any(problem.startswith("header is still printed") for problem in problems), problems


def test_figure_json_with_distinct_labelled_lines_passes(fixture_site: Path) -> None:
    assert figure_spec_problems(good_spec(fixture_site)) == []


def test_figure_json_relying_on_colour_fails(fixture_site: Path) -> None:
    spec = copy.deepcopy(good_spec(fixture_site))
    spec["data"][1]["line"]["dash"] = "solid"
    spec["data"][1]["marker"]["symbol"] = "circle"
    spec["layout"]["annotations"] = spec["layout"]["annotations"][:1]
    problems = figure_spec_problems(spec)
    assert any("'Sutton' and 'London' look the same" in p for p in problems), problems
    assert any("'London' has no direct label" in p for p in problems), problems


def test_figure_json_with_text_labels_or_markers_passes(fixture_site: Path) -> None:
    spec = copy.deepcopy(good_spec(fixture_site))
    spec["data"][1]["line"]["dash"] = "solid"  # the square markers still tell the lines apart
    spec["layout"]["annotations"] = []
    for trace in spec["data"]:
        trace["mode"] = "lines+markers+text"
        trace["text"] = [""] * (len(trace["x"]) - 1) + [trace["name"]]
    assert figure_spec_problems(spec) == []


def test_figure_json_left_draggable_fails(fixture_site: Path) -> None:
    spec = copy.deepcopy(good_spec(fixture_site))
    del spec["layout"]["dragmode"]
    spec["config"] = {}
    assert any("dragmode" in problem for problem in figure_spec_problems(spec))


def test_figure_json_with_shortened_direct_labels_passes(fixture_site: Path) -> None:
    spec = copy.deepcopy(good_spec(fixture_site))
    spec["data"][1]["name"] = "London (Metropolitan Police area)"  # labelled "London" on the chart
    assert figure_spec_problems(spec) == []
    spec["layout"]["annotations"][1]["text"] = "Croydon"  # a label naming some other series
    assert any("no direct label" in problem for problem in figure_spec_problems(spec))
