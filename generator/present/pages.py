"""Typed page contexts, their rendered bodies, and the generated pages' Markdown.

Every page that shows figures gets one context, built once per build from SiteData. Its body (tables,
cards, chart data) is rendered here with jinja2 (autoescape on, StrictUndefined) from
site_templates/generated/; the theme places that body after the page's own Markdown. Generated
pages' Markdown is only front matter, a heading and the summary sentence, because Markdown is the
slow part of a build and search should index words, not tables.

Nothing here knows about MkDocs: links are site-relative paths such as ``indicators/x/``, made
relative to the current page when rendered.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import jinja2
from markupsafe import Markup

from generator.build.orchestrator import SiteData
from generator.figures.compute import METHODOLOGY
from generator.figures.disclosure import DISCLOSURE_RULES
from generator.figures.results import Change, IndicatorFigures, Status
from generator.package.model import (
    MARKERS_WITHOUT_VALUE,
    TOTAL_BREAKDOWN,
    Indicator,
    Marker,
    Observation,
    Priority,
    Unit,
)
from generator.package.periods import MONTH_NAMES, PeriodError, in_order, parse_period, uk_date
from generator.present import charts
from generator.present.tables import Table, TableRow, table_html
from generator.present.wording import (
    format_number,
    format_quantity,
    polarity_phrase,
    status_display,
    unit_phrase,
)
from generator.publish.downloads import (
    DATA_PACKAGE,
    DATA_ZIP,
    indicator_api_path,
    indicator_csv_path,
    indicator_page_path,
)

# Content pages whose body is generated from the data, by their path under content/.
HOME_PAGE = "index.md"
OVERVIEW_PAGE = "overview.md"
DATA_PAGE = "data.md"
METHODOLOGY_PAGE = "about/methodology.md"
RELEASES_PAGE = "releases.md"

NO_FIGURES = "No figures published yet"
NO_TARGET = "No target set in the strategy"
FREQUENCY_WORDS = {"monthly": "Monthly", "quarterly": "Quarterly", "annual": "Annual"}
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')
_VINTAGE = re.compile(r"^v(\d{4})-(\d{2})$")


# --- Small views shared by several pages -------------------------------------------------------


@dataclass(frozen=True)
class StatusView:
    """A status as words plus a text symbol, never colour alone."""

    status: str
    label: str
    symbol: str
    css_class: str


@dataclass(frozen=True)
class StatusCount:
    status: StatusView
    count: int


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # site-relative path, or an absolute URL for other sites


@dataclass(frozen=True)
class IndicatorCard:
    """One measure in brief, as listed on its priority page, the home page and the overview."""

    id: str
    title: str
    href: str
    latest: str  # the figure with its unit, or NO_FIGURES
    period: str
    target: str
    status: StatusView
    direction: str


# --- One context per page type -----------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    plot_id: str
    data_id: str
    spec_json: str  # already escaped for a <script type="application/json"> element
    caption: str
    table_id: str


@dataclass(frozen=True)
class Citation:
    title: str
    value: str
    period: str
    url: str
    released: str
    text: str


@dataclass(frozen=True)
class IndicatorPage:
    """Context of /indicators/<id>/."""

    template: ClassVar[str] = "indicator.html"

    id: str
    title: str
    summary: str
    priority: Link
    card: IndicatorCard
    has_figures: bool
    chart: ChartView | None
    table: Table | None
    observation_notes: tuple[str, ...]
    breakdown_table: Table | None
    has_target: bool
    target_text: str
    target_period: str
    polarity: str
    strategy_figure: str
    outcome: str
    measure: str
    definition: str
    method: str
    owner: str
    source: str
    publisher: str
    vintage: str
    licence: str
    frequency: str
    breaks: tuple[str, ...]
    csv_href: str
    json_href: str
    citation: Citation | None
    released: str
    data_files: tuple[Link, ...]


@dataclass(frozen=True)
class ActionView:
    id: str
    text: str


@dataclass(frozen=True)
class PriorityPage:
    """Context of /priorities/<slug>/: the strategy's actions and a card per measure."""

    template: ClassVar[str] = "priority.html"

    number: int
    title: str
    actions: tuple[ActionView, ...]
    cards: tuple[IndicatorCard, ...]


