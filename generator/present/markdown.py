"""The little Markdown the site writes itself: a generated page's heading and summary.

Markdown is the slow part of a build, and search should index words, not tables, so a generated
page's Markdown is only its heading and summary sentence; its body is rendered from its context.
"""

from __future__ import annotations

import re

# Characters Python-Markdown gives a meaning to; a backslash makes each one literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>&])")


def markdown_text(text: str) -> str:
    """Return text that Markdown will show exactly as written (no emphasis, links or HTML)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    # Markdown has no backslash escape for < and &, so those become entities.
    return escaped.replace("\\&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;")


def measure_markdown(title: str, summary: str) -> str:
    """Return a measure page's Markdown from its title and summary sentence.

    No front matter: its template and description are set by the build (the page's Page), which
    spares parsing a thousand small YAML blocks at London scale.
    """
    return f"# {markdown_text(title)}\n\n{markdown_text(summary)}\n"


def heading_markdown(title: str) -> str:
    """Return a level-one heading for a page whose Markdown has none."""
    return f"# {markdown_text(title)}\n\n"
