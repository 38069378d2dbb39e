"""Typed, immutable records of the data package: what the rest of the generator reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from generator.package.periods import Period


class Unit(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE_PER_1000 = "rate_per_1000"
    RATE_PER_10000 = "rate_per_10000"
    PER_INDIVIDUAL = "per_individual"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NO_JUDGEMENT = "no_judgement"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class Marker(StrEnum):
    """GSS shorthand for the status of a figure."""

    SUPPRESSED = "[c]"
    NOT_AVAILABLE = "[x]"
    PROVISIONAL = "[p]"
    REVISED = "[r]"
    BREAK = "[b]"


# Markers that mean "there is no number here"; the others annotate a published number.
MARKERS_WITHOUT_VALUE = frozenset({Marker.SUPPRESSED, Marker.NOT_AVAILABLE})

DEFAULT_DISCLOSURE_MAX_COUNT = 4
TOTAL_BREAKDOWN = "all"


@dataclass(frozen=True)
class Priority:
    number: int
    slug: str
    title: str
    short_title: str
    summary: str


@dataclass(frozen=True)
class Action:
    id: str
    priority: int
    text: str


@dataclass(frozen=True)
class Target:
    value: float
    text: str
    period: str | None


@dataclass(frozen=True)
class StrategyFigure:
    """A figure the strategy quotes beside a measure without calling it a target."""

    value: float
    text: str


@dataclass(frozen=True)
class Indicator:
    id: str
    priority: int
    order: int
    title: str
    outcome: str
    measure: str
    unit: Unit
    polarity: Polarity
    target: Target | None
    strategy_figure: StrategyFigure | None
    frequency: Frequency
    breakdowns: tuple[str, ...]
    source: str
    publisher: str
    licence: str
    owner: str
    definition: str
    method: str
    sensitive: bool
    disclosure_max_count: int
    decimals: int


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    ons_code: str | None
    kind: str
    is_home: bool
    comparator: bool = False  # named beside the home area in trend charts and summaries
    parent: str | None = None
    note: str = ""
    area_km2: float | None = None  # the land the area covers, from its boundary (wards)


@dataclass(frozen=True)
class Population:
    area: str
    year: int  # the mid-year: the population on 30 June of this year
    population: int
    source: str
    note: str
    edition: str = ""  # id of the source release (SourceRelease) the estimate comes from


@dataclass(frozen=True)
class Observation:
    indicator: str
    area: str
    period: Period
    breakdown: str
    value: float | None
    marker: Marker | None
    numerator: int | None
    denominator: int | None
    vintage: str
    note: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Return the primary key (indicator, area, period code, breakdown)."""
        return (self.indicator, self.area, self.period.code, self.breakdown)


@dataclass(frozen=True)
class WardCount:
    """A count of offences in one ward (data/ward_counts.csv): wards have no population."""

    indicator: str
    area: str
    period: Period
    count: int | None
    marker: Marker | None
    vintage: str
    note: str


@dataclass(frozen=True)
class WardBoundary:
    """A ward's outline (data/ward_boundaries.geojson): a GeoJSON Polygon or MultiPolygon."""

    area: str
    ons_code: str
    name: str
    geometry: dict[str, Any] = field(compare=False, hash=False)


@dataclass(frozen=True)
class SeriesBreak:
    indicator: str
    period: str
    description: str


@dataclass(frozen=True)
class SourceRelease:
    """A release of another publisher's data that figures come from (data/sources.csv)."""

    id: str
    publisher: str
    dataset: str
    url: str
    released: str  # YYYY-MM-DD, or YYYY-MM where only the month is known
    period_start: str
    period_end: str
    licence: str
    attribution: str
    conversion: bool
    next_release: str  # YYYY-MM-DD or YYYY-MM; "" if no schedule is known


@dataclass(frozen=True)
class Release:
    date: date
    title: str
    note: str


@dataclass(frozen=True)
class Revision:
    indicator: str
    area: str
    period: str
    breakdown: str
    previous_value: float | None
    previous_marker: Marker | None
    revised_in: date | None  # the site's release that revised it; None for a source's restatement
    reason: str
    revised_by: str = ""  # the source release whose figure replaced the previous value


@dataclass(frozen=True)
class DataPackage:
    """Everything in data/, typed; observations are sorted by indicator, area, breakdown, period."""

    priorities: tuple[Priority, ...]
    actions: tuple[Action, ...]
    indicators: tuple[Indicator, ...]
    areas: tuple[Area, ...]
    population: tuple[Population, ...]
    observations: tuple[Observation, ...]
    series_breaks: tuple[SeriesBreak, ...] = ()
    releases: tuple[Release, ...] = ()
    revisions: tuple[Revision, ...] = ()
    sources: tuple[SourceRelease, ...] = ()
    ward_counts: tuple[WardCount, ...] = ()
    ward_boundaries: tuple[WardBoundary, ...] = ()
    descriptor: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def home_area(self) -> Area:
        """Return the partnership's own area (the one areas.csv marks is_home)."""
        return next(area for area in self.areas if area.is_home)

    @property
    def comparator_areas(self) -> tuple[Area, ...]:
        """Return the areas named beside the home area, in the order areas.csv lists them."""
        return tuple(area for area in self.areas if area.comparator and not area.is_home)

    @property
    def latest_release(self) -> Release | None:
        """Return the most recent release, which dates the whole site."""
        return max(self.releases, key=lambda release: release.date, default=None)