@dataclass(frozen=True)
class PriorityCard:
    number: int
    title: str
    href: str
    summary: str
    measures: int
    with_figures: int
    counts: tuple[StatusCount, ...]


@dataclass(frozen=True)
class HomePage:
    """Context of the home page: headline counts and a card per priority."""

    template: ClassVar[str] = "home.html"

    released: str
    measures: int
    counts: tuple[StatusCount, ...]
    priorities: tuple[PriorityCard, ...]


@dataclass(frozen=True)
class OverviewGroup:
    anchor: str
    title: str
    href: str
    cards: tuple[IndicatorCard, ...]


@dataclass(frozen=True)
class OverviewPage:
    """Context of /overview/: every measure in one table, grouped by priority."""

    template: ClassVar[str] = "overview.html"

    released: str
    groups: tuple[OverviewGroup, ...]


@dataclass(frozen=True)
class Download:
    title: str
    description: str
    href: str
    size: str


@dataclass(frozen=True)
class IndicatorDownloads:
    title: str
    href: str
    csv_href: str
    json_href: str


@dataclass(frozen=True)
class DataPage:
    """Context of /data/: the whole package and each measure's files."""

    template: ClassVar[str] = "data.html"

    released: str
    package: tuple[Download, ...]
    measures: tuple[IndicatorDownloads, ...]


@dataclass(frozen=True)
class MethodologyPage:
    """Context of /about/methodology/: the rules compute and disclosure control apply."""

    template: ClassVar[str] = "methodology.html"

    methodology: tuple[str, ...]
    disclosure_rules: tuple[str, ...]
    statuses: tuple[StatusView, ...]


@dataclass(frozen=True)
class RevisionView:
    measure: Link
    area: str
    period: str
    breakdown: str
    previous: str
    current: str
    reason: str


@dataclass(frozen=True)
class ReleaseView:
    anchor: str
    date: str
    title: str
    note: str
    revisions: tuple[RevisionView, ...]


@dataclass(frozen=True)
class ReleasesPage:
    """Context of /releases/: every release, newest first, with what it revised."""

    template: ClassVar[str] = "releases.html"

    releases: tuple[ReleaseView, ...]


PageContext = (
    IndicatorPage | PriorityPage | HomePage | OverviewPage | DataPage | MethodologyPage
    | ReleasesPage
)


@dataclass(frozen=True)
class SitePages:
    """What the site adds to content/: generated Markdown and the context of each data page."""

    markdown: Mapping[str, str]  # path under content/ -> Markdown of a generated page
    contexts: Mapping[str, PageContext]  # path under content/ -> context of its body
    priority_pages: Mapping[str, Priority]  # path under content/ -> the priority it presents
    # path under content/ -> template, for every page with a generated body (a context here, a
    # late context, or a body rendered by another process)
    templates: Mapping[str, str] = field(default_factory=dict)
    # path under content/ -> how to make its context when the page is rendered, not before
    late: Mapping[str, Callable[[], PageContext]] = field(default_factory=dict)
    # path under content/ -> the page's description for search engines and link previews
    descriptions: Mapping[str, str] = field(default_factory=dict)

    def context(self, path: str) -> PageContext | None:
        """Return the context of the page at path under content/, or None if it has none here."""
        context = self.contexts.get(path)
        if context is None and path in self.late:
            context = self.late[path]()
        return context


@dataclass(frozen=True)
class RenderedBody:
    html: Markup
    has_chart: bool
    # Every id in the body, which links may point at with #id. Found when the body is rendered,
    # which for measures' pages is in the build's worker process, not the one MkDocs runs in.
    anchor_ids: tuple[str, ...]


# --- Building the contexts ---------------------------------------------------------------------


