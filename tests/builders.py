"""Build small data packages in code, so each test states exactly the figures it is about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from generator.config import REPO_ROOT, Partnership
from generator.package.load import read_descriptor
from generator.package.model import (
    DEFAULT_DISCLOSURE_MAX_COUNT,
    Action,
    Area,
    DataPackage,
    Frequency,
    Indicator,
    Marker,
    Observation,
    Polarity,
    Population,
    Priority,
    Release,
    Revision,
    SeriesBreak,
    SourceRelease,
    Target,
    Unit,
)
from generator.package.periods import parse_period

# The project's real schema (read, never written), so package copies are checked against it.
DESCRIPTOR: dict[str, Any] = read_descriptor(REPO_ROOT / "data")

HOME = Area("sutton", "Sutton", "E09000029", "borough", True)
CROYDON = Area("croydon", "Croydon", "E09000008", "borough", False, comparator=True)
LONDON = Area("london", "London", None, "aggregate", False, comparator=True)

# A partnership for tests of what is published: its facts come from configuration, never code.
PARTNERSHIP = Partnership(
    name="Example Partnership", site_name="Example performance",
    site_url="https://example.org/performance/", repo_url="https://example.org/repository",
    branch="main", data_zip="example-data.zip")

RELEASE = Release(date(2025, 3, 31), "Spring 2025", "Figures to March 2025.")
VINTAGE = "v2025-03"
POPULATION = "ons-test-population"


def source(id: str) -> SourceRelease:
    """Return a source release registered under an id, with plain defaults."""
    return SourceRelease(id, "Test publisher", f"Test dataset {id}", "", "2025-03", "2021-04",
                         "2025-02", "Open Government Licence v3.0", "", False, "")


def indicator(id: str = "residential-burglary-rate", **changes: Any) -> Indicator:
    """Return an indicator with plain defaults, overridden by keyword."""
    base = Indicator(
        id=id,
        priority=1,
        order=1,
        title="Residential burglary",
        outcome="Fewer burglaries.",
        measure="Residential burglary per 1,000 population.",
        unit=Unit.RATE_PER_1000,
        polarity=Polarity.LOWER_IS_BETTER,
        target=None,
        strategy_figure=None,
        frequency=Frequency.ANNUAL,
        breakdowns=(),
        source="Metropolitan Police Service",
        publisher="Metropolitan Police Service",
        licence="Open Government Licence v3.0",
        owner="Metropolitan Police",
        definition="Burglaries of homes recorded by the police.",
        method="Offences divided by residents, times 1,000.",
        sensitive=False,
        disclosure_max_count=DEFAULT_DISCLOSURE_MAX_COUNT,
        decimals=1,
    )
    return replace(base, **changes)


def count_indicator(id: str = "idva-referrals", **changes: Any) -> Indicator:
    """Return a sensitive count indicator, as for referrals of victims."""
    defaults: dict[str, Any] = {
        "title": "IDVA referrals",
        "unit": Unit.COUNT,
        "polarity": Polarity.NO_JUDGEMENT,
        "sensitive": True,
        "decimals": 0,
    }
    return indicator(id, **{**defaults, **changes})


def percentage_indicator(id: str = "marac-repeat-victims", **changes: Any) -> Indicator:
    """Return a percentage indicator with a target, as for repeat victims at MARAC."""
    defaults: dict[str, Any] = {
        "title": "Repeat victims at MARAC",
        "unit": Unit.PERCENTAGE,
        "target": Target(25.3, "target 25.3%", None),
        "frequency": Frequency.QUARTERLY,
        "sensitive": True,
    }
    return indicator(id, **{**defaults, **changes})


def target(value: float, text: str = "", period: str | None = None) -> Target:
    """Return a target."""
    return Target(value, text, period)


def obs(
    indicator_id: str,
    period: str,
    value: float | None,
    *,
    area: str = HOME.id,
    breakdown: str = "all",
    marker: Marker | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str = "",
    vintage: str = VINTAGE,
) -> Observation:
    """Return one observation."""
    return Observation(
        indicator=indicator_id,
        area=area,
        period=parse_period(period),
        breakdown=breakdown,
        value=value,
        marker=marker,
        numerator=numerator,
        denominator=denominator,
        vintage=vintage,
        note=note,
    )


def revision(
    indicator_id: str,
    period: str,
    previous_value: float | None,
    *,
    area: str = HOME.id,
    breakdown: str = "all",
    previous_marker: Marker | None = None,
) -> Revision:
    """Return a revision-log entry dated at the default release."""
    return Revision(
        indicator_id, area, period, breakdown, previous_value, previous_marker,
        RELEASE.date, "Late-recorded offences added.", VINTAGE,
    )


def package(
    indicators: tuple[Indicator, ...] = (),
    observations: tuple[Observation, ...] = (),
    *,
    areas: tuple[Area, ...] = (HOME, CROYDON, LONDON),
    series_breaks: tuple[SeriesBreak, ...] = (),
    releases: tuple[Release, ...] = (RELEASE,),
    revisions: tuple[Revision, ...] = (),
    sources: tuple[SourceRelease, ...] = (),
) -> DataPackage:
    """Return a package with the six priorities, the given indicators and observations."""
    return DataPackage(
        priorities=tuple(
            Priority(n, f"priority-{n}", f"Priority {n}", f"P{n}", f"Summary of priority {n}.")
            for n in range(1, 7)
        ),
        actions=(Action("1.1", 1, "Do the first thing."),),
        indicators=indicators,
        areas=areas,
        population=tuple(Population(a.id, 2021, 209_500, "ONS Census 2021", "", POPULATION)
                         for a in areas),
        observations=observations,
        series_breaks=series_breaks,
        releases=releases,
        revisions=revisions,
        sources=sources or tuple(source(id) for id in sorted(
            {POPULATION, *(obs.vintage for obs in observations),
             *(rev.revised_by for rev in revisions)})),
        descriptor=DESCRIPTOR,
    )
