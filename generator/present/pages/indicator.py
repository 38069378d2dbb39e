"""A measure's page: its figures as a sentence, a chart and a table, what it means, its files."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from generator.figures.results import IndicatorFigures
from generator.figures.writing import figure_text, figure_writer, polarity_phrase, target_text
from generator.package.model import TOTAL_BREAKDOWN, Marker
from generator.package.periods import in_order
from generator.package.units import UNITS
from generator.present import charts, urls
from generator.present.context import PageContext, described
from generator.present.markdown import measure_markdown
from generator.present.pages.page import Page
from generator.present.site import SiteData
from generator.present.tables import Table, TableRow
from generator.present.views import IndicatorCard, Link
from generator.present.wording import (
    FREQUENCY_WORDS,
    NO_TARGET,
    breakdown_label,
    period_label,
    vintage_text,
)

# The files on the repository a measure's page names as its source.
DATA_FILES = ("data/indicators.csv", "data/observations.csv")


@dataclass(frozen=True)
class ChartView:
    """A chart drawn in the browser from figure JSON; the table beside it has the same numbers."""

    plot_id: str = described("the id of the element the chart is drawn in")
    data_id: str = described("the id of the <script> element that holds the figure")
    spec_json: str = described("the plotly figure, already escaped for a "
                               "<script type=\"application/json\"> element")
    caption: str = described("what the chart shows, in words: its message, then its lines")
    table_id: str = described("the id of the table that holds the chart's numbers")


@dataclass(frozen=True)
class Citation:
    """How to cite the latest figure."""

    title: str = described("the measure and home area, e.g. 'Residential burglary, <area>'")
    value: str = described("the latest figure with its unit and marker")
    period: str = described("its period, months spelled out")
    url: str = described("the full URL of the measure's page")
    released: str = described("the date the figures were released")
    text: str = described("the whole citation in one line, partnership first")


@dataclass(frozen=True)
class IndicatorPage(PageContext):
    """Context of /indicators/<id>/: one measure's figures, what it means and its files."""

    template: ClassVar[str] = "indicator.html"
    page_template: ClassVar[str] = "indicator.html"  # loads the chart library when needed

    id: str = described("the measure's id")
    title: str = described("the measure's title")
    summary: str = described("one sentence on what the figures show (also the page's heading "
                             "paragraph and description)")
    priority: Link = described("the priority the measure belongs to")
    card: IndicatorCard = described("the measure in brief, as its priority page lists it")
    has_figures: bool = described("whether any figure (even a withheld one) exists for the "
                                  "home area")
    chart: ChartView | None = described("the chart, or None when there is nothing to plot")
    table: Table | None = described("every figure behind the chart: a row per period, a column "
                                    "per area")
    observation_notes: tuple[str, ...] = described("notes on the home area's figures, each "
                                                   "'<period>: <note>'")
    breakdown_table: Table | None = described("the home area's figures broken down, latest "
                                              "first, or None")
    has_target: bool = described("whether the strategy sets a target")
    target_text: str = described("the target as the strategy words it")
    target_period: str = described("the period the target is for, or ''")
    polarity: str = described("'lower is better', 'higher is better' or ''")
    strategy_figure: str = described("a figure the strategy quotes without calling it a "
                                     "target, or ''")
    outcome: str = described("the outcome the strategy hopes for")
    measure: str = described("the measure as the strategy words it")
    definition: str = described("what is counted, from indicators.csv")
    method: str = described("how the figure is worked out, from indicators.csv")
    owner: str = described("who supplies the figures")
    source: str = described("where the figures come from")
    publisher: str = described("who publishes the source")
    vintage: str = described("which release of the source the latest figure is from, in words")
    licence: str = described("the licence and attribution of the source")
    frequency: str = described("how often figures come: 'Monthly', 'Quarterly' or 'Annual'")
    breaks: tuple[str, ...] = described("each break in the series, 'From <period>: <what "
                                        "changed>'")
    csv_href: str = described("the address of the measure's CSV file")
    json_href: str = described("the address of the measure's JSON file")
    citation: Citation | None = described("how to cite the latest figure, or None without one")
    released: str = described("the date of the latest release")
    data_files: tuple[Link, ...] = described("the data files the figures come from, on the "
                                             "repository")

    @property
    def has_chart(self) -> bool:
        """Return whether the page draws a chart (and so loads the chart library)."""
        return self.chart is not None


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield each measure's page, which content/ has no file for: the site writes its Markdown."""
    for indicator in site.package.indicators:
        figures = site.figures[indicator.id]
        yield Page(
            urls.indicator_source(indicator.id), urls.indicator_page(indicator.id),
            partial(indicator_page, site, figures, cards[indicator.id]),
            IndicatorPage.page_template,
            markdown=measure_markdown(indicator.title, figures.summary),
            description=figures.summary,
        )


