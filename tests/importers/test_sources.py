"""The sources/ folder: every manifest reads, every file matches it, and tampering is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.importers.problems import InputError
from generator.importers.sources import (
    MANIFEST_NAME,
    file_sha256,
    read_release,
    read_releases,
    verified_file,
)

from .helpers import REPO_ROOT

SOURCES = REPO_ROOT / "sources"
RELEASE_FOLDERS = sorted(path for path in SOURCES.iterdir() if path.is_dir())


def test_every_release_folder_has_a_manifest_that_reads() -> None:
    releases = read_releases(RELEASE_FOLDERS)
    assert [release.id for release in releases] == [folder.name for folder in RELEASE_FOLDERS]
    assert all(release.files for release in releases)


@pytest.mark.parametrize("folder", RELEASE_FOLDERS, ids=lambda path: path.name)
def test_every_file_in_a_release_matches_its_manifest(folder: Path) -> None:
    release = read_release(folder)
    for entry in release.files:
        path = verified_file(release, entry.name)
        assert path.stat().st_size == entry.size
    listed = {entry.name for entry in release.files} | {MANIFEST_NAME}
    assert {path.name for path in folder.iterdir()} == listed, "a file is not in the manifest"


@pytest.fixture
def copied_release(tmp_path: Path) -> Path:
    source = next(folder for folder in RELEASE_FOLDERS if folder.name.startswith("mps-borough"))
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def test_an_altered_file_is_refused_naming_it_and_both_hashes(copied_release: Path) -> None:
    release = read_release(copied_release)
    name = release.files[0].name
    path = copied_release / name
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(InputError) as caught:
        verified_file(release, name)
    message = str(caught.value)
    assert name in message and "does not match its manifest" in message
    assert file_sha256(path) in message and release.files[0].sha256 in message


def test_a_missing_file_is_refused_naming_it(copied_release: Path) -> None:
    release = read_release(copied_release)
    name = release.files[0].name
    (copied_release / name).unlink()
    with pytest.raises(InputError, match=rf"{name} is missing"):
        verified_file(release, name)


def test_a_folder_without_a_manifest_is_not_a_release(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no manifest.json"):
        read_release(tmp_path)


def test_a_manifest_missing_a_field_names_the_field(copied_release: Path) -> None:
    manifest = copied_release / MANIFEST_NAME
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"publisher"', '"publ"'),
                        encoding="utf-8")
    with pytest.raises(InputError, match="the field 'publisher' is missing"):
        read_release(copied_release)
