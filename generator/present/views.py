"""Small views several pages share: a status, a link, a measure's card."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.figures.results import IndicatorFigures, Status
from generator.figures.writing import figure_text, target_text
from generator.present import urls
from generator.present.context import described
from generator.present.site import SiteData
from generator.present.wording import NO_FIGURES, NO_TARGET, direction_text, status_display


@dataclass(frozen=True)
class StatusView:
    """A status as words plus a text symbol, never colour alone."""

    status: str = described("the status's code, e.g. 'target_met'")
    label: str = described("the status in words, e.g. 'Target met'")
    symbol: str = described("a text symbol shown beside the words, e.g. '✓'")
    css_class: str = described("the CSS class that colours it, e.g. 'status-target-met'")


@dataclass(frozen=True)
class StatusCount:
    """How many measures have one status."""

    status: StatusView = described("the status")
    count: int = described("how many measures have it (never 0: such statuses are left out)")


@dataclass(frozen=True)
class Link:
    """A link's words and where it goes."""

    text: str = described("the words of the link")
    href: str = described("a site address (made relative with url()) or another site's URL")


@dataclass(frozen=True)
class IndicatorCard:
    """One measure in brief, as listed on its priority page, the home page and the overview."""

    id: str = described("the measure's id, e.g. 'residential-burglary-rate'")
    title: str = described("the measure's title")
    href: str = described("the address of the measure's page")
    latest: str = described("the latest figure with its unit and marker, or 'No figures "
                            "published yet'")
    period: str = described("the label of the latest figure's period, or '' without one")
    target: str = described("the target as the strategy words it, or 'No target set in the "
                            "strategy'")
    status: StatusView = described("how the measure is doing")
    direction: str = described("the change on the previous period in words, e.g. 'Down 20% on "
                               "2022/23 (better)', or ''")


def status_view(status: Status) -> StatusView:
    """Return the words, symbol and class that show a status."""
    shown = status_display(status)
    return StatusView(status.value, shown.label, shown.symbol, shown.css_class)


def status_counts(statuses: Iterable[Status]) -> tuple[StatusCount, ...]:
    """Return how many measures have each status, in the order statuses are defined."""
    counted = Counter(statuses)
    return tuple(StatusCount(status_view(s), counted[s]) for s in Status if counted[s])


def indicator_card(figures: IndicatorFigures) -> IndicatorCard:
    """Return a measure's card: latest figure, target, status and direction of travel."""
    indicator, latest = figures.indicator, figures.latest
    return IndicatorCard(
        id=indicator.id,
        title=indicator.title,
        href=urls.indicator_page(indicator.id),
        latest=figure_text(latest.value, latest.marker, indicator) if latest else NO_FIGURES,
        period=latest.period.label if latest else "",
        target=target_text(indicator.target, indicator) if indicator.target else NO_TARGET,
        status=status_view(figures.status),
        direction=direction_text(indicator, figures.change, latest, figures.status),
    )


def indicator_cards(site: SiteData) -> Mapping[str, IndicatorCard]:
    """Return every measure's card by id: the home, priority and overview pages share them."""
    return {indicator.id: indicator_card(site.figures[indicator.id])
            for indicator in site.package.indicators}