def build_site_pages(site: SiteData, *, measure_bodies_elsewhere: bool = False) -> SitePages:
    """Return the generated Markdown and every page context for the site.

    With ``measure_bodies_elsewhere``, the measures' pages get Markdown but no context (another
    process renders their bodies with measure_bodies), and the data page's context, which lists
    file sizes that process reports, is made only when the page is rendered.
    """
    released = released_text(site)
    cards = {ind.id: indicator_card(site.figures[ind.id]) for ind in site.package.indicators}
    markdown: dict[str, str] = {}
    contexts: dict[str, PageContext] = {}
    templates: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for indicator in site.package.indicators:
        path = measure_source(indicator.id)
        figures = site.figures[indicator.id]
        markdown[path] = measure_markdown(indicator.title, figures.summary)
        templates[path] = IndicatorPage.template
        descriptions[path] = figures.summary
        if not measure_bodies_elsewhere:
            contexts[path] = indicator_page(site, figures, cards[indicator.id], released)
    priority_pages: dict[str, Priority] = {}
    for priority in site.package.priorities:
        path = f"priorities/{priority.slug}.md"
        priority_pages[path] = priority
        contexts[path] = PriorityPage(
            number=priority.number,
            title=priority.title,
            actions=tuple(
                ActionView(action.id, action.text)
                for action in site.package.actions
                if action.priority == priority.number
            ),
            cards=_cards_of(site, priority, cards),
        )
    contexts[HOME_PAGE] = home_page(site, cards, released)
    contexts[OVERVIEW_PAGE] = OverviewPage(
        released=released,
        groups=tuple(
            OverviewGroup(
                anchor=f"priority-{priority.number}",
                title=f"{priority.number}. {priority.title}",
                href=priority_href(priority),
                cards=_cards_of(site, priority, cards),
            )
            for priority in site.package.priorities
        ),
    )
    late: dict[str, Callable[[], PageContext]] = {}
    if measure_bodies_elsewhere:
        late[DATA_PAGE] = functools.partial(data_page, site, released)
    else:
        contexts[DATA_PAGE] = data_page(site, released)
    contexts[METHODOLOGY_PAGE] = MethodologyPage(
        methodology=METHODOLOGY,
        disclosure_rules=DISCLOSURE_RULES,
        statuses=tuple(status_view(status) for status in Status),
    )
    contexts[RELEASES_PAGE] = releases_page(site)
    templates.update((path, context.template) for path, context in contexts.items())
    templates[DATA_PAGE] = DataPage.template
    return SitePages(markdown=markdown, contexts=contexts, priority_pages=priority_pages,
                     templates=templates, late=late, descriptions=descriptions)


def measure_bodies(site: SiteData, env: jinja2.Environment) -> Iterator[tuple[str, RenderedBody]]:
    """Yield (path under content/, rendered body) of each measure's page, in the package's order."""
    released = released_text(site)
    for indicator in site.package.indicators:
        figures = site.figures[indicator.id]
        page = indicator_page(site, figures, indicator_card(figures), released)
        yield measure_source(indicator.id), render_body(env, page, indicator_href(indicator.id))


def measure_source(indicator_id: str) -> str:
    """Return the path under content/ of a measure's generated page."""
    return f"indicators/{indicator_id}.md"


def released_text(site: SiteData) -> str:
    """Return the release date as pages show it."""
    return uk_date(site.release_date) if site.release_date else "not yet released"


def indicator_href(indicator_id: str) -> str:
    """Return the permanent site path of a measure's page."""
    return indicator_page_path(indicator_id)


def priority_href(priority: Priority) -> str:
    """Return the permanent site path of a priority's page."""
    return f"priorities/{priority.slug}/"


def status_view(status: Status) -> StatusView:
    """Return the words, symbol and class that show a status."""
    shown = status_display(status)
    return StatusView(status.value, shown.label, shown.symbol, shown.css_class)


