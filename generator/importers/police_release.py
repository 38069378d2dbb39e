"""Read one release of the police borough-level publication: its files, checked, as monthly counts.

A release (a folder in sources/ with a manifest) holds one or more files, e.g. a historical file
and the most recent 24 months. Each file must cover exactly the months its manifest says, with no
month missing, and together the files must cover one unbroken run of months.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator.importers.mps_file import PoliceFile, PoliceRow, read_police_file
from generator.importers.problems import InputError, read_all, shown
from generator.importers.sources import SourceFile, SourceRelease, verified_file
from generator.package.periods import MONTH_NAMES, shift_months

# (area as the police name it, major category, minor category)
CountKey = tuple[str, str, str]


@dataclass(frozen=True)
class PoliceRelease:
    """A police release's files, each month owned by exactly one file."""

    source: SourceRelease
    files: tuple[PoliceFile, ...]

    @property
    def id(self) -> str:
        """Return the release's id, e.g. mps-borough-2026-07."""
        return self.source.id

    @cached_property
    def months(self) -> tuple[date, ...]:
        """Return every month the release covers, oldest first."""
        return tuple(sorted(month for police_file in self.files for month in police_file.months))

    @cached_property
    def areas(self) -> frozenset[str]:
        """Return every area name the release's files have rows for."""
        return frozenset().union(*(police_file.areas for police_file in self.files))

    def covers(self, first: date, last: date) -> bool:
        """Return True when every month from first to last is in the release."""
        return bool(self.months) and self.months[0] <= first and last <= self.months[-1]

    def cells(self) -> Iterator[tuple[PoliceRow, date, int]]:
        """Yield every (row, month, count) of the release's files."""
        for police_file in self.files:
            for row in police_file.rows:
                yield from ((row, month, count)
                            for month, count in zip(police_file.months, row.counts, strict=True))

    def monthly_counts(self) -> dict[CountKey, dict[date, int]]:
        """Return the counts per (area, major, minor category), month by month."""
        counts: dict[CountKey, dict[date, int]] = {}
        for row, month, count in self.cells():
            counts.setdefault((row.area, row.major, row.minor), {})[month] = count
        return counts


def read_police_release(release: SourceRelease) -> PoliceRelease:
    """Read and check every file of a release, raising InputError that lists every problem."""
    problems: list[str] = []
    files: list[PoliceFile] = []
    for entry in release.files:
        try:
            police_file = read_police_file(verified_file(release, entry.name))
        except InputError as error:
            problems.extend(error.problems)
            continue
        problems.extend(_period_problems(police_file, entry))
        files.append(police_file)
    if not problems:
        problems.extend(_coverage_problems(release, files))
    if problems:
        raise InputError(problems)
    return PoliceRelease(source=release, files=tuple(sorted(files, key=lambda f: f.months[0])))


def read_police_releases(releases: Sequence[SourceRelease]) -> tuple[PoliceRelease, ...]:
    """Read several releases, reporting the problems of all of them at once."""
    return read_all(read_police_release, releases)


def _period_problems(police_file: PoliceFile, entry: SourceFile) -> Iterator[str]:
    """Say where a file's months have a gap or differ from its manifest's period."""
    name = shown(police_file.path)
    months = sorted(police_file.months)
    missing = _gaps(months)
    if missing:
        yield (
            f"{name}: the month columns skip {_listed(missing)}, so every figure that spans "
            "that month would be too low. Restore the publisher's file unchanged (git checkout -- "
            "sources/)."
        )
    first, last = f"{months[0]:%Y-%m}", f"{months[-1]:%Y-%m}"
    if (first, last) != (entry.period_start, entry.period_end):
        yield (
            f"{name}: its months run from {first} to {last}, but its manifest says "
            f"{entry.period_start} to {entry.period_end}. Correct the manifest's period, or "
            "restore the file the manifest describes."
        )


def _coverage_problems(release: SourceRelease, files: Sequence[PoliceFile]) -> Iterator[str]:
    """Say where the release's files overlap or leave months out between them."""
    owners: dict[date, PoliceFile] = {}
    for police_file in files:
        for month in police_file.months:
            if month in owners:
                yield (
                    f"{shown(release.folder)}: {shown(police_file.path)} and "
                    f"{shown(owners[month].path)} both hold {_listed([month])}; a release's files "
                    "must not overlap, so that each month is counted once."
                )
                return
            owners[month] = police_file
    missing = _gaps(sorted(owners))
    if missing:
        yield (
            f"{shown(release.folder)}: its files leave out {_listed(missing)}. Add the missing "
            "file to the release (and its manifest), or import only releases that are complete."
        )


def _gaps(months: Sequence[date]) -> list[date]:
    present = set(months)
    if not months:
        return []
    span = (months[-1].year - months[0].year) * 12 + months[-1].month - months[0].month
    return [month for k in range(span + 1)
            if (month := shift_months(months[0], k)) not in present]


def _listed(months: Sequence[date]) -> str:
    words = [f"{MONTH_NAMES[month.month]} {month.year}" for month in months[:5]]
    more = f" and {len(months) - 5} more" if len(months) > 5 else ""
    return ", ".join(words) + more

