"""Golden output: a small fictional fixture site, built by the real generator, page by page.

The expected main content of each page is in tests/fixtures/golden/expected/. After an intended
change to pages, templates or computed figures, regenerate it with one command and review the diff:

    .venv/bin/python -m tests.site.regenerate_golden
"""

from __future__ import annotations

import difflib

import pytest
from bs4 import BeautifulSoup

from tests.site.golden import EXPECTED, PAGES, REGENERATE, build_golden, expected_name


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return build_golden(tmp_path_factory.mktemp("golden"))


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
