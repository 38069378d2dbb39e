"""Work out each measure's latest figure, change, status and summary from controlled data.

Pure functions over a package that has already been through disclosure control, so nothing here
can see a withheld value. methodology() states the rules in plain English for the methodology page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal

from generator.figures.results import AreaFigures, Change, IndicatorFigures, Status
from generator.figures.writing import (
    format_number,
    format_quantity,
    format_short,
    period_noun,
    polarity_phrase,
    target_text,
)
from generator.package.model import (
    TOTAL_BREAKDOWN,
    Area,
    DataPackage,
    Frequency,
    Indicator,
    Marker,
    Observation,
    Polarity,
    SeriesBreak,
    Target,
)
from generator.package.periods import Period, PeriodKind, parse_period, rolling_code, shift_months

# The periods a measure's chart and table show, by its frequency.
FREQUENCY_KINDS: dict[Frequency, frozenset[PeriodKind]] = {
    Frequency.ANNUAL: frozenset({PeriodKind.FINANCIAL_YEAR, PeriodKind.CALENDAR_YEAR}),
    Frequency.QUARTERLY: frozenset({PeriodKind.QUARTER}),
    Frequency.MONTHLY: frozenset({PeriodKind.MONTH}),
}

# A change smaller than this (in per cent of the earlier figure) is reported as little change.
LITTLE_CHANGE_PERCENT = 2.0

# {home} stands for the home area's name (data/areas.csv), filled in by methodology().
METHODOLOGY: tuple[str, ...] = (
    "Each measure's page leads with {home}'s latest published figure: the most recent 12 months "
    "where the measure has rolling 12-month figures, otherwise the most recent period that has a "
    "number. The chart and table show the periods of the measure's own frequency (financial "
    "years for an annual measure). A later period whose figure is withheld ([c]) or not "
    "available ([x]) stays in the table but is not treated as the latest figure.",
    "{home} is compared with the areas named as its comparators that have published figures "
    "for the same measure, in a fixed order; the data downloads hold every area.",
    "The change is worked out against the period just before the latest one, of the same kind: "
    "the 12 months before the latest 12 months, 2022/23 before 2023/24, the previous quarter, or "
    "the previous month. If that period has no published figure, no change is reported.",
    "The change is given as a difference and as a percentage of the earlier figure; there is no "
    "percentage when the earlier figure was zero.",
    "Whether a rise or a fall is better follows the strategy's wording for each measure: for "
    "some, such as burglary, lower is better; for others, such as crime reporting, higher is "
    "better; for the rest the strategy makes no judgement and neither do we.",
    "Where the definition of a measure changed between the two periods (a break in the series), "
    "both figures are shown with a warning that they are not directly comparable, and no "
    "judgement is made.",
    "Where the strategy sets a target, and either the target names no period or names the latest "
    "period, the status says whether the target is met: at or above it when higher is better, "
    "at or below it when lower is better.",
    "Where the strategy makes no judgement on direction but sets a target, the target is judged "
    "only if its wording says which side counts (for example 'at least' or 'no more than'); "
    "otherwise no judgement is made.",
    "Otherwise the status comes from the change: a change of less than 2% of the earlier figure "
    "either way is 'little change'; a larger change (or any change from zero) is 'improving' or "
    "'getting worse' according to which direction is better.",
    "A measure with no published figure yet is shown as 'no figures published yet'.",
)



def methodology(home: str) -> tuple[str, ...]:
    """Return METHODOLOGY's rules in plain English, naming the home area."""
    return tuple(rule.replace("{home}", home) for rule in METHODOLOGY)


# Words in a target's wording that say which side of it counts as success, for measures where the
# strategy itself makes no judgement on direction.
_AT_LEAST = re.compile(r"\b(at least|or more|or above|minimum|increase)\b", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(at most|or fewer|or less|or below|no more than|maximum|reduce)\b",
                      re.IGNORECASE)


def compute_figures(package: DataPackage) -> dict[str, IndicatorFigures]:
    """Return the computed figures for every indicator, keyed by id, in indicator order."""
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for obs in package.observations:
        by_indicator[obs.indicator].append(obs)
    breaks: dict[str, list[SeriesBreak]] = defaultdict(list)
    for series_break in package.series_breaks:
        breaks[series_break.indicator].append(series_break)
    return {
        indicator.id: indicator_figures(
            indicator,
            by_indicator[indicator.id],
            package.home_area,
            package.comparator_areas,
            tuple(sorted(breaks[indicator.id], key=lambda b: parse_period(b.period))),
        )
        for indicator in package.indicators
    }


