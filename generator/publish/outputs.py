"""Every download of a build held in memory, for tests, benchmarks and anything not writing a site.

A MkDocs build has a worker process write the same files (generator.build.site_work); the
bytes are the same either way, since both come from downloads.output_batches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.config import Partnership
from generator.figures.results import IndicatorFigures
from generator.package.model import DataPackage
from generator.publish.downloads import output_batches


@dataclass(frozen=True)
class OutputsInMemory:
    """Every download's bytes by address, made in this process."""

    files: Mapping[str, bytes]

    @property
    def paths(self) -> tuple[str, ...]:
        """Return every file's address, sorted."""
        return tuple(sorted(self.files))

    def package_sizes(self) -> Mapping[str, int]:
        """Return the bytes of each file by address (the data page lists the package's)."""
        return {path: len(content) for path, content in self.files.items()}


def outputs_in_memory(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], partnership: Partnership
) -> OutputsInMemory:
    """Return every download, made here and now."""
    files: dict[str, bytes] = {}
    for batch in output_batches(package, figures, partnership):
        files.update(batch)
    return OutputsInMemory(files)
