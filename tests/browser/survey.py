"""Visit every page of a served site once per viewport and colour scheme, recording what it finds.

Many small tests then assert on one survey, so each page is loaded once per combination rather
than once per check.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request
from playwright.sync_api import Error as PlaywrightError

from .checks import (
    CHART_SELECTOR,
    AxeViolation,
    chart_problems,
    choose_dark_scheme,
    color_scheme,
    run_axe,
    sideways_overflow,
    wait_for_charts,
)

DESKTOP = 1280
# 320 CSS px is what a 1280 px window shows at 400% zoom: the width WCAG 1.4.10 Reflow names.
PHONE = 320
HEIGHTS = {DESKTOP: 800, PHONE: 640}
SCHEMES = ("light", "dark")
DARK_SCHEME = "slate"
# Anything not served from this machine is aborted, so a stray CDN reference fails the
# third-party check instead of quietly fetching from the internet.
NOT_LOCAL = re.compile(r"^(?!(?:https?://(?:127\.0\.0\.1|localhost)(?::\d+)?/|data:|blob:|about:))")
NAVIGATION_TIMEOUT_MS = 30_000


@dataclass
class PageVisit:
    """What one page showed at one viewport and scheme."""

    path: str
    url: str
    scheme: str = ""
    load_error: str | None = None
    charts: int = 0
    charts_drawn: bool = True
    axe: list[AxeViolation] = field(default_factory=list)
    overflow: str | None = None
    chart_problems: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@dataclass
class Survey:
    """Every page of the site at one viewport width and colour scheme."""

    width: int
    scheme: str
    visits: list[PageVisit]
    seconds: float

    @property
    def label(self) -> str:
        """Return a short name such as '320px dark'."""
        return f"{self.width}px {self.scheme}"


def context_options(width: int, scheme: str) -> dict[str, object]:
    """Return browser context options for a viewport width and colour scheme."""
    return {
        "viewport": {"width": width, "height": HEIGHTS.get(width, 800)},
        "color_scheme": scheme,
        "reduced_motion": "reduce",
    }


@contextmanager
def open_context(
    browser: Browser, width: int, scheme: str, **extra: object
) -> Iterator[BrowserContext]:
    """Open a browser context that can only reach this machine, and close it afterwards."""
    options = context_options(width, scheme)
    options.update(extra)
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    context.route(NOT_LOCAL, lambda route: route.abort())
    try:
        yield context
    finally:
        context.close()


class _Recorder:
    """Collect console errors, page errors and requests for whichever page is being visited."""

    def __init__(self, page: Page) -> None:
        self.visit: PageVisit | None = None
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        page.on("request", self._request)

    def _console(self, message: ConsoleMessage) -> None:
        if self.visit is not None and message.type == "error":
            where = message.location.get("url", "")
            self.visit.console_errors.append(f"console error: {message.text} ({where})")

    def _page_error(self, error: PlaywrightError) -> None:
        if self.visit is not None:
            self.visit.console_errors.append(f"uncaught exception: {error}")

    def _request(self, request: Request) -> None:
        if self.visit is not None:
            self.visit.requests.append(request.url)


def visit(
    page: Page, recorder: _Recorder, base_url: str, path: str, *, chart_timeout_ms: float
) -> PageVisit:
    """Load one page, let its charts draw and record every check's findings."""
    result = PageVisit(path=path, url=base_url + path)
    recorder.visit = result
    try:
        page.goto(result.url, wait_until="load")
    except PlaywrightError as error:
        result.load_error = str(error).splitlines()[0]
        return result
    result.charts = page.locator(CHART_SELECTOR).count()
    if result.charts:
        result.charts_drawn = wait_for_charts(page, timeout_ms=chart_timeout_ms)
        result.chart_problems = chart_problems(page)
    result.scheme = color_scheme(page)
    result.axe = run_axe(page)
    result.overflow = sideways_overflow(page)
    recorder.visit = None
    return result


def survey_site(
    browser: Browser,
    base_url: str,
    paths: Sequence[str],
    width: int,
    scheme: str,
    *,
    chart_timeout_ms: float = 20_000,
) -> Survey:
    """Visit every path at one width and colour scheme, reusing one page object throughout."""
    started = time.perf_counter()
    visits: list[PageVisit] = []
    with open_context(browser, width, scheme) as context:
        page = context.new_page()
        recorder = _Recorder(page)
        if scheme == "dark" and paths:
            # The palette may follow prefers-color-scheme (emulated above) or only the toggle;
            # choosing slate once stores it in localStorage for every later page.
            page.goto(base_url + paths[0], wait_until="load")
            if color_scheme(page) != DARK_SCHEME:
                choose_dark_scheme(page)
        for path in paths:
            visits.append(visit(page, recorder, base_url, path, chart_timeout_ms=chart_timeout_ms))
    return Survey(width=width, scheme=scheme, visits=visits, seconds=time.perf_counter() - started)


def html_pages(site: Path) -> list[str]:
    """Return the URL path of every built HTML page, relative to the site root."""
    paths: list[str] = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site)
        if relative.parts[0] == "assets":
            continue  # theme and vendor files, not pages
        if relative.name == "index.html":
            parent = relative.parent.as_posix()
            paths.append("" if parent == "." else parent + "/")
        else:
            paths.append(relative.as_posix())
    return paths