def indicator_page(site: SiteData, figures: IndicatorFigures, card: IndicatorCard) -> IndicatorPage:
    """Return the context of one measure's page."""
    indicator, latest = figures.indicator, figures.latest
    priority = site.priority_of(indicator)
    table = figures_table(figures)
    return IndicatorPage(
        id=indicator.id,
        title=indicator.title,
        summary=figures.summary,
        priority=Link(f"{priority.number}. {priority.title}", urls.priority_page(priority.slug)),
        card=card,
        has_figures=figures.has_figures,
        chart=chart_view(figures, table),
        table=table,
        observation_notes=tuple(
            f"{obs.period.label}: {obs.note}" for obs in figures.home.series if obs.note
        ),
        breakdown_table=breakdown_table(figures),
        has_target=indicator.target is not None,
        target_text=target_text(indicator.target, indicator) if indicator.target else NO_TARGET,
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
        licence=indicator.licence,
        frequency=FREQUENCY_WORDS.get(indicator.frequency, indicator.frequency.value),
        vintage=vintage_text(latest.vintage) if latest else "",
        breaks=tuple(f"From {period_label(b.period)}: {b.description}" for b in figures.breaks),
        csv_href=urls.indicator_csv(indicator.id),
        json_href=urls.indicator_api(indicator.id),
        citation=citation(site, figures),
        released=site.released,
        data_files=tuple(Link(path, urls.repository_file(site.partnership, path))
                         for path in DATA_FILES),
    )


def citation(site: SiteData, figures: IndicatorFigures) -> Citation | None:
    """Return how to cite the latest figure, naming the partnership and its area."""
    indicator, latest = figures.indicator, figures.latest
    if latest is None:
        return None
    value = figure_text(latest.value, latest.marker, indicator)
    title = f"{indicator.title}, {figures.home.area.name}"
    period = latest.period.long_label
    url = urls.absolute(site.partnership, urls.indicator_page(indicator.id))
    return Citation(
        title=title, value=value, period=period, url=url, released=site.released,
        text=(f"{site.partnership.name}. {title}, {period}: {value}. "
              f"Figures released {site.released}. {url}"),
    )


def chart_view(figures: IndicatorFigures, table: Table | None) -> ChartView | None:
    """Return the chart of the measure's series, or None when there is nothing to plot."""
    if table is None:
        return None
    indicator = figures.indicator
    message = chart_message(figures)
    spec = charts.chart_spec(figures, message=message,
                             value_label=UNITS[indicator.unit].axis_label)
    if spec is None:
        return None
    return ChartView(
        plot_id=f"plot-{indicator.id}",
        data_id=f"chart-{indicator.id}",
        spec_json=charts.to_script_json(spec),
        caption=f"{message}. {chart_description(figures, table)}",
        table_id=table.id,
    )


def chart_message(figures: IndicatorFigures) -> str:
    """Return the chart's title: the summary's first clause, which states the latest change."""
    return figures.summary.split("; ", 1)[0].rstrip(".")


def chart_description(figures: IndicatorFigures, table: Table) -> str:
    """Return what the chart plots, in words, e.g. '<home> compared with London, 2010/11 to ...'."""
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
    cell = figure_writer(indicator, with_unit=False)
    # Keyed by code: a str hashes in C (and caches it), a Period through Python code.
    by_area = [{obs.period.code: cell(obs.value, obs.marker) for obs in area.series}
               for area in areas]
    missing = Marker.NOT_AVAILABLE.value
    names = ", ".join(area.area.name for area in areas[1:])
    compared = f", compared with {names}" if names else ""
    return Table(
        id=f"table-{indicator.id}",
        caption=f"{indicator.title} ({UNITS[indicator.unit].axis_label}), "
                f"{figures.home.area.name}{compared}, by period",
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
    cell = figure_writer(indicator, with_unit=False)
    return Table(
        id=f"breakdown-{indicator.id}",
        caption=f"{indicator.title} in {figures.home.area.name}, broken down "
                f"({UNITS[indicator.unit].axis_label})",
        columns=("Period", "Group", "Value"),
        text_cells=1,
        rows=tuple(
            TableRow(obs.period.label, (breakdown_label(obs.breakdown), cell(obs.value, obs.marker)))
            for obs in rows
        ),
    )
