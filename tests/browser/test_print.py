"""Printing a measure page keeps the summary, chart and table and drops the site's furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .checks import chart_problems, print_problems, wait_for_charts
from .site_map import INDICATOR_PRINT, first_with_chart
from .survey import DESKTOP, open_context

pytestmark = pytest.mark.browser

# A one- or two-page measure printout with a vector chart is tens of kilobytes; megabytes would
# mean something (such as a rasterised page) has gone wrong.
PDF_MIN_BYTES = 5_000
PDF_MAX_BYTES = 5_000_000


def test_printed_measure_page_keeps_content_and_hides_navigation(
    browser: Browser, built_site: Path, site_url: str, site_pages: list[str]
) -> None:
    url = site_url + first_with_chart(built_site, site_pages)
    with open_context(browser, DESKTOP, "light") as context:
        page = context.new_page()
        page.goto(url, wait_until="load")
        assert wait_for_charts(page), f"{url}: the chart never drew"
        problems = print_problems(page, INDICATOR_PRINT)
        pdf = page.pdf(format="A4", print_background=False)
    assert not problems, f"{url}:\n" + "\n".join(f"  - {p}" for p in problems)
    assert pdf.startswith(b"%PDF-")
    assert PDF_MIN_BYTES <= len(pdf) <= PDF_MAX_BYTES, f"the PDF is {len(pdf):,} bytes"


# A4 (210 mm) less Material's 25 mm print margins each side leaves 160 mm, about 605 CSS px.
A4_TEXT_WIDTH_PX = 605


def test_printed_chart_scales_down_to_the_paper(
    browser: Browser, built_site: Path, site_url: str, site_pages: list[str]
) -> None:
    url = site_url + first_with_chart(built_site, site_pages)
    with open_context(browser, DESKTOP, "light") as context:
        page = context.new_page()
        page.goto(url, wait_until="load")
        assert wait_for_charts(page), f"{url}: the chart never drew"
        drawn = page.evaluate(
            "() => document.querySelector('.main-svg').getBoundingClientRect().width"
        )
        assert drawn > A4_TEXT_WIDTH_PX, "the chart is drawn narrower than paper: nothing to test"
        page.emulate_media(media="print")
        # Printing lays the page out at the paper's width without redrawing the chart, which
        # keeps the width it was drawn at on screen; narrowing the article reproduces that.
        page.evaluate(
            "(width) => { document.querySelector('article').style.width = width + 'px'; }",
            A4_TEXT_WIDTH_PX,
        )
        problems = [
            p for p in chart_problems(page) if "wider than" in p or "spills" in p or "cut off" in p
        ]
    assert not problems, f"{url} printed:\n" + "\n".join(f"  - {p}" for p in problems)
