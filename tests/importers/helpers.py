"""Constants and small helpers shared by the importer tests."""

from __future__ import annotations

import csv
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MPS_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "mps"
REFERENCE_DATA = REPO_ROOT.parent / "shared" / "reference-data"

# Made-up round populations so that expected rates can be worked out by hand:
# every other borough has 90,000 (2011) and 100,000 (2021) residents.
CENSUS = {
    "Sutton": (190_000, 200_000),
    "Croydon": (360_000, 400_000),
    "Bromley": (300_000, 320_000),
}
OTHER_BOROUGH = (90_000, 100_000)
# Deliberately huge, so a London total that wrongly included the City would be obvious.
CITY_OF_LONDON = ("E09000001", "City of London", 5_000_000, 5_000_000)
LONDON_2011 = 29 * 90_000 + 190_000 + 360_000 + 300_000
LONDON_2021 = 29 * 100_000 + 200_000 + 400_000 + 320_000


def read_csv(path: Path) -> list[dict[str, str]]:
    """Return a CSV file's rows as dicts."""
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def observation(rows: list[dict[str, str]], indicator: str, area: str, period: str) -> dict[str, str]:
    """Return the one observation row with this key."""
    matches = [
        row for row in rows
        if (row["indicator"], row["area"], row["period"]) == (indicator, area, period)
    ]
    assert len(matches) == 1, f"expected one row for {indicator}, {area}, {period}: {matches}"
    return matches[0]


SOURCES = REPO_ROOT / "sources"


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """Write a CSV file with LF line endings."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def manifest(folder: Path, released: str, periods: dict[str, tuple[str, str]]) -> Path:
    """Write the manifest of a release folder, listing its files with their sha256."""
    import hashlib
    import json

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
        "id": folder.name, "publisher": "Test publisher", "dataset": "Test dataset",
        "dataset_url": "https://example.org/data", "released": released,
        "description": "Test release.",
        "licence": {"name": "Open Government Licence v3.0", "url": "https://example.org/ogl",
                    "attribution": "Contains test data."},
        "files": files,
    }, indent=2), encoding="utf-8")
    return folder
