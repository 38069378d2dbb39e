"""Permanent links: an address the site has published keeps working, or forwards to its successor.

``permalinks/published-urls.txt`` lists every address the site has ever published (pages and
downloads, relative to the site's address; ``./`` is the home page). Lines are only ever added.
``permalinks/redirects.csv`` declares moves (``from,to,reason``). A build that would stop
publishing a listed address without a declared move is refused; each declared move gets a small
page at the old address that forwards readers to the new one.

Nothing here knows about MkDocs: the adapter passes in the addresses a build makes.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path

from generator.config import Partnership
from generator.errors import PermalinkError
from generator.present.urls import HOME, absolute, is_page, public_url, relative_url

REGISTRY = Path("permalinks") / "published-urls.txt"
REDIRECTS = Path("permalinks") / "redirects.csv"
REDIRECT_COLUMNS = ("from", "to", "reason")
REGISTER_COMMAND = "make register-urls"

_REGISTRY_HEADER = f"""\
# Every address the site has published, relative to the site's address ({HOME} is the home page).
# Lines are only added, never removed: run `{REGISTER_COMMAND}` after adding pages or measures.
# If an address has to move, keep its line here and add a line to {REDIRECTS.as_posix()}.
"""


@dataclass(frozen=True)
class Redirect:
    """One declared move: readers of ``source`` are sent on to ``target``."""

    source: str
    target: str
    reason: str
    row: int  # spreadsheet row number in redirects.csv (the header is row 1)


def urls_in_site(site_dir: Path) -> frozenset[str]:
    """Return the promised addresses of an already built site."""
    found = (public_url(path.relative_to(site_dir).as_posix())
             for path in site_dir.rglob("*") if path.is_file())
    return frozenset(url for url in found if url is not None)


def read_registry(path: Path) -> frozenset[str]:
    """Return the registered addresses; a project without a registry has promised none yet."""
    if not path.is_file():
        return frozenset()
    urls: set[str] = set()
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        problem = _address_problem(url)
        if problem:
            problems.append(f"{REGISTRY.as_posix()}, line {number}: {problem}")
        urls.add(url)
    if problems:
        raise PermalinkError("\n".join(problems))
    return frozenset(urls)


def format_registry(urls: Iterable[str]) -> str:
    """Return the registry file's text: a short explanation, then one address a line, sorted."""
    return _REGISTRY_HEADER + "".join(f"{url}\n" for url in sorted(set(urls)))


def read_redirects(path: Path) -> tuple[Redirect, ...]:
    """Return the declared moves; raise PermalinkError naming every row that is wrong."""
    if not path.is_file():
        return ()
    name = REDIRECTS.as_posix()
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    if not records or tuple(cell.strip() for cell in records[0]) != REDIRECT_COLUMNS:
        raise PermalinkError(
            f"{name}, row 1: the first row must be the header {','.join(REDIRECT_COLUMNS)}; "
            "put it back, with one move a row below it."
        )
    redirects: list[Redirect] = []
    problems: list[str] = []
    for row, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(REDIRECT_COLUMNS):
            problems.append(
                f"{name}, row {row}: has {len(record)} cells, but each row needs 3 (from,to,reason); "
                'a reason that contains a comma must be inside double quotes.'
            )
            continue
        source, target, reason = (cell.strip() for cell in record)
        for column, url in (("from", source), ("to", target)):
            problem = _address_problem(url)
            if problem:
                problems.append(f"{name}, row {row}, column `{column}`: {problem}")
        redirects.append(Redirect(source, target, reason, row))
    if problems:
        raise PermalinkError("\n".join(problems))
    return tuple(redirects)


def _address_problem(url: str) -> str | None:
    """Return what is wrong with an address as written in the registry or redirects, if anything."""
    if not url:
        return "the address is blank; write it like indicators/<id>/ or data/<name>.csv."
    if url.startswith("/") or "://" in url or url.startswith("../") or " " in url:
        return (f"'{url}' is not an address relative to the site; write it the way "
                f"{REGISTRY.as_posix()} does, e.g. indicators/residential-burglary-rate/ "
                "(no leading /, no https://).")
    return None


