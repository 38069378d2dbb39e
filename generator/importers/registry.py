"""The registry of source releases in data/sources.csv: which releases the figures come from.

Each importer owns the rows of its own releases, recognised by the prefix of their ids (the
folder names in sources/, e.g. ``mps-borough-``). The releases already registered are part of
every later import, so importing releases one at a time, in any order, or importing one again,
gives the same data as importing them all at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.importers.datafiles import read_existing
from generator.importers.problems import InputError, shown
from generator.importers.sources import MANIFEST_NAME, SourceRelease, read_release
from generator.package.load import resource_path
from generator.publish.cells import field_names

RESOURCE = "sources"
Row = dict[str, str]


def registered_ids(data_dir: Path, descriptor: dict[str, Any], prefix: str) -> list[str]:
    """Return the ids of the releases with this prefix already in data/sources.csv."""
    rows = read_existing(resource_path(data_dir, descriptor, RESOURCE),
                         field_names(descriptor, RESOURCE))
    return [row["id"] for row in rows if row.get("id", "").startswith(prefix)]


def release_set(
    folders: Sequence[Path], data_dir: Path, descriptor: dict[str, Any], prefix: str,
    sources_dir: Path,
) -> tuple[SourceRelease, ...]:
    """Return the releases given and those already registered, each once, newest first."""
    problems: list[str] = []
    wanted = {folder.resolve(): folder for folder in folders}
    for identifier in registered_ids(data_dir, descriptor, prefix):
        folder = sources_dir / identifier
        if not (folder / MANIFEST_NAME).is_file():
            problems.append(
                f"{shown(resource_path(data_dir, descriptor, RESOURCE))} registers the release "
                f"{identifier!r}, whose figures are in data/, but {shown(folder)} has no "
                f"{MANIFEST_NAME}. Restore the folder (git checkout -- sources/)."
            )
        wanted.setdefault(folder.resolve(), folder)
    releases: list[SourceRelease] = []
    for folder in wanted.values():
        try:
            release = read_release(folder)
        except InputError as error:
            problems.extend(error.problems)
            continue
        if not release.id.startswith(prefix) or release.id != folder.name:
            problems.append(
                f"{shown(folder / MANIFEST_NAME)}: the release id is {release.id!r}; this "
                f"importer reads releases whose id starts {prefix!r}, each in a folder of "
                "the same name in sources/."
            )
            continue
        releases.append(release)
    if problems:
        raise InputError(problems)
    return newest_first(releases)


def newest_first(releases: Iterable[SourceRelease]) -> tuple[SourceRelease, ...]:
    """Return the releases most recently released first (ties: the larger id first)."""
    # Release dates are ISO texts of month or day precision, so they sort as text.
    return tuple(sorted(releases, key=lambda release: (release.released, release.id),
                        reverse=True))


def source_row(release: SourceRelease) -> Row:
    """Return the data/sources.csv row that describes a release."""
    manifest = json.loads((release.folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    used = release.files
    return {
        "id": release.id,
        "publisher": release.publisher,
        "dataset": release.dataset,
        "url": release.dataset_url,
        "released": release.released,
        "period_start": min(entry.period_start for entry in used),
        "period_end": max(entry.period_end for entry in used),
        "licence": release.licence_name,
        "attribution": release.attribution,
        "conversion": "true" if any(entry.is_conversion for entry in used) else "false",
        "next_release": str(manifest.get("next_release", "")),
    }


def merged_sources(
    data_dir: Path, descriptor: dict[str, Any], prefix: str, releases: Sequence[SourceRelease],
) -> list[Row]:
    """Return data/sources.csv with this importer's rows replaced by the releases given."""
    path = resource_path(data_dir, descriptor, RESOURCE)
    kept = [row for row in read_existing(path, field_names(descriptor, RESOURCE))
            if not row.get("id", "").startswith(prefix)]
    return sorted([*kept, *(source_row(release) for release in releases)],
                  key=lambda row: row.get("id", ""))
