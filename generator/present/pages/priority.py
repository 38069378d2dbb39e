"""A priority's page: the strategy's actions under it and a card per measure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from generator.package.model import Priority
from generator.present import urls
from generator.present.context import PageContext, described
from generator.present.pages.page import Page, made
from generator.present.site import SiteData
from generator.present.views import IndicatorCard


@dataclass(frozen=True)
class ActionView:
    """One of the strategy's numbered actions."""

    id: str = described("the action's number as the strategy prints it, e.g. '2.3'")
    text: str = described("what the partnership will do")


@dataclass(frozen=True)
class PriorityPage(PageContext):
    """Context of /priorities/<slug>/: the strategy's actions and a card per measure."""

    template: ClassVar[str] = "priority.html"

    number: int = described("the priority's number in the strategy")
    title: str = described("the priority's title")
    actions: tuple[ActionView, ...] = described("the priority's actions, in the strategy's order")
    cards: tuple[IndicatorCard, ...] = described("a card per measure, in the strategy's order")


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield each priority's page; a priority without a narrative in content/ still gets one."""
    for priority in site.package.priorities:
        context = PriorityPage(
            number=priority.number,
            title=priority.title,
            actions=tuple(ActionView(action.id, action.text) for action in site.package.actions
                          if action.priority == priority.number),
            cards=cards_of(site, priority, cards),
        )
        yield Page(
            urls.priority_source(priority.slug), urls.priority_page(priority.slug),
            made(context), PriorityPage.page_template,
            # Every priority keeps its permanent address even before its narrative is written.
            stub=f"---\npriority: {priority.number}\n---\n",
            priority=priority,
        )


def cards_of(
    site: SiteData, priority: Priority, cards: Mapping[str, IndicatorCard]
) -> tuple[IndicatorCard, ...]:
    """Return the cards of a priority's measures, in the strategy's order."""
    return tuple(cards[indicator.id] for indicator in site.indicators_of(priority))
