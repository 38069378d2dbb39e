"""What every page context is: a frozen dataclass, documented field by field, with its templates.

Templates read a page's context as ``page`` and only lay it out: every number and sentence in it
is already made. Each field says what it holds in its ``help`` (datasette's convention), so a
template author can read what a page offers without reading the code that builds it;
tests/site/test_page_contexts.py checks that every context and field is documented.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, ClassVar

# The theme template most pages are shown with: the page's Markdown, then its generated body.
PAGE_TEMPLATE = "ss_page.html"


def described(help_text: str) -> Any:
    """Return a dataclass field that tells template authors what it holds."""
    return field(metadata={"help": help_text})


class PageContext:
    """The context of one page's generated body; subclasses are frozen, documented dataclasses."""

    # The body's template, under site_templates/generated/.
    template: ClassVar[str]
    # The theme template the page is shown with, under site_templates/.
    page_template: ClassVar[str] = PAGE_TEMPLATE

    @property
    def has_chart(self) -> bool:
        """Return whether the page draws a chart (and so loads the chart library)."""
        return False
