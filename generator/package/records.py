"""Turn one CSV row of a data package resource into its typed record (cells as load reads them)."""

from __future__ import annotations

from datetime import date

from generator.package.model import (
    DEFAULT_DISCLOSURE_MAX_COUNT,
    Area,
    Frequency,
    Indicator,
    Marker,
    Polarity,
    Population,
    Revision,
    SourceRelease,
    StrategyFigure,
    Target,
    Unit,
)


def optional_float(text: str) -> float | None:
    """Return a number, or None for a blank cell."""
    return float(text) if text else None


def optional_int(text: str) -> int | None:
    """Return a whole number (written as 12 or 12.0), or None for a blank cell."""
    return int(float(text)) if text else None


def flag(text: str) -> bool:
    """Return a true-or-false cell as written by Table Schema's default spellings."""
    return text.strip().lower() in {"true", "yes", "1"}


def marker(text: str) -> Marker | None:
    """Return a GSS status marker, or None for a blank cell."""
    return Marker(text) if text else None


def indicator(row: dict[str, str]) -> Indicator:
    """Return a measure from its row of indicators.csv."""
    target = (
        Target(float(row["target_value"]), row.get("target_text", ""), row.get("target_period") or None)
        if row.get("target_value")
        else None
    )
    figure = (
        StrategyFigure(float(row["strategy_figure_value"]), row.get("strategy_figure_text", ""))
        if row.get("strategy_figure_value")
        else None
    )
    max_count = row.get("disclosure_max_count", "")
    return Indicator(
        id=row["id"],
        priority=int(row["priority"]),
        order=int(row["order"]),
        title=row["title"],
        outcome=row.get("outcome", ""),
        measure=row["measure"],
        unit=Unit(row["unit"]),
        polarity=Polarity(row["polarity"]),
        target=target,
        strategy_figure=figure,
        frequency=Frequency(row["frequency"]),
        breakdowns=tuple(part for part in row.get("breakdowns", "").split("|") if part),
        source=row["source"],
        publisher=row["publisher"],
        licence=row["licence"],
        owner=row["owner"],
        definition=row["definition"],
        method=row["method"],
        sensitive=flag(row["sensitive"]),
        disclosure_max_count=int(max_count) if max_count else DEFAULT_DISCLOSURE_MAX_COUNT,
        decimals=int(row["decimals"]),
    )


def source(row: dict[str, str]) -> SourceRelease:
    """Return an upstream release from its row of sources.csv."""
    return SourceRelease(
        id=row["id"], publisher=row["publisher"], dataset=row["dataset"], url=row.get("url", ""),
        released=row["released"], period_start=row["period_start"], period_end=row["period_end"],
        licence=row["licence"], attribution=row.get("attribution", ""),
        conversion=flag(row["conversion"]), next_release=row.get("next_release", ""),
    )


def area(row: dict[str, str]) -> Area:
    """Return an area from its row of areas.csv."""
    return Area(row["id"], row["name"], row.get("ons_code") or None, row["kind"],
                flag(row["is_home"]), flag(row.get("comparator", "")), row.get("parent") or None,
                row.get("note", ""), optional_float(row.get("area_km2", "")))


def population(row: dict[str, str]) -> Population:
    """Return a mid-year population estimate from its row of population.csv."""
    return Population(row["area"], int(row["year"]), int(row["population"]), row["source"],
                      row.get("note", ""), row.get("edition", ""))


def revision(row: dict[str, str]) -> Revision:
    """Return a logged revision from its row of revisions.csv."""
    revised_in = row.get("revised_in")
    return Revision(
        row["indicator"], row["area"], row["period"], row["breakdown"],
        optional_float(row.get("previous_value", "")), marker(row.get("previous_status", "")),
        date.fromisoformat(revised_in) if revised_in else None, row["reason"],
        row.get("revised_by", ""),
    )
