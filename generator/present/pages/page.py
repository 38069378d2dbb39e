"""One generated page as a page type's builder describes it to the site."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator.package.model import Priority
from generator.present.context import PageContext
from generator.present.site import SiteData
from generator.present.views import IndicatorCard


@dataclass(frozen=True)
class Page:
    """A page whose body the site generates: where it is and how to make its context."""

    source: str  # its path under content/, e.g. "indicators/x.md"
    address: str  # its site address, e.g. "indicators/x/" ("./" for the home page)
    context: Callable[[], PageContext]  # made when the page is rendered, not before
    template: str  # the theme template it is shown with
    markdown: str | None = None  # all its Markdown, for a page content/ has no file for
    stub: str | None = None  # its Markdown if content/ lacks the file (which may add words)
    description: str | None = None  # for search engines and link previews
    priority: Priority | None = None  # the priority a priority page presents


# A page type's builder: the site's pages of that type, given every measure's card.
Builder = Callable[[SiteData, Mapping[str, IndicatorCard]], Iterable[Page]]


def made(context: PageContext) -> Callable[[], PageContext]:
    """Return the maker of a context that is already made."""
    return lambda: context
