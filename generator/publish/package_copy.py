"""The data package as published: datapackage.json, every resource CSV, and a zip of them all.

Each resource is written from the model, column by column in its schema's order, so the copy
holds the figures after disclosure control, never the raw ones. Zip entries carry the release's
date and fixed permissions, so the same data always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import Any

from generator.config import Partnership
from generator.package.load_wards import WARD_BOUNDARIES, WARD_COUNTS
from generator.package.model import DataPackage, Observation, Release
from generator.package.ward_geojson import geojson_text
from generator.publish.api import json_bytes
from generator.publish.cells import Cell, column_texts, csv_bytes, schema_fields
from generator.publish.order import in_resource_order

# Schema types whose cells are numbers: written as numbers, never defused (-3.2 stays -3.2).
NUMBER_TYPES = frozenset(("number", "integer"))
# The earliest date a zip entry can carry; used when the data has no release yet.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Columns whose cell is not the record's attribute of the same name.
_CELLS: dict[tuple[str, str], Callable[[Any], Cell]] = {
    ("indicators", "target_value"): lambda i: i.target.value if i.target else None,
    ("indicators", "target_text"): lambda i: i.target.text if i.target else None,
    ("indicators", "target_period"): lambda i: i.target.period if i.target else None,
    ("indicators", "strategy_figure_value"):
        lambda i: i.strategy_figure.value if i.strategy_figure else None,
    ("indicators", "strategy_figure_text"):
        lambda i: i.strategy_figure.text if i.strategy_figure else None,
    ("indicators", "breakdowns"): lambda i: "|".join(i.breakdowns),
    ("observations", "period"): attrgetter("period.code"),
    ("observations", "period_label"): attrgetter("period.label"),
    ("observations", "status"): attrgetter("marker"),
    ("revisions", "previous_status"): attrgetter("previous_marker"),
    (WARD_COUNTS, "period"): attrgetter("period.code"),
    (WARD_COUNTS, "status"): attrgetter("marker"),
}


class ObservationCells:
    """Every observation's CSV cells, each column written once, in the resource's row order.

    A measure's own CSV repeats these cells (with the area's name), so they are written once for
    both.
    """

    def __init__(self, ordered: list[Observation], descriptor: Mapping[str, Any]) -> None:
        self.observations = ordered
        fields = schema_fields(descriptor, "observations") if descriptor else []
        self.columns = {
            str(field["name"]): column_texts(
                _values(ordered, "observations", str(field["name"])),
                number=field.get("type") in NUMBER_TYPES)
            for field in fields
        }

    def column(self, name: str) -> list[str]:
        """Return one column's cells; KeyError names a column the schema does not have."""
        return self.columns[name] if self.observations else []


def data_package_files(
    package: DataPackage, partnership: Partnership, cells: ObservationCells | None = None
) -> dict[str, bytes]:
    """Return datapackage.json and every resource CSV, by path inside data/ (``cells``: the
    observations' cells if already written, as for the measures' own CSV files)."""
    descriptor = package.descriptor
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise ValueError("the package has no datapackage.json descriptor to copy; load it from data/")
    # The published copy says where it is published; data/ does not repeat the site's address.
    # People read this one, so it keeps its indentation; the API files are written compactly.
    files = {"datapackage.json": json_bytes({**descriptor, "homepage": partnership.site_url},
                                            indent=2)}
    for resource in resources:
        name, path = str(resource["name"]), str(resource["path"])
        if name == "observations":
            cells = cells or ObservationCells(in_resource_order(package), descriptor)
            columns = [str(field["name"]) for field in schema_fields(descriptor, name)]
            files[path] = csv_bytes(columns, zip(*(cells.column(c) for c in columns), strict=True))
        elif name == WARD_BOUNDARIES:
            files[path] = geojson_text(package.ward_boundaries).encode("utf-8")
        else:
            files[path] = _resource_csv(package, descriptor, name)
    return files


def zip_bytes(files: Mapping[str, bytes], release: Release | None) -> bytes:
    """Return a zip of the files, dated by the release, the same bytes for the same files."""
    stamp = (release.date.year, release.date.month, release.date.day, 0, 0, 0) if release else _ZIP_EPOCH
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o644 << 16
            # zlib's default level: 9 takes four times as long (0.4 s for a 9 MB package) to
            # make the file 8% smaller.
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def _resource_csv(package: DataPackage, descriptor: Mapping[str, Any], name: str) -> bytes:
    """Return one resource's CSV, written from the model's records of it."""
    records = getattr(package, name, None)
    if not isinstance(records, tuple):
        raise ValueError(f"datapackage.json lists a resource '{name}' that the site cannot write")
    fields = schema_fields(descriptor, name)
    cells = [column_texts(_values(records, name, str(field["name"])),
                          number=field.get("type") in NUMBER_TYPES) for field in fields]
    return csv_bytes([str(field["name"]) for field in fields], zip(*cells, strict=True))


def _values(records: Any, resource: str, column: str) -> list[Cell]:
    """Return one column's values: each record's attribute of that name, unless _CELLS says."""
    cell = _CELLS.get((resource, column)) or attrgetter(column)
    try:
        return list(map(cell, records))
    except AttributeError:
        raise ValueError(
            f"datapackage.json lists a column `{column}` in '{resource}' that the loaded records "
            "do not have: read it in generator/package/load.py") from None