def indicator_card(figures: IndicatorFigures) -> IndicatorCard:
    """Return a measure's card: latest figure, target, status and direction of travel."""
    indicator, latest = figures.indicator, figures.latest
    return IndicatorCard(
        id=indicator.id,
        title=indicator.title,
        href=indicator_href(indicator.id),
        latest=figure_text(latest, indicator) if latest else NO_FIGURES,
        period=latest.period.label if latest else "",
        target=target_text(indicator),
        status=status_view(figures.status),
        direction=direction_text(indicator, figures.change, latest, figures.status),
    )


def figure_text(obs: Observation, indicator: Indicator) -> str:
    """Return an observation as a sentence shows it: value with unit, then any GSS marker."""
    if obs.marker in MARKERS_WITHOUT_VALUE or obs.value is None:
        return (obs.marker or Marker.NOT_AVAILABLE).value
    text = format_quantity(obs.value, indicator)
    return f"{text} {obs.marker.value}" if obs.marker else text


def _cell_writer(indicator: Indicator) -> Callable[[Observation], str]:
    """Return how a table cell shows one of the indicator's observations: the number (the unit is
    in the header) and any marker. The indicator's lookups are done once, since a measure's table
    formats every observation of every area it shows."""
    decimals = indicator.decimals
    suffix = "%" if indicator.unit is Unit.PERCENTAGE else ""  # as format_short writes it

    def cell(obs: Observation) -> str:
        marker, value = obs.marker, obs.value
        if value is None or marker in MARKERS_WITHOUT_VALUE:
            return (marker or Marker.NOT_AVAILABLE).value
        text = format_number(value, decimals) + suffix
        return f"{text} {marker.value}" if marker else text

    return cell


def target_text(indicator: Indicator) -> str:
    """Return the target as the strategy words it, or say there is none."""
    target = indicator.target
    if target is None:
        return NO_TARGET
    return target.text.strip() or format_quantity(target.value, indicator)


def direction_text(
    indicator: Indicator, change: Change | None, latest: Observation | None, status: Status
) -> str:
    """Return the direction of travel in words, e.g. 'Down 20% on 2022/23 (better)'."""
    if latest is None:
        return ""
    if change is None:
        return "No earlier figure to compare with"
    since = change.previous.period.label
    if not change.comparable:
        return f"Not compared with {since}: the definition changed"
    if change.direction == "same":
        return f"No change on {since}"
    verb = "Up" if change.direction == "up" else "Down"
    if indicator.unit is Unit.PERCENTAGE:
        # A change in a percentage is clearest in percentage points, not per cent of per cent.
        amount = f"{format_number(abs(change.absolute), indicator.decimals)} percentage points"
    elif change.percent is not None:
        amount = f"{format_number(abs(change.percent), 0 if abs(change.percent) >= 10 else 1)}%"
    else:
        amount = format_number(abs(change.absolute), indicator.decimals)
    # A change the status calls "little change" is not labelled better or worse either.
    better = None if status is Status.LITTLE_CHANGE else change.better
    judged = {True: " (better)", False: " (worse)", None: ""}[better]
    return f"{verb} {amount} on {since}{judged}"