def indicator_figures(
    indicator: Indicator,
    observations: list[Observation],
    home: Area,
    areas: tuple[Area, ...],
    breaks: tuple[SeriesBreak, ...],
) -> IndicatorFigures:
    """Return everything computed for one indicator from its (controlled) observations."""
    by_area: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        by_area[obs.area].append(obs)
    home_figures = area_figures(home, by_area.get(home.id, []), indicator.frequency)
    comparators = tuple(
        figures
        for area in areas
        if area.id != home.id
        for figures in (area_figures(area, by_area.get(area.id, []), indicator.frequency),)
        if figures.series
    )
    breakdowns = sorted(
        (obs for obs in observations if obs.area == home.id and obs.breakdown != TOTAL_BREAKDOWN),
        key=lambda obs: obs.breakdown,
    )
    breakdowns.sort(key=lambda obs: obs.period.order_key, reverse=True)
    latest = home_figures.latest
    every_period = tuple(obs for obs in by_area.get(home.id, []) if obs.breakdown == TOTAL_BREAKDOWN)
    change = compute_change(indicator, every_period, latest, breaks)
    status = compute_status(indicator, latest, change)
    return IndicatorFigures(
        indicator=indicator,
        home=home_figures,
        comparators=comparators,
        breakdowns=tuple(breakdowns),
        change=change,
        status=status,
        summary=summary_sentence(indicator, home_figures, change, status, breaks),
        breaks=breaks,
    )


def area_figures(
    area: Area, observations: list[Observation], frequency: Frequency | None = None,
) -> AreaFigures:
    """Return one area's whole-measure series, oldest first, and its latest published figure.

    The series holds the periods of the measure's own frequency (every period but rolling
    12 months where it has none of those); the latest figure is the newest rolling 12 months
    where there is one, as the most recent whole year of figures.
    """
    every = sorted(
        (o for o in observations if o.area == area.id and o.breakdown == TOTAL_BREAKDOWN),
        key=lambda obs: obs.period.order_key,
    )
    kinds = FREQUENCY_KINDS.get(frequency, frozenset()) if frequency else frozenset()
    series = tuple(obs for obs in every if obs.period.kind in kinds) or tuple(
        obs for obs in every if obs.period.kind is not PeriodKind.ROLLING_12_MONTHS)
    rolling = [obs for obs in every if obs.period.kind is PeriodKind.ROLLING_12_MONTHS]
    latest = next((obs for obs in reversed(rolling or series) if obs.value is not None), None)
    return AreaFigures(area=area, series=series, latest=latest)


def previous_period_code(period: Period) -> str:
    """Return the code of the period of the same kind just before this one."""
    year = period.start.year
    if period.kind is PeriodKind.ROLLING_12_MONTHS:
        # The 12 months before, ending the month before this period starts.
        return rolling_code(shift_months(period.start, -1))
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        return f"{year - 1}/{year % 100:02d}"
    if period.kind is PeriodKind.CALENDAR_YEAR:
        return str(year - 1)
    if period.kind is PeriodKind.QUARTER:
        quarter = (period.start.month - 1) // 3 + 1
        return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"
    month = period.start.month
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def compute_change(
    indicator: Indicator,
    series: tuple[Observation, ...],
    latest: Observation | None,
    breaks: tuple[SeriesBreak, ...],
) -> Change | None:
    """Return the latest figure against the period just before it, or None if either is missing."""
    if latest is None or latest.value is None:
        return None
    wanted = previous_period_code(latest.period)
    previous = next((obs for obs in series if obs.period.code == wanted), None)
    if previous is None or previous.value is None:
        return None
    places = max(_decimal_places(latest.value), _decimal_places(previous.value))
    # Rounding to the data's own precision removes float noise (2.9 - 3.6 = -0.7000000000000002).
    absolute = round(latest.value - previous.value, places)
    percent = absolute / previous.value * 100 if previous.value != 0 else None
    direction = "up" if absolute > 0 else "down" if absolute < 0 else "same"
    return Change(
        previous=previous,
        absolute=absolute,
        percent=percent,
        direction=direction,
        better=_better(indicator.polarity, direction),
        comparable=not any(_breaks_between(b, previous.period, latest.period) for b in breaks),
    )


