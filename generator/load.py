"""Read the data package from disk into the typed model (I/O only; validate first)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from generator.model import (
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
    StrategyFigure,
    Target,
    Unit,
)
from generator.periods import parse_period

DESCRIPTOR_NAME = "datapackage.json"


def read_text(path: Path) -> str:
    """Read a text file as UTF-8, tolerating a byte-order mark and Windows line endings.

    Files saved from Excel often start with a BOM or use CRLF; both are harmless, so they are
    normalised here rather than rejected.
    """
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Return the parsed datapackage.json."""
    descriptor: dict[str, Any] = json.loads(read_text(data_dir / DESCRIPTOR_NAME))
    return descriptor


def resource_path(data_dir: Path, descriptor: dict[str, Any], name: str) -> Path:
    """Return the file path of the named resource."""
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return data_dir / str(resource["path"])
    raise KeyError(f"datapackage.json has no resource called '{name}'")


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield each data row of a CSV file as a dict of stripped strings, skipping blank lines."""
    reader = csv.DictReader(io.StringIO(read_text(path)))
    for row in reader:
        if not any((value or "").strip() for value in row.values()):
            continue
        yield {key: (value or "").strip() for key, value in row.items() if key is not None}


def _optional_float(text: str) -> float | None:
    return float(text) if text else None


def _optional_int(text: str) -> int | None:
    return int(float(text)) if text else None


def _bool(text: str) -> bool:
    return text.strip().lower() in {"true", "yes", "1"}


def _marker(text: str) -> Marker | None:
    return Marker(text) if text else None


def _indicator(row: dict[str, str]) -> Indicator:
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
        sensitive=_bool(row["sensitive"]),
        disclosure_max_count=int(max_count) if max_count else DEFAULT_DISCLOSURE_MAX_COUNT,
        decimals=int(row["decimals"]),
    )


def _observation(row: dict[str, str]) -> Observation:
    return Observation(
        indicator=row["indicator"],
        area=row["area"],
        period=parse_period(row["period"]),
        breakdown=row["breakdown"],
        value=_optional_float(row.get("value", "")),
        marker=_marker(row.get("status", "")),
        numerator=_optional_int(row.get("numerator", "")),
        denominator=_optional_int(row.get("denominator", "")),
        vintage=row["vintage"],
        note=row.get("note", ""),
    )


def load_package(data_dir: Path) -> DataPackage:
    """Load every resource of the data package in data_dir into the typed model."""
    descriptor = read_descriptor(data_dir)

    def rows(name: str) -> list[dict[str, str]]:
        path = resource_path(data_dir, descriptor, name)
        return list(read_rows(path)) if path.exists() else []

    observations = sorted(
        (_observation(row) for row in rows("observations")),
        key=lambda obs: (obs.indicator, obs.area, obs.breakdown, obs.period),
    )
    return DataPackage(
        priorities=tuple(
            Priority(int(r["number"]), r["slug"], r["title"], r["short_title"], r["summary"])
            for r in rows("priorities")
        ),
        actions=tuple(Action(r["id"], int(r["priority"]), r["text"]) for r in rows("actions")),
        indicators=tuple(
            sorted((_indicator(r) for r in rows("indicators")), key=lambda i: (i.priority, i.order))
        ),
        areas=tuple(
            Area(r["id"], r["name"], r.get("ons_code") or None, r["kind"], _bool(r["is_home"]))
            for r in rows("areas")
        ),
        population=tuple(
            Population(r["area"], int(r["year"]), int(r["population"]), r["source"], r.get("note", ""))
            for r in rows("population")
        ),
        observations=tuple(observations),
        series_breaks=tuple(
            SeriesBreak(r["indicator"], r["period"], r["description"]) for r in rows("series_breaks")
        ),
        releases=tuple(
            sorted(
                (Release(date.fromisoformat(r["date"]), r["title"], r["note"]) for r in rows("releases")),
                key=lambda release: release.date,
            )
        ),
        revisions=tuple(
            Revision(
                r["indicator"], r["area"], r["period"], r["breakdown"],
                _optional_float(r.get("previous_value", "")), _marker(r.get("previous_status", "")),
                date.fromisoformat(r["revised_in"]), r["reason"],
            )
            for r in rows("revisions")
        ),
        descriptor=descriptor,
    )
