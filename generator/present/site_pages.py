"""Every page with a generated body, from one registry of page types.

A page type is a documented context class (generator.present.context), a builder that makes the
site's pages of that type, and a body template under site_templates/generated/ named by the
class. Adding one means writing those three and listing it in PAGE_TYPES below.

Nothing here knows about MkDocs or about the build's worker: the site's pages are described here
(where each one is, how to make its context, what Markdown the site writes for it) and rendered
by generator.present.render, by whoever asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.package.model import Priority
from generator.present.context import PageContext
from generator.present.pages import data, home, indicator, methodology, overview, priority, releases
from generator.present.pages.page import Builder, Page
from generator.present.site import SiteData
from generator.present.views import indicator_cards


@dataclass(frozen=True)
class PageType:
    """A kind of page: its documented context class and the builder of its pages."""

    context: type[PageContext]
    build: Builder
    # One page per measure: a build may render these bodies in another process.
    per_measure: bool = False


PAGE_TYPES: tuple[PageType, ...] = (
    PageType(home.HomePage, home.pages),
    PageType(priority.PriorityPage, priority.pages),
    PageType(indicator.IndicatorPage, indicator.pages, per_measure=True),
    PageType(overview.OverviewPage, overview.pages),
    PageType(data.DataPage, data.pages),
    PageType(methodology.MethodologyPage, methodology.pages),
    PageType(releases.ReleasesPage, releases.pages),
)


@dataclass(frozen=True)
class SitePages:
    """What the site adds to content/: each generated page, by its path under content/."""

    pages: Mapping[str, Page]
    per_measure: tuple[str, ...]  # the measures' pages, in the package's order

    def context(self, source: str) -> PageContext | None:
        """Return the context of the page at source (made now), or None if it has none."""
        page = self.pages.get(source)
        return None if page is None else page.context()

    def generated(self) -> Iterable[tuple[str, str]]:
        """Yield (source, Markdown) of each page that has no file in content/."""
        return ((source, page.markdown) for source, page in self.pages.items()
                if page.markdown is not None)

    def priorities(self) -> Mapping[str, Priority]:
        """Return the priority each priority page presents, by its path under content/."""
        return {source: page.priority for source, page in self.pages.items()
                if page.priority is not None}


def build_site_pages(site: SiteData) -> SitePages:
    """Return every page the site generates a body for; contexts are made when asked for."""
    cards = indicator_cards(site)
    pages: dict[str, Page] = {}
    per_measure: list[str] = []
    for page_type in PAGE_TYPES:
        for page in page_type.build(site, cards):
            pages[page.source] = page
            if page_type.per_measure:
                per_measure.append(page.source)
    return SitePages(pages, tuple(per_measure))

