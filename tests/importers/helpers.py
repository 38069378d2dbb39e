"""Constants and small helpers shared by the importer tests: scratch releases and data packages."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCES = REPO_ROOT / "sources"
MPS_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "mps"

# A small London for the scratch packages: three boroughs (home, comparator, other) and their sum.
AREAS = (
    ("sutton", "Sutton", "E09000029", "borough", "true", "false"),
    ("croydon", "Croydon", "E09000008", "borough", "false", "true"),
    ("merton", "Merton", "E09000024", "borough", "false", "false"),
    ("london", "London boroughs (3)", "", "aggregate", "false", "true"),
)
# Made-up round populations so that expected rates can be worked out by hand, one per mid-year
# from 2020 to 2023 (so later periods are provisional).
POPULATION = {"sutton": 200_000, "croydon": 400_000, "merton": 100_000}
MID_YEARS = range(2020, 2024)
TEST_EDITION = "test-population"  # not an ONS release id, so no importer owns it

Cells = Mapping[tuple[str, str, str], int | Sequence[int]]  # (major, minor, area) -> counts


def read_csv(path: Path) -> list[dict[str, str]]:
    """Return a CSV file's rows as dicts."""
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a CSV file with LF line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def observation(rows: list[dict[str, str]], indicator: str, area: str, period: str) -> dict[str, str]:
    """Return the one observation row with this key."""
    matches = [
        row for row in rows
        if (row["indicator"], row["area"], row["period"]) == (indicator, area, period)
    ]
    assert len(matches) == 1, f"expected one row for {indicator}, {area}, {period}: {matches}"
    return matches[0]


def months(first: date, count: int) -> list[date]:
    """Return count consecutive first-of-month dates from first."""
    index = first.year * 12 + first.month - 1
    return [date((index + k) // 12, (index + k) % 12 + 1, 1) for k in range(count)]


def police_csv(path: Path, span: Sequence[date], cells: Cells,
               header: Sequence[str] = ("MajorText", "MinorText", "BoroughName")) -> Path:
    """Write a police borough-level file: one row per category and area, one column per month."""
    rows = []
    for (major, minor, area), counts in cells.items():
        values = [counts] * len(span) if isinstance(counts, int) else list(counts)
        assert len(values) == len(span)
        rows.append([major, minor, area, *values])
    write_csv(path, [*header, *(f"{month:%Y%m}" for month in span)], rows)
    return path


def manifest(folder: Path, released: str, periods: Mapping[str, tuple[str, str]]) -> Path:
    """Write the manifest of a release folder, listing its files with their sha256."""
    files = [
        {
            "name": name, "published_as": name, "period": {"start": start, "end": end},
            "origin": {"kind": "publisher's file"},
            "bytes": (folder / name).stat().st_size,
            "sha256": hashlib.sha256((folder / name).read_bytes()).hexdigest(),
        }
        for name, (start, end) in periods.items()
    ]
    (folder / "manifest.json").write_text(json.dumps({
        "id": folder.name, "publisher": "Metropolitan Police Service",
        "dataset": "Recorded Crime: Borough Level", "dataset_url": "https://example.org/crime",
        "released": released, "description": "Test release.",
        "licence": {"name": "Open Government Licence v3.0", "url": "https://example.org/ogl",
                    "attribution": "Contains test data."},
        "next_release": "", "files": files,
    }, indent=2), encoding="utf-8")
    return folder


def police_release(root: Path, identifier: str, released: str,
                   files: Mapping[str, tuple[Sequence[date], Cells]]) -> Path:
    """Write a release folder of police files under root and return it."""
    folder = root / identifier
    folder.mkdir(parents=True)
    periods = {}
    for name, (span, cells) in files.items():
        police_csv(folder / name, span, cells)
        periods[name] = (f"{span[0]:%Y-%m}", f"{span[-1]:%Y-%m}")
    return manifest(folder, released, periods)
