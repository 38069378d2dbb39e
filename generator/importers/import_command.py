"""What the commands that import from sources/ share: their options, how they run, the releases.

Each such command reads every release in the sources folder whose id starts with its prefix,
together with the releases of that prefix already registered in data/sources.csv.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.config import REPO_ROOT
from generator.importers.problems import InputError, report, shown
from generator.importers.registry import release_set
from generator.importers.sources import SourceRelease


def add_folder_arguments(parser: argparse.ArgumentParser) -> None:
    """Register --sources-dir and --data-dir."""
    parser.add_argument("--sources-dir", type=Path, default=REPO_ROOT / "sources",
                        help="the folder of source releases (default: sources/ in this project)")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "data",
                        help="the data package directory to update (default: data/ in this "
                             "project)")


def run_import(do: Callable[..., str], args: argparse.Namespace) -> int:
    """Run an import with the folders given, print its summary, and return the exit code."""
    try:
        summary = do(sources_dir=args.sources_dir, data_dir=args.data_dir)
    except InputError as error:
        return report(error)
    print(summary)
    return 0


def prefixed_releases(sources_dir: Path, data_dir: Path, descriptor: dict[str, Any],
                      prefix: str) -> tuple[SourceRelease, ...]:
    """Return every release in sources_dir whose id starts with prefix, newest first."""
    folders = sorted(path for path in sources_dir.glob(f"{prefix}*") if path.is_dir())
    releases = release_set(folders, data_dir, descriptor, prefix, sources_dir)
    if not releases:
        raise InputError([f"{shown(sources_dir)} has no release whose id starts {prefix!r}."])
    return releases
