"""The areas the importers write figures for, as data/areas.csv defines them.

Which boroughs there are, which one is home and which are named comparators is data, never code:
a borough is an area of kind ``borough``, matched to the police and ONS files by its name and ONS
code; an area of kind ``aggregate`` (London) is the sum of every borough.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importers.datafiles import read_existing
from generator.importers.problems import InputError, shown
from generator.package.load import resource_path
from generator.publish.cells import field_names

BOROUGH = "borough"
AGGREGATE = "aggregate"


@dataclass(frozen=True)
class ImportArea:
    """An area of data/areas.csv, as the importers need it."""

    id: str
    name: str
    ons_code: str
    kind: str
    is_home: bool
    comparator: bool
    note: str

    @property
    def shows_months(self) -> bool:
        """Return True for the areas whose monthly figures are published (home, comparators)."""
        return self.is_home or self.comparator


@dataclass(frozen=True)
class AreaSet:
    """The boroughs and the aggregates made of them."""

    boroughs: tuple[ImportArea, ...]
    aggregates: tuple[ImportArea, ...]
    others: tuple[ImportArea, ...] = ()  # any other kind of area (e.g. a ward)

    @property
    def all(self) -> tuple[ImportArea, ...]:
        """Return every area, boroughs first."""
        return (*self.boroughs, *self.aggregates)


def read_areas(data_dir: Path, descriptor: dict[str, Any]) -> AreaSet:
    """Return the boroughs and aggregates of data/areas.csv, or say why there are none."""
    path = resource_path(data_dir, descriptor, "areas")
    rows = read_existing(path, field_names(descriptor, "areas"))
    areas = [
        ImportArea(
            id=row.get("id", ""), name=row.get("name", ""), ons_code=row.get("ons_code", ""),
            kind=row.get("kind", ""), is_home=row.get("is_home", "").lower() == "true",
            comparator=row.get("comparator", "").lower() == "true", note=row.get("note", ""),
        )
        for row in rows
    ]
    boroughs = tuple(area for area in areas if area.kind == BOROUGH)
    if not boroughs:
        raise InputError([
            f"{shown(path)} lists no area of kind '{BOROUGH}', so there is nothing to import "
            "figures for. Add the boroughs (id, name, ONS code), then import again."
        ])
    return AreaSet(boroughs, tuple(area for area in areas if area.kind == AGGREGATE),
                   tuple(area for area in areas if area.kind not in (BOROUGH, AGGREGATE)))
