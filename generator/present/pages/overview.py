"""The overview: every measure in one table, grouped by priority."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from generator.present import urls
from generator.present.context import PageContext, described
from generator.present.pages.page import Page
from generator.present.pages.priority import cards_of
from generator.present.site import SiteData
from generator.present.views import IndicatorCard

SOURCE = "overview.md"


@dataclass(frozen=True)
class OverviewGroup:
    """One priority's rows of the overview table."""

    anchor: str = described("the id of the group's heading, e.g. 'priority-1'")
    title: str = described("the priority's number and title, e.g. '1. Safe from crime'")
    href: str = described("the address of the priority's page")
    cards: tuple[IndicatorCard, ...] = described("a row per measure, in the strategy's order")


@dataclass(frozen=True)
class OverviewPage(PageContext):
    """Context of /overview/: every measure in one table, grouped by priority."""

    template: ClassVar[str] = "overview.html"

    released: str = described("the date of the latest release")
    groups: tuple[OverviewGroup, ...] = described("a group per priority, in the strategy's order")


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield the overview page."""
    yield Page(SOURCE, urls.page_address(SOURCE), partial(overview_page, site, cards),
               OverviewPage.page_template)


def overview_page(site: SiteData, cards: Mapping[str, IndicatorCard]) -> OverviewPage:
    """Return the overview's context."""
    return OverviewPage(
        released=site.released,
        groups=tuple(
            OverviewGroup(
                anchor=f"priority-{priority.number}",
                title=f"{priority.number}. {priority.title}",
                href=urls.priority_page(priority.slug),
                cards=cards_of(site, priority, cards),
            )
            for priority in site.package.priorities
        ),
    )
