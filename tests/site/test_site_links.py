"""Every link and #anchor inside the built site leads to a file and an element that exist."""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


@functools.cache
def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids(path: Path) -> set[str]:
    soup = parsed(path)
    return {str(e["id"]) for e in soup.find_all(id=True)} | {
        str(e["name"]) for e in soup.find_all("a", attrs={"name": True})
    }


def target_file(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """Return the file a relative link from page points at, and its fragment."""
    parts = urlsplit(href)
    directory = page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(directory, unquote(parts.path))) if parts.path else (
        page.relative_to(site).as_posix()
    )
    target = site / joined
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken: list[str] = []
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        if page.name == "404.html":
            continue  # its links are absolute from the server root, by design
        soup = parsed(page)
        for element, attribute in [(e, "href") for e in soup.find_all(["a", "link"], href=True)] + [
            (e, "src") for e in soup.find_all(["script", "img"], src=True)
        ]:
            href = str(element[attribute])
            if urlsplit(href).scheme or href.startswith("//"):
                continue  # another site, or mailto:
            target, fragment = target_file(built_site, page, href)
            checked += 1
            where = f"{page.relative_to(built_site)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(built_site)})")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                broken.append(f"{where} (no id '{fragment}')")
    assert checked > 1000
    assert not broken, "\n".join(broken)
