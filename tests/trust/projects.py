"""Copies of the project under a temporary root, with a previously built site/ to protect."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.site.sitebuild import ROOT, SHIPPED_CONFIG, copy_inputs, file_bytes, write_config

PERMALINKS = ROOT / "permalinks"


def shipped_project(root: Path, *, nav: list[object] | None = None) -> Path:
    """Copy the shipped data/, content/ and permalinks/ into root; return its mkdocs.yml."""
    copy_inputs(ROOT, root)
    shutil.copytree(PERMALINKS, root / "permalinks")
    return write_config(root, nav=nav)


def shipped_nav() -> list[object]:
    """Return the shipped menu, to change one entry of it."""
    nav: list[object] = yaml.safe_load(SHIPPED_CONFIG.read_text(encoding="utf-8"))["nav"]
    return nav


def old_site(site: Path) -> dict[str, bytes]:
    """Put a previously built site at site (with a marker file); return its bytes."""
    (site / "nested").mkdir(parents=True)
    (site / "index.html").write_text("<p>The site as it was before this build.</p>\n")
    (site / "nested" / "marker.txt").write_text("Published before this build; must survive.\n")
    return file_bytes(site)


def staging_leftovers(root: Path) -> list[str]:
    """Return the build's staging folders left beside site/ (a failed build must remove them)."""
    return sorted(path.name for path in root.iterdir() if path.name.startswith(".site-"))


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in a text file, insisting that it is there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