def indicator_page(
    site: SiteData, figures: IndicatorFigures, card: IndicatorCard, released: str
) -> IndicatorPage:
    """Return the context of one measure's page."""
    indicator = figures.indicator
    priority = next(p for p in site.package.priorities if p.number == indicator.priority)
    table = figures_table(figures)
    latest = figures.latest
    chart = None
    if table is not None:
        message = chart_message(figures)
        spec = charts.chart_spec(figures, message=message, value_label=axis_label(indicator))
        if spec is not None:
            chart = ChartView(
                plot_id=f"plot-{indicator.id}",
                data_id=f"chart-{indicator.id}",
                spec_json=charts.to_script_json(spec),
                caption=f"{message}. {chart_description(figures, table)}",
                table_id=table.id,
            )
    url = site.settings.site_url + indicator_href(indicator.id)
    citation = None
    if latest is not None:
        value = figure_text(latest, indicator)
        citation = Citation(
            title=f"{indicator.title}, Sutton",
            value=value,
            period=latest.period.long_label,
            url=url,
            released=released,
            text=(
                f"Safer Sutton Partnership. {indicator.title}, Sutton, {latest.period.long_label}: "
                f"{value}. Figures released {released}. {url}"
            ),
        )
    repo = site.settings.repo_url
    return IndicatorPage(
        id=indicator.id,
        title=indicator.title,
        summary=figures.summary,
        priority=Link(f"{priority.number}. {priority.title}", priority_href(priority)),
        card=card,
        has_figures=figures.has_figures,
        chart=chart,
        table=table,
        observation_notes=tuple(
            f"{obs.period.label}: {obs.note}" for obs in figures.home.series if obs.note
        ),
        breakdown_table=breakdown_table(figures),
        has_target=indicator.target is not None,
        target_text=target_text(indicator),
        target_period=(indicator.target.period or "") if indicator.target else "",
        polarity=polarity_phrase(indicator),
        strategy_figure=indicator.strategy_figure.text if indicator.strategy_figure else "",
        outcome=indicator.outcome,
        measure=indicator.measure,
        definition=indicator.definition,
        method=indicator.method,
        owner=indicator.owner,
        source=indicator.source,
        publisher=indicator.publisher,
        vintage=vintage_text(latest.vintage) if latest else "",
        licence=indicator.licence,
        frequency=FREQUENCY_WORDS.get(indicator.frequency.value, indicator.frequency.value),
        breaks=tuple(
            f"From {period_label(b.period)}: {b.description}" for b in figures.breaks
        ),
        csv_href=indicator_csv_path(indicator.id),
        json_href=indicator_api_path(indicator.id),
        citation=citation,
        released=released,
        data_files=(
            Link("data/indicators.csv", f"{repo}/blob/main/data/indicators.csv"),
            Link("data/observations.csv", f"{repo}/blob/main/data/observations.csv"),
        ),
    )


def chart_message(figures: IndicatorFigures) -> str:
    """Return the chart's title: the summary's first clause, which states the latest change."""
    return figures.summary.split("; ", 1)[0].rstrip(".")


def chart_description(figures: IndicatorFigures, table: Table) -> str:
    """Return what the chart plots, in words, e.g. 'Sutton compared with London, 2010/11 to ...'."""
    areas = [figures.home.area.name, *(a.area.name for a in figures.comparators if a.series)]
    named = areas[0] if len(areas) == 1 else f"{', '.join(areas[:-1])} and {areas[-1]}"
    first, last = table.rows[0].heading, table.rows[-1].heading
    span = first if first == last else f"{first} to {last}"
    return f"The chart shows the figures for {named}, {span}."


def figures_table(figures: IndicatorFigures) -> Table | None:
    """Return the chart's data as a table: a row per period, a column per area."""
    areas = [area for area in (figures.home, *figures.comparators) if area.series]
    if not figures.home.series:
        return None
    indicator = figures.indicator
    periods = in_order({obs.period for area in areas for obs in area.series})
    cell = _cell_writer(indicator)
    # Keyed by code: a str hashes in C (and caches it), a Period through Python code.
    by_area = [{obs.period.code: cell(obs) for obs in area.series} for area in areas]
    missing = Marker.NOT_AVAILABLE.value
    names = ", ".join(area.area.name for area in areas[1:])
    compared = f", compared with {names}" if names else ""
    return Table(
        id=f"table-{indicator.id}",
        caption=f"{indicator.title} ({axis_label(indicator)}), {figures.home.area.name}{compared}, "
                f"by period",
        columns=("Period", *(area.area.name for area in areas)),
        # Built a column at a time, then zipped into rows: far fewer Python steps per cell.
        rows=tuple(map(TableRow, (period.label for period in periods), zip(*(
            [cells.get(period.code, missing) for period in periods] for cells in by_area
        ), strict=True))),
    )


