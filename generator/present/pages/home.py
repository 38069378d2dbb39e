"""The home page: headline counts and a card per priority."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from generator.present import urls
from generator.present.context import PageContext, described
from generator.present.pages.page import Page
from generator.present.site import SiteData
from generator.present.views import IndicatorCard, StatusCount, status_counts

SOURCE = "index.md"


@dataclass(frozen=True)
class PriorityCard:
    """One priority in brief: how many measures it has and how they are doing."""

    number: int = described("the priority's number in the strategy, e.g. 1")
    title: str = described("the priority's title")
    href: str = described("the address of the priority's page")
    summary: str = described("the priority's summary, from priorities.csv")
    measures: int = described("how many measures the priority has")
    with_figures: int = described("how many of them have a published figure")
    counts: tuple[StatusCount, ...] = described("how many of its measures have each status")


@dataclass(frozen=True)
class HomePage(PageContext):
    """Context of the home page: headline counts and a card per priority."""

    template: ClassVar[str] = "home.html"

    released: str = described("the date of the latest release, e.g. '15 January 2025'")
    measures: int = described("how many measures the strategy has")
    counts: tuple[StatusCount, ...] = described("how many measures have each status")
    priorities: tuple[PriorityCard, ...] = described("each priority, in the strategy's order")


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield the home page."""
    yield Page(SOURCE, urls.page_address(SOURCE), partial(home_page, site), HomePage.page_template)


def home_page(site: SiteData) -> HomePage:
    """Return the home page's context."""
    figures = site.figures
    priorities = []
    for priority in site.package.priorities:
        ids = [i.id for i in site.indicators_of(priority)]
        priorities.append(PriorityCard(
            number=priority.number,
            title=priority.title,
            href=urls.priority_page(priority.slug),
            summary=priority.summary,
            measures=len(ids),
            with_figures=sum(1 for i in ids if figures[i].latest is not None),
            counts=status_counts(figures[i].status for i in ids),
        ))
    return HomePage(
        released=site.released,
        measures=len(site.package.indicators),
        counts=status_counts(figures[i.id].status for i in site.package.indicators),
        priorities=tuple(priorities),
    )
