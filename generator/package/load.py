"""Read the data package from disk into the typed model (I/O only; validate first)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator.memory import collector_paused
from generator.package.csv_read import read_column_chunks, read_rows, read_text
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
    StrategyFigure,
    Target,
    Unit,
)
from generator.package.periods import parse_period

if TYPE_CHECKING:
    pass

DESCRIPTOR_NAME = "datapackage.json"

_T = TypeVar("_T")
_ORDER_KEY = attrgetter("order_key")



def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Return the parsed datapackage.json."""
    descriptor: dict[str, Any] = json.loads(read_text(data_dir / DESCRIPTOR_NAME))
    return descriptor


def resource_path(data_dir: Path, descriptor: dict[str, Any], name: str) -> Path:
    """Return the file path of the named resource, refusing paths that leave data_dir."""
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            path = data_dir / str(resource["path"])
            # A path such as ../../secret.csv would read (and publish) a file from elsewhere.
            if not path.resolve().is_relative_to(data_dir.resolve()):
                raise ValueError(
                    f"resource '{name}' points outside the data folder: {resource['path']}")
            return path
    raise KeyError(f"datapackage.json has no resource called '{name}'")


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


def _observations(path: Path) -> list[Observation]:
    """Read the observations resource a column at a time: it is by far the largest file.

    The observations come back sorted by indicator, area, breakdown and period.
    """
    header, chunks = read_column_chunks(path)
    if len(set(header)) != len(header):
        # A column named twice reads from its last appearance, as read_rows has it.
        rows = list(read_rows(path))
        header = list(dict.fromkeys(header))
        chunks = iter([[[row[name] for row in rows] for name in header]] if rows else [])
    observations: list[Observation] = []
    keys: list[tuple[str, str, str, tuple[date, date, str, str]]] = []
    # A chunk of rows at a time, so the raw cells of only one chunk are held at once.
    for chunk in chunks:
        _add_observations(dict(zip(header, chunk, strict=True)), observations, keys)
    # The sort keys were zipped from the columns in C, rather than read from each observation
    # by a Python key function. Row numbers are sorted and equal keys keep their file order
    # (the sort is stable), exactly as sorting the observations themselves does.
    return list(map(observations.__getitem__, sorted(range(len(observations)), key=keys.__getitem__)))


def _add_observations(
    columns: dict[str, list[str]],
    observations: list[Observation],
    keys: list[tuple[str, str, str, tuple[date, date, str, str]]],
) -> None:
    """Convert one chunk's columns into observations and their sort keys, appended in order."""
    count = len(next(iter(columns.values())))

    def column(name: str, convert: Callable[[str], _T], *, required: bool = False) -> list[_T]:
        if name not in columns:
            if required:
                raise KeyError(name)
            return [convert("")] * count
        # Most columns repeat a few values (ids, periods, markers, denominators) many times:
        # each distinct text is stripped and converted once.
        converted = {text: convert(text.strip()) for text in set(columns[name])}
        if len(converted) == 1:
            # A column holding one value throughout (often all blank) needs no lookups.
            return list(converted.values()) * count
        return list(map(converted.__getitem__, columns[name]))

    # The columns are converted in this order, so a chunk with several faults reports the
    # same one first as it always has.
    indicators = column("indicator", str, required=True)
    areas = column("area", str, required=True)
    periods = column("period", parse_period, required=True)
    breakdowns = column("breakdown", str, required=True)
    observations.extend(map(
        Observation, indicators, areas, periods, breakdowns,
        column("value", _optional_float),
        column("status", _marker),
        column("numerator", _optional_int),
        column("denominator", _optional_int),
        column("vintage", str, required=True),
        column("note", str),
    ))
    keys.extend(zip(indicators, areas, breakdowns, map(_ORDER_KEY, periods), strict=True))


def load_package(data_dir: Path) -> DataPackage:
    """Load every resource of the data package in data_dir into the typed model."""
    with collector_paused():
        return _load_package(data_dir)


def _load_package(data_dir: Path) -> DataPackage:
    descriptor = read_descriptor(data_dir)

    def rows(name: str) -> list[dict[str, str]]:
        path = resource_path(data_dir, descriptor, name)
        return list(read_rows(path)) if path.exists() else []

    path = resource_path(data_dir, descriptor, "observations")
    observations = _observations(path) if path.exists() else []
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
