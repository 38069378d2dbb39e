"""Golden output: a small fictional fixture site, built by the real generator, page by page.

The expected main content of each page is in tests/fixtures/golden/expected/. After an intended
change to pages, templates or computed figures, regenerate it with one command and review the diff:

    .venv/bin/python -m tests.site.regenerate_golden
"""

from __future__ import annotations

import difflib
import gzip
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.site.golden import EXPECTED, PAGES, REGENERATE, build_golden, expected_name
from tests.site.sitebuild import ROOT
from tests.site.sitedata import rows


@pytest.fixture(scope="module")
def golden_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    workdir = tmp_path_factory.mktemp("golden")
    return workdir, build_golden(workdir)


@pytest.fixture(scope="module")
def golden(golden_tree: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return golden_tree[1]


def test_another_partnerships_site_shows_nothing_of_the_shipped_one(
    golden_tree: tuple[Path, dict[str, str]]
) -> None:
    # The fixture is another partnership's: every fact about the one that publishes the shipped
    # site (its name, area, addresses, download names) must come from mkdocs.yml or data/, so
    # none may show anywhere in the fixture's site: pages, downloads, inside the zip, the
    # search index or the sitemap.
    site = golden_tree[0] / "site"
    shipped = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    home = next(row["name"] for row in rows("areas") if row["is_home"] == "true")
    words = {home, shipped["site_author"], shipped["site_url"], shipped["repo_url"],
             shipped["extra"]["data_zip"], "Sutton"}
    found = []
    for path, content in every_built_file(site):
        text = content.decode("utf-8", errors="replace").lower()
        found.extend(f"{path}: {word}" for word in words if word.lower() in text)
    assert not found, found
    assert (site / "data" / "testborough-data.zip").is_file()


def every_built_file(site: Path) -> Iterator[tuple[str, bytes]]:
    """Yield each built file's path and bytes, the members of zip files (gunzipped) included."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        content = path.read_bytes()
        if path.suffix == ".gz":
            content = gzip.decompress(content)
        yield name, content
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                yield from ((f"{name}!{member}", archive.read(member))
                            for member in archive.namelist())


def test_expected_files_are_exactly_the_pages() -> None:
    assert sorted(path.name for path in EXPECTED.glob("*.html")) == sorted(
        expected_name(page) for page in PAGES
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_the_golden_output(golden: dict[str, str], page: str) -> None:
    name = expected_name(page)
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    actual = golden[name]
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=f"expected/{name}", tofile="built", n=2,
        ))
        pytest.fail(f"{page or 'home'} differs from the golden output. If the change is intended, "
                    f"run `{REGENERATE}` and review the diff.\n{diff[:6000]}", pytrace=False)


def text_of(golden: dict[str, str], page: str) -> str:
    return " ".join(BeautifulSoup(golden[expected_name(page)], "html.parser").get_text(" ").split())


def test_fixture_exercises_withheld_revised_and_missing_figures(golden: dict[str, str]) -> None:
    # Independent of the expected files: the fixture shows what it is there to show.
    referrals = text_of(golden, "indicators/victim-referrals/")
    assert "Risk level: high [c]" in referrals
    assert "Risk level: medium [c]" in referrals  # withheld so high cannot be worked out
    releases = text_of(golden, "releases/")
    assert "64.1 per 1,000 residents [p]" in releases and "63.0 per 1,000 residents [r]" in releases
    hub = text_of(golden, "indicators/hub-services/")
    assert "No figures published yet" in hub
    assert "Figure quoted in the strategy (not a target) 12 services" in hub
    harm = text_of(golden, "priorities/safe-from-harm/")
    assert "2.1 Support young people at risk of exploitation & harm (a < b)." in harm
