"""Where each kind of page lives in the built site, and what each kind must show."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .checks import PrintExpectations

HOME = ""
OVERVIEW = "overview/"
DATA = "data/"
NOT_FOUND = "404.html"
PRIORITIES = "priorities/"
INDICATORS = "indicators/"
HOME_AREA = "sutton"

# The summary sentence is the first paragraph after the page's heading (present/markdown.py writes a measure
# page's Markdown as heading then summary); the meta description repeats it word for word.
SUMMARY = "article.md-content__inner h1 + p"
CHART = "figure.ss-chart"
CHART_OR_PLACEHOLDER = f"{CHART}, .ss-chart-placeholder"
DATA_TABLE = "article .ss-table table"
CSV_LINK = 'article a[href$=".csv"]'
JSON_LINK = 'article a[href$=".json"]'

INDICATOR_PRINT = PrintExpectations(
    shown={
        "summary sentence": SUMMARY,
        "chart (or its printed placeholder)": CHART_OR_PLACEHOLDER,
        "data table": DATA_TABLE,
    },
    hidden={
        "header": ".md-header",
        "navigation tabs": ".md-tabs",
        "navigation and contents sidebars": ".md-sidebar",
        "footer": ".md-footer",
        "search": ".md-search",
        "skip link": ".md-skip",
        "back-to-top button": ".md-top",
    },
)


def priority_pages(pages: Sequence[str]) -> list[str]:
    """Return the priority pages."""
    return [page for page in pages if page.startswith(PRIORITIES) and page != PRIORITIES]


def indicator_pages(pages: Sequence[str]) -> list[str]:
    """Return the measure (indicator) pages."""
    return [page for page in pages if page.startswith(INDICATORS) and page != INDICATORS]


def indicator_id(page: str) -> str:
    """Return the indicator id of a measure page path such as 'indicators/asb-calls/'."""
    return page[len(INDICATORS) :].strip("/")


def has_home_figures(site: Path, page: str) -> bool:
    """Return True when the published JSON holds any figure (even withheld) for the home area."""
    api = site / "api" / "indicators" / f"{indicator_id(page)}.json"
    document = json.loads(api.read_text(encoding="utf-8"))
    return any(obs.get("area") == HOME_AREA for obs in document.get("observations", []))


def first_with_chart(site: Path, pages: Sequence[str]) -> str:
    """Return the first measure page whose built HTML contains a chart."""
    for page in indicator_pages(pages):
        if 'class="ss-chart"' in (site / page / "index.html").read_text(encoding="utf-8"):
            return page
    raise LookupError("no measure page has a chart")
