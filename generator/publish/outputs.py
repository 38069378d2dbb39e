"""The machine-readable files of a build (CSV, JSON, the zip), as the pages see them.

Pages need only the files' addresses and the data package files' sizes. Tests and benchmarks hold
the files in memory (OutputsInMemory); a MkDocs build has a worker process write them
(generator.build.site_work). The bytes are the same either way: both come from publish.output_batches.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.errors import PublishError
from generator.figures.results import IndicatorFigures
from generator.package.model import DataPackage
from generator.publish.downloads import output_batches


class Outputs(Protocol):
    """What pages need to know about the machine-readable files."""

    @property
    def paths(self) -> tuple[str, ...]:
        """Every file's site path, sorted."""

    def package_sizes(self) -> Mapping[str, int]:
        """Bytes of each data package file (datapackage.json, its CSVs, the zip) by site path."""


@dataclass(frozen=True)
class OutputsInMemory:
    """Every file's bytes, made in this process (tests, benchmarks, anything not writing a site)."""

    files: Mapping[str, bytes]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted(self.files))

    def package_sizes(self) -> Mapping[str, int]:
        return {path: len(content) for path, content in self.files.items()}


def outputs_in_memory(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], site_url: str
) -> OutputsInMemory:
    """Return every machine-readable file, made here and now."""
    files: dict[str, bytes] = {}
    for batch in output_batches(package, figures, site_url):
        files.update(batch)
    return OutputsInMemory(files)


def move_into(source: Path, target: Path) -> None:
    """Move everything under source into target, renaming whole folders wherever target lacks them.

    A file that already exists in target is an error: the build checks for clashes between
    content/ and the generated files before anything is written.
    """
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if not destination.exists():
            os.replace(entry, destination)
        elif entry.is_dir() and destination.is_dir():
            move_into(entry, destination)
        else:
            raise PublishError(f"{destination} was written twice: by MkDocs and as a download.")
