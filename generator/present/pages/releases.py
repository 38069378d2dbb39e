"""The release history: every release, newest first, with the figures it revised."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from generator.figures.writing import figure_text
from generator.package.model import TOTAL_BREAKDOWN, DataPackage, Marker, Observation, Release
from generator.package.periods import uk_date
from generator.present import urls
from generator.present.context import PageContext, described
from generator.present.pages.page import Page
from generator.present.site import SiteData
from generator.present.views import IndicatorCard, Link
from generator.present.wording import breakdown_label, period_label

SOURCE = "releases.md"


@dataclass(frozen=True)
class RevisionView:
    """One figure a release changed."""

    measure: Link = described("the measure, linking to its page")
    area: str = described("the area's name")
    period: str = described("the period's label")
    breakdown: str = described("the part of the measure, e.g. 'Risk level: high', or '' for all")
    previous: str = described("the figure as first published, with its unit and marker")
    current: str = described("the figure now, with its unit and marker")
    reason: str = described("why it changed")


@dataclass(frozen=True)
class ReleaseView:
    """One release of figures."""

    anchor: str = described("the id of its heading, e.g. 'release-2025-01-15'")
    date: str = described("the date it was published, e.g. '15 January 2025'")
    title: str = described("its title")
    note: str = described("what it contains")
    revisions: tuple[RevisionView, ...] = described("the figures it revised")


@dataclass(frozen=True)
class ReleasesPage(PageContext):
    """Context of /releases/: every release, newest first, with what it revised."""

    template: ClassVar[str] = "releases.html"

    releases: tuple[ReleaseView, ...] = described("every release, newest first")


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield the release history page."""
    yield Page(SOURCE, urls.page_address(SOURCE), partial(releases_page, site.package),
               ReleasesPage.page_template)


def releases_page(package: DataPackage) -> ReleasesPage:
    """Return every release, newest first, with the revisions each one made."""
    # Only revised measures' rows are looked up; most builds have none, and a large package
    # has hundreds of thousands of rows.
    revised = {rev.indicator for rev in package.revisions}
    current = {obs.key: obs for obs in package.observations if obs.indicator in revised}
    return ReleasesPage(releases=tuple(
        ReleaseView(
            anchor=f"release-{release.date.isoformat()}",
            date=uk_date(release.date),
            title=release.title,
            note=release.note,
            revisions=_revisions(package, release, current),
        )
        for release in sorted(package.releases, key=lambda r: r.date, reverse=True)
    ))


def _revisions(
    package: DataPackage, release: Release,
    current: Mapping[tuple[str, str, str, str], Observation],
) -> tuple[RevisionView, ...]:
    indicators = {i.id: i for i in package.indicators}
    areas = {a.id: a.name for a in package.areas}
    views = []
    for rev in package.revisions:
        indicator = indicators.get(rev.indicator)
        if rev.revised_in != release.date or indicator is None:
            continue
        now = current.get((rev.indicator, rev.area, rev.period, rev.breakdown))
        views.append(RevisionView(
            measure=Link(indicator.title, urls.indicator_page(indicator.id)),
            area=areas.get(rev.area, rev.area),
            period=period_label(rev.period),
            breakdown="" if rev.breakdown == TOTAL_BREAKDOWN else breakdown_label(rev.breakdown),
            previous=figure_text(rev.previous_value, rev.previous_marker, indicator),
            current=(figure_text(now.value, now.marker, indicator) if now
                     else Marker.NOT_AVAILABLE.value),
            reason=rev.reason,
        ))
    return tuple(views)