def breakdown_table(figures: IndicatorFigures) -> Table | None:
    """Return the home area's breakdowns (latest period first), or None when there are none."""
    rows = [obs for obs in figures.breakdowns if obs.breakdown != TOTAL_BREAKDOWN]
    if not rows:
        return None
    indicator = figures.indicator
    cell = _cell_writer(indicator)
    return Table(
        id=f"breakdown-{indicator.id}",
        caption=f"{indicator.title} in {figures.home.area.name}, broken down ({axis_label(indicator)})",
        columns=("Period", "Group", "Value"),
        text_cells=1,
        rows=tuple(
            TableRow(obs.period.label, (breakdown_label(obs.breakdown), cell(obs)))
            for obs in rows
        ),
    )


def axis_label(indicator: Indicator) -> str:
    """Return what the numbers in a chart axis or table column measure."""
    if indicator.unit is Unit.COUNT:
        return "number"
    if indicator.unit is Unit.PERCENTAGE:
        return "per cent"
    return unit_phrase(indicator)


def breakdown_label(breakdown: str) -> str:
    """Return 'risk_level=high' as 'Risk level: high'."""
    dimension, _, value = breakdown.partition("=")
    return f"{dimension.replace('_', ' ').capitalize()}: {value.replace('_', ' ')}"


def period_label(code: str) -> str:
    """Return a period code's label, or the code itself if it cannot be read."""
    try:
        return parse_period(code).label
    except PeriodError:
        return code


def vintage_text(vintage: str) -> str:
    """Return a source vintage such as 'v2025-03' as 'the March 2025 release (v2025-03)'."""
    match = _VINTAGE.match(vintage)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return vintage
    return f"the {MONTH_NAMES[int(match.group(2))]} {match.group(1)} release ({vintage})"


def status_counts(statuses: list[Status]) -> tuple[StatusCount, ...]:
    """Return how many measures have each status, in the order statuses are defined."""
    counted = Counter(statuses)
    return tuple(StatusCount(status_view(s), counted[s]) for s in Status if counted[s])


def _cards_of(
    site: SiteData, priority: Priority, cards: Mapping[str, IndicatorCard]
) -> tuple[IndicatorCard, ...]:
    return tuple(cards[i.id] for i in site.package.indicators if i.priority == priority.number)


def home_page(site: SiteData, cards: Mapping[str, IndicatorCard], released: str) -> HomePage:
    """Return the home page's context."""
    figures = site.figures
    priorities = []
    for priority in site.package.priorities:
        ids = [i.id for i in site.package.indicators if i.priority == priority.number]
        priorities.append(
            PriorityCard(
                number=priority.number,
                title=priority.title,
                href=priority_href(priority),
                summary=priority.summary,
                measures=len(ids),
                with_figures=sum(1 for i in ids if figures[i].latest is not None),
                counts=status_counts([figures[i].status for i in ids]),
            )
        )
    return HomePage(
        released=released,
        measures=len(site.package.indicators),
        counts=status_counts([figures[i.id].status for i in site.package.indicators]),
        priorities=tuple(priorities),
    )


def data_page(site: SiteData, released: str) -> DataPage:
    """Return the data page's context, listing only files the build really publishes."""
    sizes = site.outputs.package_sizes()
    downloads: list[Download] = []

    def add(title: str, description: str, path: str) -> None:
        if path in sizes:
            downloads.append(Download(title, description, path, file_size(sizes[path])))

    add("Everything in one file (zip)", "The data package: datapackage.json and every CSV file.",
        DATA_ZIP)
    add("datapackage.json", "The Frictionless Data Package descriptor: what each file and column "
        "means, with types and constraints.", DATA_PACKAGE)
    resources = site.package.descriptor.get("resources", [])
    for resource in resources if isinstance(resources, list) else []:
        if isinstance(resource, dict):
            add(f"{resource.get('title', resource.get('name', ''))} ({resource.get('path', '')})",
                str(resource.get("description", "")), f"data/{resource.get('path', '')}")
    return DataPage(
        released=released,
        package=tuple(downloads),
        measures=tuple(
            IndicatorDownloads(i.title, indicator_href(i.id), indicator_csv_path(i.id),
                               indicator_api_path(i.id))
            for i in site.package.indicators
        ),
    )


