"""Write a deterministic synthetic data package: many monthly indicators for the scale cases.

The shipped measures are reused as templates (cycled) so every synthetic row has realistic text,
units and polarity; the first rows keep the shipped ids so narrative links to them still resolve.
Priorities, actions and releases are copied as shipped; series are seeded random walks.
"""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.package.load import read_descriptor, read_rows, resource_path
from generator.package.load_wards import WARD_BOUNDARIES, WARD_COUNTS
from generator.package.model import DEFAULT_DISCLOSURE_MAX_COUNT
from generator.package.periods import parse_period
from generator.package.ward_geojson import geojson_text

SEED = 20240401
LAST_MONTH = date(2025, 2, 1)  # the last month of the v2025-03 police publication
VINTAGE = "v2025-03"

# Population of areas the shipped package lacks; round numbers, plainly not real figures.
SYNTHETIC_POPULATION = {2011: 200000, 2021: 210000}
SYNTHETIC_SOURCE = "synthetic-benchmark"

# Resources copied as shipped: the strategy's own text, which does not grow with indicators.
COPIED = ("priorities", "actions", "releases")
# Resources that point at shipped indicator ids or areas; the synthetic package starts them empty.
EMPTIED = ("series_breaks", "revisions", WARD_COUNTS)


@dataclass(frozen=True)
class SyntheticPackage:
    """What was written."""

    data_dir: Path
    indicators: int
    areas: int
    months: int
    observations: int


def month_codes(count: int, last: date = LAST_MONTH) -> list[str]:
    """Return count consecutive month codes ending at last, oldest first."""
    index = last.year * 12 + last.month - 1
    return [f"{(i // 12):04d}-{(i % 12) + 1:02d}" for i in range(index - count + 1, index + 1)]


