"""Fixtures for the browser suite: Chromium, a local HTTP server and one survey per viewport."""

from __future__ import annotations

import os
import shutil
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from benchmarks.gzip_server import serve_on_loopback

from .checks import AXE_VERSION
from .survey import Survey, html_pages, survey_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = (
    f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run the"
    " accessibility tests"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[2]
PLOTLY = REPO_ROOT / "site_templates" / "assets" / "vendor" / "plotly-basic-4.1.1.min.js"

# Facts gathered during the run and printed at the end, for the accessibility statement.
RUN_FACTS: dict[str, str] = {}


def in_ci() -> bool:
    """Return True when the CI environment variable says this is a CI run."""
    return os.environ.get("CI", "").strip().casefold() not in ("", "0", "false", "no")


def require_chromium(path: Path = CHROMIUM) -> Path:
    """Return the Chromium at path; skip the calling test without it, or fail when under CI."""
    if path.is_file() and os.access(path, os.X_OK):
        return path
    missing = CHROMIUM_MISSING.replace(str(CHROMIUM), str(path))
    if in_ci():
        pytest.fail(f"{missing} (CI is set, and CI must never skip these tests)", pytrace=False)
    pytest.skip(missing)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Return Debian's Chromium, skipping the suite without it (failing instead under CI)."""
    return require_chromium()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files under a URL prefix without logging every request to stderr."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep pytest's output for failures."""

    def translate_path(self, path: str) -> str:
        """Map URLs under the prefix onto the directory; anything else is not found."""
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "\0not-found")
        return super().translate_path("/" + route[len(self.prefix) :])


@contextmanager
def serve_directory(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve root over HTTP on 127.0.0.1 at a free port; yield the base URL ending in prefix."""
    handler = type("Handler", (_QuietHandler,), {"prefix": prefix})
    with serve_on_loopback(root, handler) as origin:
        yield origin + prefix


def site_prefix(site: Path) -> str:
    """Return the URL path the site is built for, read from its sitemap (default '/')."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    first = ET.parse(sitemap).getroot().find("s:url/s:loc", namespace)
    if first is None or not first.text:
        return "/"
    path = urlsplit(first.text.strip()).path or "/"
    # The first entry is the home page; its path is the prefix every page shares.
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


@pytest.fixture(scope="session")
def playwright_driver(chromium_executable: Path) -> Iterator[Playwright]:
    """Start Playwright once for the session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright, chromium_executable: Path) -> Iterator[Browser]:
    """Launch one headless Chromium for the whole session."""
    launched = playwright_driver.chromium.launch(
        executable_path=str(chromium_executable), args=CHROMIUM_ARGS, headless=True
    )
    RUN_FACTS["Chromium"] = launched.version
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site at the path it is published under and yield its base URL."""
    with serve_directory(built_site, site_prefix(built_site)) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Return the URL path of every built page, relative to the site's base URL."""
    pages = html_pages(built_site)
    RUN_FACTS["pages"] = str(len(pages))
    return pages


@pytest.fixture(scope="session")
def survey(browser: Browser, site_url: str, site_pages: list[str]) -> Callable[[int, str], Survey]:
    """Return a function giving the (cached) survey of every page at a width and scheme."""
    done: dict[tuple[int, str], Survey] = {}

    def get(width: int, scheme: str) -> Survey:
        key = (width, scheme)
        if key not in done:
            done[key] = survey_site(browser, site_url, site_pages, width, scheme)
            RUN_FACTS[f"survey {done[key].label}"] = f"{done[key].seconds:.1f} s"
        return done[key]

    return get


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copy the deliberately broken pages, with the site's plotly bundle, to a temporary root."""
    root = tmp_path_factory.mktemp("broken-pages")
    shutil.copytree(FIXTURES, root, dirs_exist_ok=True)
    shutil.copy(PLOTLY, root / "plotly.min.js")
    return root


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    """Serve the deliberately broken pages and yield their base URL."""
    with serve_directory(fixture_site) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def _time_the_suite() -> Iterator[None]:
    """Measure the browser suite's wall-clock time for the end-of-run summary."""
    started = time.perf_counter()
    yield
    RUN_FACTS["browser suite wall time"] = f"{time.perf_counter() - started:.1f} s"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the browser suite's facts: pages covered, Chromium and axe versions, timings."""
    if "Chromium" not in RUN_FACTS:
        return  # no browser ran, so there is nothing to report
    terminalreporter.section("accessibility suite")
    terminalreporter.write_line(f"axe-core: {AXE_VERSION}")
    for name, value in RUN_FACTS.items():
        terminalreporter.write_line(f"{name}: {value}")
