"""Find markup in narrative Markdown that could run code in a reader's browser.

Narrative pages are edited in the GitHub web editor, and Markdown passes raw HTML straight
through, so a pasted embed code could put a script on a council website. The build refuses such
pages and names the file and line, rather than silently stripping what the editor wrote.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Elements that run code or pull in another page's code.
_ACTIVE_ELEMENT = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet|base)\b",
                             re.IGNORECASE)
# An on...= attribute inside an HTML tag, which may span lines (e.g. <img src=x\n onerror=...>).
_TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
_EVENT_ATTRIBUTE = re.compile(r"[\s\"'/]on[a-z]+\s*=", re.IGNORECASE)
# Markdown attribute lists ({: onclick="..."}) would add attributes too, if the extension is on.
_ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
# Browsers ignore whitespace and control characters inside a URL scheme, and decode entities in
# attributes, so 'java&#115;cript:' and 'java\tscript:' both run.
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# A scheme only runs where a URL starts: a Markdown link or image target "](", a reference
# definition "]:", an autolink "<", or an HTML attribute value "=" (quoted or not). Matching only
# there lets ordinary prose such as "Without JavaScript: ..." through.
_SCRIPT_URL = re.compile(
    r"(?:\]\(|\]:|<|=[\"']?)(" + "|".join(re.escape(s) for s in _SCRIPT_SCHEMES) + ")"
)


@dataclass(frozen=True)
class UnsafeMarkup:
    """One problem: the line it is on (1-based, counting from the top of the file) and what."""

    line: int
    what: str


def find_unsafe_markup(text: str) -> list[UnsafeMarkup]:
    """Return every script, event-handler attribute or script URL in the text, in line order."""
    problems: list[UnsafeMarkup] = []
    for match in _ACTIVE_ELEMENT.finditer(text):
        element = match.group(1).lower()
        problems.append(UnsafeMarkup(_line_of(text, match.start()), f"a <{element}> element"))
    for tag in _TAG.finditer(text):
        for attribute in _EVENT_ATTRIBUTE.finditer(tag.group(0)):
            position = tag.start() + attribute.start() + 1
            name = attribute.group(0)[1:].split("=")[0].strip().lower()
            problems.append(UnsafeMarkup(_line_of(text, position), f"an event-handler attribute ({name}=)"))
    for match in _ATTRIBUTE_LIST.finditer(text):
        problems.append(UnsafeMarkup(_line_of(text, match.start()), "an event-handler attribute"))
    for number, line in enumerate(text.splitlines(), start=1):
        compact = _SCHEME_NOISE.sub("", html.unescape(line)).lower()
        for match in _SCRIPT_URL.finditer(compact):
            problems.append(UnsafeMarkup(number, f"a '{match.group(1)}' link"))
    return sorted(set(problems), key=lambda problem: (problem.line, problem.what))


def script_scheme_in(text: str) -> str | None:
    """Return the first script URL scheme anywhere in text, even in prose, or None."""
    compact = _SCHEME_NOISE.sub("", html.unescape(text)).lower()
    return next((scheme for scheme in _SCRIPT_SCHEMES if scheme in compact), None)


def describe(path: str, problems: list[UnsafeMarkup]) -> str:
    """Return a message an editor can act on: each file and line, what is wrong, how to fix it."""
    lines = [
        f"{path}, line {problem.line}: {problem.what} is not allowed in page text."
        for problem in problems
    ]
    lines.append(
        "Pages may use Markdown and plain HTML, but nothing that runs code. Remove it (keep any "
        "words and ordinary links); if the page needs an interactive element, ask the web team."
    )
    return "\n".join(lines)


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