def file_size(size: int) -> str:
    """Return a file size in words, e.g. '12 KB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 0)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"


def releases_page(site: SiteData) -> ReleasesPage:
    """Return every release, newest first, with the revisions each one made."""
    package = site.package
    indicators = {i.id: i for i in package.indicators}
    areas = {a.id: a.name for a in package.areas}
    revised = {rev.indicator for rev in package.revisions}
    # Only revised measures' rows are looked up; most builds have none, and a large package
    # has hundreds of thousands of rows.
    current = {obs.key: obs for obs in package.observations if obs.indicator in revised}
    releases = []
    for release in sorted(package.releases, key=lambda r: r.date, reverse=True):
        revisions = []
        for rev in package.revisions:
            indicator = indicators.get(rev.indicator)
            if rev.revised_in != release.date or indicator is None:
                continue
            now = current.get((rev.indicator, rev.area, rev.period, rev.breakdown))
            previous = Observation(
                rev.indicator, rev.area, parse_period(rev.period), rev.breakdown,
                rev.previous_value, rev.previous_marker, None, None, "", "",
            )
            revisions.append(
                RevisionView(
                    measure=Link(indicator.title, indicator_href(indicator.id)),
                    area=areas.get(rev.area, rev.area),
                    period=period_label(rev.period),
                    breakdown="" if rev.breakdown == TOTAL_BREAKDOWN else breakdown_label(rev.breakdown),
                    previous=figure_text(previous, indicator),
                    current=figure_text(now, indicator) if now else Marker.NOT_AVAILABLE.value,
                    reason=rev.reason,
                )
            )
        releases.append(
            ReleaseView(
                anchor=f"release-{release.date.isoformat()}",
                date=uk_date(release.date),
                title=release.title,
                note=release.note,
                revisions=tuple(revisions),
            )
        )
    return ReleasesPage(releases=tuple(releases))


# --- Generated Markdown ------------------------------------------------------------------------

# Characters Python-Markdown gives a meaning to; a backslash makes each one literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>&])")


def markdown_text(text: str) -> str:
    """Return text that Markdown will show exactly as written (no emphasis, links or HTML)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    # Markdown has no backslash escape for < and &, so those become entities.
    return escaped.replace("\\&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;")


def measure_markdown(title: str, summary: str) -> str:
    """Return a measure page's Markdown from its title and summary sentence.

    No front matter: its template and description are set by the build (SitePages.templates
    and .descriptions), which spares parsing a thousand small YAML blocks at London scale.
    """
    return f"# {markdown_text(title)}\n\n{markdown_text(summary)}\n"


def heading_markdown(title: str) -> str:
    """Return a level-one heading for a page whose Markdown has none."""
    return f"# {markdown_text(title)}\n\n"


# --- Rendering bodies --------------------------------------------------------------------------


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Return the jinja2 environment for page bodies: every value escaped, typos are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir / "generated"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["table_html"] = table_html
    return env


def relative_url(page_url: str, target: str) -> str:
    """Return a link from the page at page_url (e.g. 'indicators/x/') to a site path."""
    if "://" in target:
        return target
    path, hash_mark, anchor = target.partition("#")
    depth = page_url.count("/")
    prefix = "../" * depth
    link = prefix + path if (prefix or path) else "./"
    return f"{link}{hash_mark}{anchor}"


def render_body(env: jinja2.Environment, context: PageContext, page_url: str) -> RenderedBody:
    """Render a page's generated body; links are made relative to page_url."""
    url: Callable[[str], str] = functools.partial(relative_url, page_url)
    html = env.get_template(context.template).render(page=context, url=url)
    has_chart = isinstance(context, IndicatorPage) and context.chart is not None
    # Safe to mark as markup: the environment escaped every value it put into the HTML.
    return RenderedBody(Markup(html), has_chart, tuple(_ID_ATTRIBUTE.findall(html)))
