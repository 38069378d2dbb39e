"""Copies of the releases in sources/, altered to stage one kind of bad input at a time."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from .helpers import SOURCES


def copied_release(tmp_path: Path, release_id: str) -> Path:
    """Copy a release folder of sources/ into tmp_path/sources and return the copy."""
    target = tmp_path / "sources" / release_id
    shutil.copytree(SOURCES / release_id, target)
    return target


def rewrite_file(folder: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    """Change a release's file and record its new size and sha256 in the manifest.

    The manifest is updated too, so the file passes the sha256 check and the importer's own
    check of its content is what is tested.
    """
    path = folder / name
    path.write_bytes(change(path.read_bytes()))
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == name:
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
            entry["bytes"] = path.stat().st_size
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
