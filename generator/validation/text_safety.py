"""Refuse data cells that a browser would run as markup or a spreadsheet as a formula.

The site's pages, downloads and search index all carry these cells, so unlike narrative pages
(checked by ``generator.validation.narrative_safety``) they may hold no tag at all.
"""

from __future__ import annotations

import re

from generator.validation.narrative_safety import find_unsafe_markup, script_scheme_in
from generator.validation.table import Verdict

# Every way of smuggling in code needs one of these characters; most cells have none.
_MARKUP_HINT = re.compile(r"[<:{&]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_FORMULA_START = ("=", "+", "@")


def unsafe_text_verdict(text: str) -> Verdict:
    """Return why text would be unsafe to publish (markup or a spreadsheet formula), or None."""
    if _MARKUP_HINT.search(text):
        active = [problem.what for problem in find_unsafe_markup(text)]
        # Data cells are stricter than narrative: a script scheme is refused even in prose.
        if not active and (scheme := script_scheme_in(text)):
            active = [f"a '{scheme}' link"]
        if active:
            return (f"This text contains {active[0]}, which could run as a program in "
                    "readers' browsers once published, so it is unsafe.",
                    "Delete it and write plain text only (no < > tags and no script links).")
        if tag := _TAG.search(text):
            return (f"This text contains web-page code ({tag.group(0)[:40]}), which the website "
                    "would treat as code rather than words once published, so it is unsafe.",
                    "Remove the tag and write plain text only, without < > tags.")
    start = text.lstrip(" ")
    if start[:1] in ("\t", "\n", "\r"):
        return ("This text starts with a tab or line break. Spreadsheets can treat text that "
                "starts this way as a formula when someone opens the downloaded file, which is "
                "unsafe.", "Delete the tab or line break at the start of the cell.")
    stripped = text.strip()
    first, second = stripped[:1], stripped[1:2]
    # A minus sign before a number (-5, -0.5) is ordinary text; before anything else it is not.
    if first in _FORMULA_START or (first == "-" and second and second not in "0123456789."):
        return (f"This text starts with {first}, so a spreadsheet would run it as a formula when "
                "someone opens the downloaded file, which is unsafe.",
                f"Delete the {first} at the start, or start the text with a word.")
    return None
