"""The words pages use around the figures: statuses, change, breakdowns, releases, file sizes.

How a figure itself is written (rounding, unit, marker) is generator.figures.writing, which the
summary sentences use too; this module holds the rest of what readers see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.figures.results import Change, Status
from generator.figures.writing import format_number
from generator.package.model import Frequency, Indicator, Observation, Unit
from generator.package.periods import MONTH_NAMES, PeriodError, parse_period, uk_date

NO_FIGURES = "No figures published yet"
NO_TARGET = "No target set in the strategy"
NOT_RELEASED = "not yet released"
FREQUENCY_WORDS = {Frequency.MONTHLY: "Monthly", Frequency.QUARTERLY: "Quarterly",
                   Frequency.ANNUAL: "Annual"}

# The triangles mean "better" and "worse", never "the number rose" or "fell": for a measure where
# lower is better, a falling figure is shown as ▲ Improving. The words always travel with them.
_STATUS_WORDS = {
    Status.TARGET_MET: ("Target met", "✓"),
    Status.TARGET_NOT_MET: ("Target not met", "✗"),
    Status.IMPROVING: ("Improving", "▲"),
    Status.WORSENING: ("Getting worse", "▼"),
    Status.LITTLE_CHANGE: ("Little change", "▬"),
    Status.NO_JUDGEMENT: ("No judgement made", "–"),
    Status.NO_DATA: ("No figures published yet", "○"),
}
_VINTAGE = re.compile(r"(?:^v|-)(\d{4})-(\d{2})$")  # v2025-03, mps-borough-2026-07


@dataclass(frozen=True)
class StatusDisplay:
    """Words and a text symbol for a status, so it is never carried by colour alone."""

    label: str
    symbol: str
    css_class: str


def status_display(status: Status) -> StatusDisplay:
    """Return the words, text symbol and CSS class that show a status without relying on colour."""
    label, symbol = _STATUS_WORDS[status]
    return StatusDisplay(label=label, symbol=symbol, css_class=css_class(status))


def css_class(status: Status) -> str:
    """Return the CSS class for a status, e.g. 'status-target-met'."""
    return "status-" + status.value.replace("_", "-")


def released_text(day: date | None) -> str:
    """Return the release date as pages show it."""
    return uk_date(day) if day else NOT_RELEASED


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
    match = _VINTAGE.search(vintage)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return vintage
    return f"the {MONTH_NAMES[int(match.group(2))]} {match.group(1)} release ({vintage})"


def file_size(size: int) -> str:
    """Return a file size in words, e.g. '12 KB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 0)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"