def check(registered: Set[str], published: Set[str], redirects: Iterable[Redirect]) -> list[str]:
    """Return every way this build would break a published address or a declared move."""
    name = REDIRECTS.as_posix()
    problems: list[str] = []
    sources: set[str] = set()
    for move in redirects:
        where = f"{name}, row {move.row}"
        if move.source in sources:
            problems.append(f"{where}: {move.source} is moved by an earlier row too; keep one.")
        elif not is_page(move.source):
            problems.append(
                f"{where}: {move.source} is a download, not a page, so it cannot be forwarded "
                "(a static site can only forward a web page). Delete this row and keep "
                f"publishing {move.source}: restore whatever made it."
            )
        elif move.source in published:
            problems.append(
                f"{where}: {move.source} is still published, so it cannot also forward to "
                f"{move.target}. Delete this row, or stop publishing {move.source} first."
            )
        elif move.target not in published or not is_page(move.target):
            problems.append(
                f"{where}: forwards {move.source} to {move.target}, but this build does not "
                f"publish a page at {move.target}. Check the spelling (page addresses end in /, "
                "e.g. indicators/residential-burglary-rate/); if that page has moved too, point "
                "at where it is now."
            )
        sources.add(move.source)
    for url in sorted(registered - published - sources):
        problems.append(_disappearing(url))
    return problems


def _disappearing(url: str) -> str:
    if not is_page(url):
        return (f"{url} has been published, but this build no longer makes it. Restore it: a "
                "download cannot be forwarded.")
    return (f"{url} has been published, but this build no longer makes it. Restore it, or add "
            f"a row to {REDIRECTS.as_posix()}: {url},<its new address>,<why it moved>")


def check_build(root: Path, built: Iterable[str]) -> tuple[Redirect, ...]:
    """Check a build's files against the registry and the declared moves under root; return the
    moves, or raise PermalinkError saying how the build would break a published address."""
    registered = read_registry(root / REGISTRY)
    moves = read_redirects(root / REDIRECTS)
    published = {url for url in map(public_url, built) if url is not None}
    problems = check(registered, published, moves)
    if problems:
        raise PermalinkError(describe(problems))
    return moves


def describe(problems: Iterable[str]) -> str:
    """Return the problems as one message for the person running the build."""
    items = "".join(f"\n- {problem}" for problem in problems)
    return (
        f"The build would break the site's permanent links. Other sites and councillors' papers "
        f"link to the addresses in {REGISTRY.as_posix()}, so each must keep working. A page's "
        "address comes from its file name in content/, or from the `id` of a measure or the "
        "`slug` of a priority in data/; a download's from the measure's `id`. Change it back, "
        f"or, for a page that has really moved, say where it went in {REDIRECTS.as_posix()} "
        f"(see README.md, \"Permanent links\").{items}"
    )


def redirect_page(move: Redirect, partnership: Partnership) -> str:
    """Return a page that sends readers of a moved page on to its new address, without scripts."""
    href = html.escape(relative_url(move.source, move.target))
    old, new = (html.escape(absolute(partnership, url)) for url in (move.source, move.target))
    paragraphs = [f'The page that was at {old} is now at <a href="{href}">{new}</a>.']
    if move.reason:
        paragraphs.append(f"Why it moved: {html.escape(move.reason)}")
    paragraphs.append("If you linked to the old address, please change your link to the new one.")
    body = "".join(f"      <p>{text}</p>\n" for text in paragraphs)
    # A zero-second refresh forwards at once (WCAG allows an instant redirect); the canonical
    # link gives search engines the new address; the words and the link serve everyone else.
    return f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>This page has moved - {html.escape(partnership.site_name)}</title>
    <link rel="canonical" href="{new}">
    <meta name="robots" content="noindex">
    <meta http-equiv="refresh" content="0; url={href}">
  </head>
  <body>
    <main>
      <h1>This page has moved</h1>
{body}    </main>
  </body>
</html>
"""
