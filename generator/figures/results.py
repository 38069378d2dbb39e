"""The computed figures for each indicator: the contract between compute and presentation.

compute.py fills these in; pages, charts and publish only read them. Every number and sentence a
reader sees is decided here or in compute.py, never in a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.package.model import Area, Indicator, Observation, SeriesBreak


class Status(StrEnum):
    """How a measure is doing, judged as the methodology page explains."""

    TARGET_MET = "target_met"
    TARGET_NOT_MET = "target_not_met"
    IMPROVING = "improving"
    WORSENING = "worsening"
    LITTLE_CHANGE = "little_change"
    NO_JUDGEMENT = "no_judgement"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Change:
    """Latest figure against the previous comparable period."""

    previous: Observation
    absolute: float
    percent: float | None
    direction: str  # "up", "down" or "same"
    better: bool | None  # None when the polarity makes no judgement or nothing changed
    comparable: bool  # False when a break in series lies between the two periods


@dataclass(frozen=True)
class AreaFigures:
    """The published series of one area (breakdown 'all'), oldest first."""

    area: Area
    series: tuple[Observation, ...]
    latest: Observation | None


@dataclass(frozen=True)
class IndicatorFigures:
    """Everything computed for one indicator after disclosure control."""

    indicator: Indicator
    home: AreaFigures
    comparators: tuple[AreaFigures, ...]
    breakdowns: tuple[Observation, ...]  # home area, breakdown != 'all', latest period first
    change: Change | None
    status: Status
    summary: str  # one plain-English sentence, e.g. "Residential burglary: 2.9 per 1,000 ..."
    breaks: tuple[SeriesBreak, ...]

    @property
    def latest(self) -> Observation | None:
        """Return the home area's latest published observation."""
        return self.home.latest

    @property
    def has_figures(self) -> bool:
        """Return True when any figure (even a suppressed one) exists for the home area."""
        return bool(self.home.series) or bool(self.breakdowns)
