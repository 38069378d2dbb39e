"""With JavaScript off, every page keeps its heading and each measure keeps its words and numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .checks import missing_content, report
from .site_map import (
    CSV_LINK,
    DATA_TABLE,
    JSON_LINK,
    SUMMARY,
    has_home_figures,
    indicator_pages,
)
from .survey import DESKTOP, open_context

pytestmark = pytest.mark.browser

MAIN_HEADING = "article.md-content__inner h1"


def test_pages_keep_their_content_without_javascript(
    browser: Browser, built_site: Path, site_url: str, site_pages: list[str]
) -> None:
    measures = set(indicator_pages(site_pages))
    problems: dict[str, list[str]] = {}
    checked_tables = 0
    with open_context(browser, DESKTOP, "light", java_script_enabled=False) as context:
        page = context.new_page()
        for path in site_pages:
            page.goto(site_url + path, wait_until="load")
            required = {"main heading": MAIN_HEADING}
            if path in measures:
                required |= {
                    "summary sentence": SUMMARY,
                    "CSV download link": CSV_LINK,
                    "JSON download link": JSON_LINK,
                }
                if has_home_figures(built_site, path):
                    required["data table"] = DATA_TABLE
                    checked_tables += 1
            found = missing_content(page, required)
            if path in measures:
                found += _summary_mismatch(page.evaluate(_SUMMARY_FACTS_JS, SUMMARY))
            if found:
                problems[page.url] = found
    assert checked_tables, "no measure has figures, so the table check proved nothing"
    assert not problems, report(problems)


_SUMMARY_FACTS_JS = """(selector) => ({
    description: (document.querySelector('meta[name="description"]') || {}).content || '',
    summary: (document.querySelector(selector) || {}).textContent || '',
})"""


def _summary_mismatch(facts: dict[str, str]) -> list[str]:
    """Return a problem when the summary paragraph is not the page's own summary sentence."""
    summary = " ".join(facts["summary"].split())
    description = " ".join(facts["description"].split())
    if summary and description and summary != description:
        return [f"the paragraph after the heading is {summary!r}, not the summary {description!r}"]
    return []
