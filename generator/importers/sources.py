"""Read the upstream releases kept in sources/ and hand out their files only once verified.

Each release is a folder of files copied byte for byte from their publisher, with a
``manifest.json`` saying who published them, when, for which period, under which licence, and
each file's sha256 (see sources/README.md). An importer asks for a file through
``verified_file``; a file that is missing, or whose bytes no longer match the manifest, stops the
import with a message naming it, before anything is read or written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importers.problems import InputError, read_all, shown

MANIFEST_NAME = "manifest.json"
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    """One upstream file as its release's manifest describes it."""

    name: str
    published_as: str
    period_start: str
    period_end: str
    sha256: str
    size: int
    is_conversion: bool  # someone else's re-encoding (e.g. Parquet), not the publisher's own file


@dataclass(frozen=True)
class SourceRelease:
    """A release folder in sources/ and its manifest."""

    folder: Path
    id: str
    publisher: str
    dataset: str
    dataset_url: str
    released: str  # YYYY, YYYY-MM or YYYY-MM-DD, as precisely as it is known
    licence_name: str
    licence_url: str
    attribution: str
    description: str
    files: tuple[SourceFile, ...]

    def file(self, name: str) -> SourceFile:
        """Return the manifest's entry for a file, or say that the release has no such file."""
        for entry in self.files:
            if entry.name == name:
                return entry
        listed = ", ".join(entry.name for entry in self.files)
        raise InputError([
            f"{shown(self.folder / MANIFEST_NAME)} lists no file called {name!r} "
            f"(it lists: {listed})."
        ])


def read_release(folder: Path) -> SourceRelease:
    """Read a release folder's manifest, raising InputError naming what is missing or wrong."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise InputError([
            f"{shown(folder)} is not a source release: it has no {MANIFEST_NAME}. "
            "Each folder in sources/ needs one (see sources/README.md)."
        ])
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        return _release(folder, manifest)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise InputError([
            f"{shown(path)} cannot be read as a release manifest ({_reason(error)}). "
            "Compare it with another release's manifest.json and sources/README.md."
        ]) from None


def read_releases(folders: list[Path]) -> tuple[SourceRelease, ...]:
    """Read several release folders, reporting every unreadable manifest at once."""
    return read_all(read_release, folders)


def verified_file(release: SourceRelease, name: str) -> Path:
    """Return the path of a release's file once its size and sha256 match the manifest."""
    entry = release.file(name)
    path = release.folder / name
    if not path.is_file():
        raise InputError([
            f"{shown(path)} is missing: {shown(release.folder / MANIFEST_NAME)} lists it. "
            "Restore it from git (git checkout -- sources/) or from the publisher, unchanged."
        ])
    digest = file_sha256(path)
    if digest != entry.sha256:
        raise InputError([
            f"{shown(path)} does not match its manifest: its sha256 is {digest}, but "
            f"{shown(release.folder / MANIFEST_NAME)} records {entry.sha256}. The file has been "
            "changed since it was copied from the publisher. Restore the original "
            "(git checkout -- sources/); if the publisher really issued a new file, add it as a "
            "new release folder with its own manifest."
        ])
    return path


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _release(folder: Path, manifest: dict[str, Any]) -> SourceRelease:
    licence = manifest["licence"]
    return SourceRelease(
        folder=folder,
        id=str(manifest["id"]),
        publisher=str(manifest["publisher"]),
        dataset=str(manifest["dataset"]),
        dataset_url=str(manifest["dataset_url"]),
        released=str(manifest["released"]),
        licence_name=str(licence["name"]),
        licence_url=str(licence["url"]),
        attribution=str(licence["attribution"]),
        description=str(manifest["description"]),
        files=tuple(_file(entry) for entry in manifest["files"]),
    )


def _file(entry: dict[str, Any]) -> SourceFile:
    return SourceFile(
        name=str(entry["name"]),
        published_as=str(entry["published_as"]),
        period_start=str(entry["period"]["start"]),
        period_end=str(entry["period"]["end"]),
        sha256=str(entry["sha256"]),
        size=int(entry["bytes"]),
        is_conversion=entry["origin"]["kind"] == "conversion",
    )


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"the field {error.args[0]!r} is missing"
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno}, column {error.colno}: {error.msg}"
    return str(error)
