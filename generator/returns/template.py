"""The figures spreadsheet's content: each measure's published figures and its next period.

``python -m generator return-template`` (generator/commands/return_template.py) writes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from generator.figures.writing import target_text
from generator.package.model import (
    TOTAL_BREAKDOWN,
    DataPackage,
    Frequency,
    Indicator,
    Observation,
)
from generator.package.periods import (
    Period,
    PeriodKind,
    financial_year_of,
    parse_period,
    uk_date,
)
from generator.package.units import UNITS
from generator.returns import sheet_name
from generator.returns.sheet import Template, TemplateRow, TemplateSheet

_KIND = {
    Frequency.ANNUAL: PeriodKind.FINANCIAL_YEAR,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.MONTHLY: PeriodKind.MONTH,
}


def period_containing(day: date, kind: PeriodKind) -> Period:
    """Return the period of the given kind that contains day."""
    if kind is PeriodKind.FINANCIAL_YEAR:
        return parse_period(financial_year_of(day))
    if kind is PeriodKind.QUARTER:
        return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    if kind is PeriodKind.MONTH:
        return parse_period(f"{day.year}-{day.month:02d}")
    return parse_period(str(day.year))


def next_period(latest: Period | None, frequency: Frequency, reference: date) -> Period:
    """Return the period a measure's next figure is for.

    That is the first period of the measure's frequency starting after its latest figure, or,
    for a measure without figures, the last such period that had ended by the reference date.
    """
    kind = _KIND[frequency]
    if latest is None:
        period = period_containing(reference, kind)
        return period if period.end <= reference else period_containing(
            period.start - timedelta(days=1), kind)
    # The latest figure may be for a different kind of period (a year on a quarterly measure):
    # start from the first whole period that does not overlap it.
    period = period_containing(latest.end + timedelta(days=1), kind)
    return period if period.start > latest.end else period_containing(
        period.end + timedelta(days=1), kind)


def _target_text(indicator: Indicator) -> str:
    if indicator.target is not None:
        return target_text(indicator.target, indicator)
    return "No target set"


def _rows_for(
    indicator: Indicator,
    observations: Sequence[Observation],
    area: str,
    blank_period: Period,
) -> list[TemplateRow]:
    def row(period: Period, breakdown: str, observation: Observation | None) -> TemplateRow:
        return TemplateRow(
            indicator=indicator.id,
            title=indicator.title,
            unit=UNITS[indicator.unit].sheet_words,
            target=_target_text(indicator),
            area=area,
            period=period.code,
            period_label=period.label,
            breakdown=breakdown,
            value=observation.value if observation else None,
            status=observation.marker.value if observation and observation.marker else "",
            note=observation.note if observation else "",
            published=observation is not None,
        )

    def order(breakdown: str) -> tuple[bool, str]:
        return (breakdown != TOTAL_BREAKDOWN, breakdown)

    published = sorted(observations, key=lambda obs: (obs.period, order(obs.breakdown)))
    rows = [row(obs.period, obs.breakdown, obs) for obs in published]
    existing = {(obs.period.code, obs.breakdown) for obs in observations}
    breakdowns = sorted({TOTAL_BREAKDOWN, *(obs.breakdown for obs in observations)}, key=order)
    rows.extend(
        row(blank_period, breakdown, None)
        for breakdown in breakdowns
        if (blank_period.code, breakdown) not in existing
    )
    return rows


def build_template(
    package: DataPackage, period: Period | None, reference: date, author: str
) -> Template:
    """Return the template's content: each measure's published figures and its next period.

    ``author`` is the partnership (mkdocs.yml's site_author), named in the file.
    """
    home = package.home_area.id
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for observation in package.observations:
        if observation.area == home:
            by_indicator[observation.indicator].append(observation)
    sheets = []
    for priority in package.priorities:
        rows: list[TemplateRow] = []
        for indicator in (i for i in package.indicators if i.priority == priority.number):
            observations = by_indicator.get(indicator.id, [])
            latest = max((obs.period for obs in observations), default=None)
            blank = period or next_period(latest, indicator.frequency, reference)
            rows.extend(_rows_for(indicator, observations, home, blank))
        sheets.append(TemplateSheet(sheet_name(priority.number, priority.short_title), tuple(rows)))
    stamp = datetime.combine(reference, time(0, 0))
    lines = instructions(package, reference, [s.name for s in sheets], author)
    return Template(lines, tuple(sheets), stamp, author)


def instructions(
    package: DataPackage, reference: date, sheets: Iterable[str], author: str
) -> tuple[str, ...]:
    """Return the lines of the 'How to fill this in' sheet."""
    home = package.home_area
    return (
        f"{author}: figures spreadsheet",
        f"Made from the published figures as they stood on {uk_date(reference)}.",
        "",
        "# What is in it",
        "Each priority has its own sheet: " + "; ".join(sheets) + ".",
        "Each row is one figure: a measure, an area, a period and a breakdown.",
        "Grey cells describe the figure and cannot be changed. White cells are yours to fill in.",
        "Figures already published are listed first, so you can correct them.",
        "Below them, each measure has an empty row for its next period. Type the figure in Value.",
        "Leave a row empty if you have no figure for it: empty rows are ignored.",
        f"At the foot of each sheet are spare rows for any other figure: type the Indicator id, "
        f"Period, Breakdown (empty means all), Area (empty means {home.name}) and Value.",
        "",
        "# Value",
        "Type the number only: 1234, not 1,234. For a percentage type 25.3, not 25.3% or 0.253.",
        "Do not use formulas, merge cells, or add, remove, rename or move columns or sheets.",
        "Type the true figure even when it is small: on measures about people who could be "
        "identified, the import stores a small count (1 to 4 unless the measure sets another "
        "limit) as [c] (withheld) instead of the "
        "number, so it is never published.",
        "",
        *HOW_TO_WRITE,
    )


# The part of the instructions that is the same for every partnership and every release.
HOW_TO_WRITE: tuple[str, ...] = (
    "# Status marker (choose from the list, or leave empty)",
    "[p] provisional: the figure may still change.",
    "[b] break in series: the figure is not directly comparable with earlier ones.",
    "[r] revised: set for you when you change a published figure.",
    "[c] suppressed by the data provider: leave Value empty.",
    "[x] not available: leave Value empty and say why in Note.",
    "",
    "# Correcting a published figure",
    "Type the correct figure over the old one. The site marks it [r] revised, unless you "
    "choose another marker, and the revisions log keeps the old figure.",
    "Say why in Note (for example 'Late referrals added'); otherwise the log says "
    "'Corrected in the <date> release'.",
    "",
    "# Period codes",
    "2025/26   financial year, April 2025 to March 2026",
    "2026-Q3   calendar quarter, July to September 2026 (Q1 January-March, Q2 April-June, "
    "Q3 July-September, Q4 October-December)",
    "2026-04   month, April 2026",
    "2026      calendar year, January to December 2026",
    "",
    "# Breakdown",
    "all means the whole measure. A part of it is written dimension=value in lower case "
    "without spaces, e.g. risk_level=high or gender=female.",
    "",
    "# When you have finished",
    "Save the file as Excel Workbook (.xlsx) and import it:",
    "python -m generator import-return FILE.xlsx --release-date YYYY-MM-DD "
    '--release-note "What this release contains"',
    "If anything is wrong, nothing is changed and each message names the sheet, row and "
    "column to fix. Then check the site with: make validate, then make site.",
)