def write_csv(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows as UTF-8 CSV with the given header."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _fields(descriptor: dict[str, Any], name: str) -> list[str]:
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return [str(field["name"]) for field in resource["schema"]["fields"]]
    raise KeyError(name)


def _shipped_rows(source: Path, descriptor: dict[str, Any], name: str) -> list[dict[str, str]]:
    path = resource_path(source, descriptor, name)
    return list(read_rows(path)) if path.exists() else []


def _indicator_rows(templates: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    order = dict.fromkeys(range(1, 7), 0)
    for number in range(count):
        row = dict(templates[number % len(templates)])
        if number >= len(templates):
            row["id"] = f"{row['id']}-{number // len(templates):03d}"
            row["title"] = f"{row['title']} ({number // len(templates)})"
            # Spread the extra measures evenly over the six priorities.
            row["priority"] = str(number % 6 + 1)
        priority = int(row["priority"])
        order[priority] += 1
        row["order"] = str(order[priority])
        # Every synthetic series is monthly and has one breakdown ('all'); targets tied to a
        # named financial year would not fit a monthly series, so only their wording is kept.
        row["frequency"] = "monthly"
        row["breakdowns"] = ""
        row["target_period"] = ""
        rows.append(row)
    return rows


def _disclosure_limit(indicator: dict[str, str]) -> int:
    """Return the largest count a sensitive measure must suppress (0 when it suppresses none)."""
    if indicator["sensitive"].lower() not in {"true", "yes", "1"}:
        return 0
    stated = indicator.get("disclosure_max_count", "")
    return int(stated) if stated else DEFAULT_DISCLOSURE_MAX_COUNT


def _value(unit: str, level: float, decimals: int) -> str:
    if unit == "count":
        return str(max(0, round(level)))
    if unit == "percentage":
        return f"{min(100.0, max(0.0, level)):.{decimals}f}"
    return f"{max(0.0, level):.{decimals}f}"


def _start_level(unit: str, rng: random.Random) -> float:
    return {
        "count": rng.uniform(2, 400),
        "percentage": rng.uniform(10, 90),
        "rate_per_1000": rng.uniform(0.5, 90),
        "rate_per_10000": rng.uniform(1, 40),
        "per_individual": rng.uniform(0.2, 3),
    }.get(unit, rng.uniform(1, 100))


def generate(
    source: Path,
    destination: Path,
    *,
    indicators: int,
    months: int,
    areas: int = 1,
    max_rows: int | None = None,
    seed: int = SEED,
) -> SyntheticPackage:
    """Write a valid package with `indicators` monthly measures × `months` × `areas` into destination.

    source is the shipped data/ directory (for the schema, priorities, actions and templates);
    areas counts the home area first; max_rows stops the observations at exactly that many rows.
    """
    rng = random.Random(seed)
    destination.mkdir(parents=True, exist_ok=True)
    descriptor = read_descriptor(source)
    shutil.copyfile(source / "datapackage.json", destination / "datapackage.json")

    def target(name: str) -> Path:
        return resource_path(destination, descriptor, name)

    for name in COPIED:
        shutil.copyfile(resource_path(source, descriptor, name), target(name))
    for name in EMPTIED:
        write_csv(target(name), _fields(descriptor, name), [])
    # The synthetic areas have no wards, so no ward outlines.
    target(WARD_BOUNDARIES).write_text(geojson_text([]), encoding="utf-8")

    shipped_areas = _shipped_rows(source, descriptor, "areas")
    if not shipped_areas:
        raise ValueError(f"{source} has no areas: import them first (python -m generator import-population)")
    # The home area comes first so that areas=1 means "home only".
    shipped_areas.sort(key=lambda row: row["is_home"].lower() != "true")
    area_rows = shipped_areas[:areas]
    while len(area_rows) < areas:
        number = len(area_rows)
        area_rows.append({"id": f"synthetic-area-{number:03d}", "name": f"Synthetic area {number}",
                          "ons_code": "", "kind": "borough", "is_home": "false",
                          "comparator": "true"})
    write_csv(target("areas"), _fields(descriptor, "areas"), area_rows)
    area_ids = [row["id"] for row in area_rows]

    population = [row for row in _shipped_rows(source, descriptor, "population") if row["area"] in area_ids]
    covered = {row["area"] for row in population}
    for area in area_ids:
        if area not in covered:
            for year, people in SYNTHETIC_POPULATION.items():
                population.append({"area": area, "year": str(year), "population": str(people),
                                   "source": "Synthetic benchmark population", "note": "",
                                   "edition": SYNTHETIC_SOURCE})
    write_csv(target("population"), _fields(descriptor, "population"), population)
    editions = {row["edition"] for row in population}
    sources = [row for row in _shipped_rows(source, descriptor, "sources") if row["id"] in editions]
    sources.extend({"id": id, "publisher": "Synthetic benchmark data", "dataset": "Made-up figures",
                    "released": "2025-03", "period_start": "2010-04", "period_end": "2025-02",
                    "licence": "none: not real figures", "conversion": "false"}
                   for id in (SYNTHETIC_SOURCE, VINTAGE))
    write_csv(target("sources"), _fields(descriptor, "sources"), sources)

    templates = _shipped_rows(source, descriptor, "indicators")
    indicator_rows = _indicator_rows(templates, indicators)
    write_csv(target("indicators"), _fields(descriptor, "indicators"), indicator_rows)

    codes = month_codes(months)
    labels = [parse_period(code).label for code in codes]
    fields = _fields(descriptor, "observations")
    rows = 0
    with target("observations").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(fields)
        for indicator in indicator_rows:
            unit, decimals = indicator["unit"], int(indicator["decimals"])
            limit = _disclosure_limit(indicator)
            for area in area_ids:
                level = _start_level(unit, rng)
                for code, label in zip(codes, labels, strict=True):
                    if max_rows is not None and rows >= max_rows:
                        break
                    level *= rng.uniform(0.93, 1.07)
                    value = _value(unit, level, decimals)
                    status = ""
                    if unit == "count" and 1 <= int(value) <= limit:
                        # Validation refuses small counts of a sensitive measure: publish [c].
                        value, status = "", "[c]"
                    record = {"indicator": indicator["id"], "area": area, "period": code,
                              "period_label": label, "breakdown": "all", "value": value,
                              "status": status, "vintage": VINTAGE}
                    writer.writerow([record.get(name, "") for name in fields])
                    rows += 1
    return SyntheticPackage(destination, len(indicator_rows), len(area_ids), months, rows)

