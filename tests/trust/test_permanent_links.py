"""A published address keeps working: the registry, the build's refusal, redirects, register-urls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.cli import main
from generator.config import Partnership, read_config
from generator.errors import PermalinkError
from generator.present.urls import public_url
from generator.publish import permalinks
from generator.publish.permalinks import Redirect, check, urls_in_site
from tests.site.sitebuild import ROOT, build_site, describe, file_bytes, write_config
from tests.trust.projects import (
    old_site,
    replace_in,
    shipped_nav,
    shipped_project,
    staging_leftovers,
)

REGISTRY = ROOT / permalinks.REGISTRY
PARTNERSHIP = Partnership.from_config(read_config(ROOT / "mkdocs.yml"))
SITE_URL = PARTNERSHIP.site_url
# Built files that are not promised addresses: the theme's assets, the search index, the
# sitemap and the not-found page can change name with any theme upgrade.
UNPROMISED = ("assets/", "search/", "sitemap.xml", "404.html")


def test_the_committed_registry_lists_exactly_what_the_site_publishes(built_site: Path) -> None:
    published = urls_in_site(built_site)
    registered = permalinks.read_registry(REGISTRY)
    assert published - registered == set(), (
        "The site publishes addresses that permalinks/published-urls.txt does not list; "
        "run make register-urls and commit the file.")
    assert registered - published == set(), (
        "permalinks/published-urls.txt lists addresses the site no longer publishes; the "
        "build should have refused (see permalinks/redirects.csv).")
    assert REGISTRY.read_text(encoding="utf-8") == permalinks.format_registry(registered), (
        "permalinks/published-urls.txt is not in its usual form; run make register-urls.")


def test_every_page_and_download_is_promised_and_nothing_else(built_site: Path) -> None:
    registered = permalinks.read_registry(REGISTRY)
    for path in sorted(built_site.rglob("*")):
        if path.is_file():
            name = path.relative_to(built_site).as_posix()
            promised = public_url(name) in registered
            assert promised != name.startswith(UNPROMISED), name
    assert {"./", "overview/", "indicators/residential-burglary-rate/",
            "priorities/safe-from-crime/", "api/indicators.json",
            "api/indicators/residential-burglary-rate.json",
            "data/indicators/residential-burglary-rate.csv", "data/datapackage.json",
            "data/observations.csv", "data/safer-sutton-data.zip"} <= registered


def test_renaming_a_measure_keeps_its_address(built_site: Path, tmp_path: Path) -> None:
    config = shipped_project(tmp_path)
    replace_in(tmp_path / "data" / "indicators.csv", ",Residential burglary,",
               ",Burglaries of homes,")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, describe(result)
    heading = BeautifulSoup((tmp_path / "site" / "indicators" / "residential-burglary-rate"
                             / "index.html").read_text(encoding="utf-8"), "html.parser").h1
    assert heading is not None and heading.get_text(strip=True) == "Burglaries of homes"
    assert urls_in_site(tmp_path / "site") == urls_in_site(built_site)


@pytest.fixture()
def moved_governance(tmp_path: Path) -> Path:
    """Return a project whose Governance page has a new file name, with an old site/ beside it."""
    nav = shipped_nav()
    [about] = [entry["About"] for entry in nav if isinstance(entry, dict) and "About" in entry]
    about[about.index({"Governance": "about/governance.md"})] = {
        "Governance": "about/partnership-governance.md"}
    shipped_project(tmp_path, nav=nav)
    content = tmp_path / "content" / "about"
    (content / "governance.md").rename(content / "partnership-governance.md")
    replace_in(content / "index.md", "(governance.md)", "(partnership-governance.md)")
    old_site(tmp_path / "site")
    return tmp_path


def test_a_page_that_disappears_without_a_redirect_fails_the_build(moved_governance: Path) -> None:
    site = moved_governance / "site"
    before = file_bytes(site)
    result = build_site(moved_governance / "mkdocs.yml", site)
    assert result.returncode == 1, describe(result)
    assert "about/governance/ has been published" in result.stderr
    assert "add a row to permalinks/redirects.csv: about/governance/," in result.stderr
    assert file_bytes(site) == before
    assert staging_leftovers(moved_governance) == []


def test_a_declared_redirect_forwards_readers_to_the_new_address(moved_governance: Path) -> None:
    with (moved_governance / "permalinks" / "redirects.csv").open("a", encoding="utf-8") as file:
        file.write("about/governance/,about/partnership-governance/,Renamed the page\n")
    site = moved_governance / "site"
    result = build_site(moved_governance / "mkdocs.yml", site)
    assert result.returncode == 0, describe(result)
    forwarding = site / "about" / "governance" / "index.html"
    soup = BeautifulSoup(forwarding.read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a")
    assert isinstance(link, Tag)
    assert (forwarding.parent / str(link["href"]) / "index.html").resolve() == (
        site / "about" / "partnership-governance" / "index.html")
    assert (site / "about" / "partnership-governance" / "index.html").is_file()
    # Everything registered is still published, so the registry test keeps passing after a move.
    assert permalinks.read_registry(moved_governance / permalinks.REGISTRY) <= urls_in_site(site)


def test_a_forwarding_page_works_without_scripts_and_says_where_the_page_went() -> None:
    move = Redirect("indicators/old-name/", "indicators/new-name/", "Renamed <for> clarity", 2)
    soup = BeautifulSoup(permalinks.redirect_page(move, PARTNERSHIP), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "en"
    assert soup.title is not None and "moved" in soup.title.get_text()
    assert soup.h1 is not None and soup.h1.get_text(strip=True) == "This page has moved"
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert isinstance(refresh, Tag) and refresh["content"] == "0; url=../../indicators/new-name/"
    canonical = soup.find("link", rel="canonical")
    assert isinstance(canonical, Tag)
    assert canonical["href"] == f"{SITE_URL}indicators/new-name/"
    link = soup.find("a")
    assert isinstance(link, Tag) and link["href"] == "../../indicators/new-name/"
    assert link.get_text() == f"{SITE_URL}indicators/new-name/"
    assert "Why it moved: Renamed <for> clarity" in soup.get_text()
    assert soup.find("script") is None


PUBLISHED = frozenset({"./", "overview/", "indicators/new/", "api/indicators/new.json"})


@pytest.mark.parametrize(("registered", "moves", "says"), [
    ({"indicators/old/"}, [],
     "indicators/old/ has been published, but this build no longer makes it. Restore it, or add "
     "a row to permalinks/redirects.csv: indicators/old/,<its new address>,<why it moved>"),
    ({"api/indicators/old.json"}, [],
     "api/indicators/old.json has been published, but this build no longer makes it. Restore "
     "it: a download cannot be forwarded."),
    ({"api/indicators/old.json"}, [Redirect("api/indicators/old.json", "indicators/new/", "", 2)],
     "permalinks/redirects.csv, row 2: api/indicators/old.json is a download, not a page"),
    ({"indicators/old/"}, [Redirect("indicators/old/", "indicators/newer/", "", 2)],
     "permalinks/redirects.csv, row 2: forwards indicators/old/ to indicators/newer/, but this "
     "build does not publish a page at indicators/newer/"),
    (set(), [Redirect("overview/", "indicators/new/", "", 3)],
     "permalinks/redirects.csv, row 3: overview/ is still published"),
], ids=["page-gone", "download-gone", "download-redirect", "missing-target", "still-published"])
def test_the_build_is_refused_with_a_message_that_says_how_to_fix_it(
    registered: set[str], moves: list[Redirect], says: str
) -> None:
    [problem] = check(registered, PUBLISHED, moves)
    assert problem.startswith(says)


def test_new_addresses_and_declared_moves_are_not_problems() -> None:
    moved = [Redirect("indicators/old/", "indicators/new/", "Renamed", 2)]
    assert check({"./", "indicators/old/"}, PUBLISHED, moved) == []


@pytest.mark.parametrize(("text", "says"), [
    ("source,target\n", "permalinks/redirects.csv, row 1: the first row must be the header"),
    ("from,to,reason\nindicators/a/,indicators/b/\n", "permalinks/redirects.csv, row 2: has 2"),
    ("from,to,reason\n/indicators/a/,indicators/b/,x\n",
     "permalinks/redirects.csv, row 2, column `from`: '/indicators/a/' is not an address"),
], ids=["wrong-header", "missing-cell", "leading-slash"])
def test_a_wrong_redirects_file_is_reported_by_row(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "redirects.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PermalinkError) as error:
        permalinks.read_redirects(path)
    assert str(error.value).startswith(says)


def test_register_urls_adds_what_a_built_site_publishes_and_never_removes(
    built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    registry = tmp_path / permalinks.REGISTRY
    registry.parent.mkdir()
    registry.write_text("./\nindicators/a-measure-that-moved/\n", encoding="utf-8")

    assert main(["register-urls", "--config-file", str(config), "--site-dir", str(built_site)]) == 0

    published = urls_in_site(built_site)
    assert permalinks.read_registry(registry) == published | {"indicators/a-measure-that-moved/"}
    output = capsys.readouterr().out
    assert f"Added {len(published) - 1} addresses to permalinks/published-urls.txt" in output
    assert "  overview/\n" in output


def test_register_urls_builds_the_site_when_not_given_one(tmp_path: Path) -> None:
    config = shipped_project(tmp_path)
    (tmp_path / permalinks.REGISTRY).unlink()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "register-urls", "--config-file", str(config)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, describe(result)
    assert (tmp_path / permalinks.REGISTRY).read_text(encoding="utf-8") == REGISTRY.read_text(
        encoding="utf-8")
    assert not (tmp_path / "site").exists(), "register-urls must not leave a site behind"
