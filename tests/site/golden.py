"""Build the golden fixture site and reduce each page to its main content, for comparison."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from tests.site.sitebuild import ROOT, build_site, copy_inputs, describe, write_config

FIXTURE = ROOT / "tests" / "fixtures" / "golden"
EXPECTED = FIXTURE / "expected"
REGENERATE = ".venv/bin/python -m tests.site.regenerate_golden"

# Every page the fixture's generator output touches: content pages with generated bodies, the
# priority page with a narrative, the one generated because it has none, and each measure.
PAGES = (
    "",
    "overview/",
    "data/",
    "releases/",
    "about/methodology/",
    "priorities/safe-from-crime/",
    "priorities/safe-from-harm/",
    "indicators/crime-rate/",
    "indicators/hub-services/",
    "indicators/victim-referrals/",
)


class GoldenBuildError(Exception):
    """The fixture site did not build."""


def expected_name(page: str) -> str:
    """Return the file under expected/ that holds a page's main content."""
    return (page.strip("/").replace("/", "__") or "home") + ".html"


def build_golden(workdir: Path) -> dict[str, str]:
    """Build the fixture in workdir and return each page's main content, keyed by file name."""
    copy_inputs(FIXTURE, workdir)
    settings = yaml.safe_load((FIXTURE / "site.yml").read_text(encoding="utf-8"))
    config = write_config(workdir, settings=settings)
    result = build_site(config, workdir / "site")
    if result.returncode != 0:
        raise GoldenBuildError(describe(result))
    return {expected_name(page): main_content(workdir / "site" / page / "index.html")
            for page in PAGES}


def main_content(path: Path) -> str:
    """Return a page's <article>, one tag per line, which is stable and diffs well.

    Material's asset hashes and menus live outside the article, so theme upgrades that do not
    change our output do not change the golden files.
    """
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise GoldenBuildError(f"{path} has no <article>")
    return article.prettify(formatter="minimal")
