"""The methodology page's generated part: the rules compute and disclosure control apply."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from generator.figures.compute import methodology
from generator.figures.disclosure import DISCLOSURE_RULES
from generator.figures.results import Status
from generator.present import urls
from generator.present.context import PageContext, described
from generator.present.pages.page import Page, made
from generator.present.site import SiteData
from generator.present.views import IndicatorCard, StatusView, status_view

SOURCE = "about/methodology.md"


@dataclass(frozen=True)
class MethodologyPage(PageContext):
    """Context of /about/methodology/: the rules compute and disclosure control apply."""

    template: ClassVar[str] = "methodology.html"

    methodology: tuple[str, ...] = described("how figures are compared and judged, a paragraph "
                                             "a rule, naming the home area")
    disclosure_rules: tuple[str, ...] = described("how small numbers are withheld, a paragraph "
                                                  "a rule")
    statuses: tuple[StatusView, ...] = described("every status a measure can have, in order")


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield the methodology page."""
    context = MethodologyPage(
        methodology=methodology(site.package.home_area.name),
        disclosure_rules=DISCLOSURE_RULES,
        statuses=tuple(status_view(status) for status in Status),
    )
    yield Page(SOURCE, urls.page_address(SOURCE), made(context), MethodologyPage.page_template)
