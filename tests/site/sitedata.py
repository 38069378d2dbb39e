"""Read the shipped data package and built pages the way the site tests need them."""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from tests.site.sitebuild import ROOT

DATA = ROOT / "data"


def rows(name: str, data_dir: Path = DATA) -> list[dict[str, str]]:
    """Return a CSV resource of the data package as dicts of strings."""
    with (data_dir / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def page(site: Path, url: str) -> BeautifulSoup:
    """Return the parsed HTML of the page at a site-relative URL such as 'overview/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str) -> Tag:
    """Return a page's main content."""
    found = page(site, url).select_one("article.md-content__inner")
    assert found is not None, f"{url} has no main content"
    return found


@dataclass(frozen=True)
class TableData:
    columns: list[str]
    rows: dict[str, list[str]]  # row heading -> cells


def table(element: Tag) -> TableData:
    """Return a data table's column headings and cells by row heading."""
    columns = [th.get_text(strip=True) for th in element.select("thead th")]
    body = {}
    for tr in element.select("tbody tr"):
        heading = tr.find("th")
        assert isinstance(heading, Tag)
        body[heading.get_text(strip=True)] = [td.get_text(strip=True) for td in tr.find_all("td")]
    return TableData(columns, body)


def chart_json(element: Tag, indicator_id: str) -> dict[str, object]:
    """Return the figure embedded in a measure's page."""
    script = element.find("script", id=f"chart-{indicator_id}")
    assert isinstance(script, Tag), f"no chart data for {indicator_id}"
    figure: dict[str, object] = json.loads(script.string or "")
    return figure