def _decimal_places(value: float) -> int:
    exponent = Decimal(str(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _better(polarity: Polarity, direction: str) -> bool | None:
    if polarity is Polarity.NO_JUDGEMENT or direction == "same":
        return None
    return (direction == "up") == (polarity is Polarity.HIGHER_IS_BETTER)


def _breaks_between(series_break: SeriesBreak, previous: Period, latest: Period) -> bool:
    """Return True when the new definition starts after the earlier period began and by the latest."""
    # A break part-way through the earlier period still leaves it partly on the old definition.
    start: date = parse_period(series_break.period).start
    return previous.start < start <= latest.end


def target_applies(target: Target | None, latest: Observation | None) -> bool:
    """Return True when the target names no period or names the latest period."""
    return (
        target is not None
        and latest is not None
        and (target.period is None or target.period == latest.period.code)
    )


def target_polarity(indicator: Indicator) -> Polarity:
    """Return which side of the target counts as success, reading the target's wording if needed."""
    if indicator.polarity is not Polarity.NO_JUDGEMENT or indicator.target is None:
        return indicator.polarity
    text = indicator.target.text
    at_least, at_most = bool(_AT_LEAST.search(text)), bool(_AT_MOST.search(text))
    if at_least and not at_most:
        return Polarity.HIGHER_IS_BETTER
    if at_most and not at_least:
        return Polarity.LOWER_IS_BETTER
    return Polarity.NO_JUDGEMENT


def compute_status(indicator: Indicator, latest: Observation | None, change: Change | None) -> Status:
    """Return how the measure is doing, by the rules in METHODOLOGY."""
    if latest is None or latest.value is None:
        return Status.NO_DATA
    target = indicator.target
    if target is not None and target_applies(target, latest):
        side = target_polarity(indicator)
        if side is Polarity.HIGHER_IS_BETTER:
            return Status.TARGET_MET if latest.value >= target.value else Status.TARGET_NOT_MET
        if side is Polarity.LOWER_IS_BETTER:
            return Status.TARGET_MET if latest.value <= target.value else Status.TARGET_NOT_MET
        return Status.NO_JUDGEMENT
    if indicator.polarity is Polarity.NO_JUDGEMENT or change is None or not change.comparable:
        return Status.NO_JUDGEMENT
    if change.direction == "same" or (
        change.percent is not None and abs(change.percent) < LITTLE_CHANGE_PERCENT
    ):
        return Status.LITTLE_CHANGE
    return Status.IMPROVING if change.better else Status.WORSENING


def summary_sentence(
    indicator: Indicator,
    home: AreaFigures,
    change: Change | None,
    status: Status,
    breaks: tuple[SeriesBreak, ...],
) -> str:
    """Return one plain-English sentence that says what the figures show."""
    latest = home.latest
    if latest is None or latest.value is None:
        if any(obs.marker is Marker.SUPPRESSED for obs in home.series):
            return f"{indicator.title}: every figure published so far is withheld to protect privacy."
        return f"{indicator.title}: no figures published yet."
    provisional = " (provisional)" if latest.marker is Marker.PROVISIONAL else ""
    parts = [
        f"{indicator.title}: {format_quantity(latest.value, indicator)}{provisional} "
        f"in {latest.period.label}{_change_clause(indicator, latest, change)}"
    ]
    if change is not None and not change.comparable:
        parts.append(_break_clause(latest, change, breaks))
    parts.extend(_later_clauses(home, latest))
    if polarity := polarity_phrase(indicator):
        parts.append(polarity)
    if indicator.target is not None:
        parts.append(_target_clause(indicator, indicator.target, status))
    return "; ".join(parts) + "."


def _change_clause(indicator: Indicator, latest: Observation, change: Change | None) -> str:
    if change is None or change.previous.value is None:
        return ""
    before = f"{format_short(change.previous.value, indicator)} in {change.previous.period.label}"
    shown_now = format_number(latest.value or 0.0, indicator.decimals)
    shown_before = format_number(change.previous.value, indicator.decimals)
    if change.direction == "same" or shown_now == shown_before:
        # A difference too small to show at the published precision reads as "the same".
        return f", the same as {before}" if change.direction == "same" else f", about the same as {before}"
    return f", {change.direction} from {before}"


def _break_clause(latest: Observation, change: Change, breaks: tuple[SeriesBreak, ...]) -> str:
    between = [b for b in breaks if _breaks_between(b, change.previous.period, latest.period)]
    label = parse_period(between[-1].period).label if between else latest.period.label
    noun = period_noun(latest.period, plural=True)
    return f"the definition changed in {label}, so the two {noun} are not directly comparable"


def _later_clauses(home: AreaFigures, latest: Observation) -> list[str]:
    """Say why periods after the latest figure have no number, so readers are not misled."""
    clauses = []
    latest_key = latest.period.order_key
    for obs in home.series:
        if obs.period.order_key <= latest_key or obs.value is not None:
            continue
        if obs.marker is Marker.SUPPRESSED:
            clauses.append(f"the figure for {obs.period.label} is withheld to protect privacy")
        else:
            clauses.append(f"the figure for {obs.period.label} is not available")
    return clauses


def _target_clause(indicator: Indicator, target: Target, status: Status) -> str:
    text = target_text(target, indicator)
    clause = text if "target" in text.lower() else f"target {text}"
    if status is Status.TARGET_MET:
        return f"{clause}, met"
    if status is Status.TARGET_NOT_MET:
        return f"{clause}, not met"
    return clause
