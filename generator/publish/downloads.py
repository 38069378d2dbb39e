"""Every machine-readable file a build publishes, as ``{site address: file bytes}``.

Three kinds: the data package copy and its zip (package_copy), one CSV per measure (here) and the
JSON API (api). Each function is pure and reproducible: the same data gives the same bytes.
Everything here reads the package after disclosure control, so no withheld figure can reach a
file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from generator.config import Partnership
from generator.figures.results import IndicatorFigures
from generator.memory import collector_paused
from generator.package.model import DataPackage
from generator.present import urls
from generator.publish.api import api_outputs
from generator.publish.cells import column_texts, csv_bytes
from generator.publish.order import in_resource_order, indicator_runs
from generator.publish.package_copy import ObservationCells, data_package_files, zip_bytes

__all__ = ["api_outputs", "download_outputs", "output_batches", "output_paths"]

# A measure's CSV: the observations resource's cells again, with the area's name.
INDICATOR_CSV_COLUMNS = (
    "indicator", "area", "area_name", "period", "period_label", "breakdown", "value", "status",
    "note", "vintage",
)


def download_outputs(package: DataPackage, partnership: Partnership) -> dict[str, bytes]:
    """Return one CSV per indicator, the data package copy, and a zip of the whole package."""
    with collector_paused():
        cells = _cells(package)
        return {**indicator_csvs(package, cells), **_package_batch(package, partnership, cells)}


def output_batches(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], partnership: Partnership
) -> Iterator[dict[str, bytes]]:
    """Yield every machine-readable file, in two batches.

    First the data package (datapackage.json, its CSV files and the zip), whose sizes the data
    page lists; then each measure's CSV and JSON and the API index. Together they are exactly
    download_outputs and api_outputs.
    """
    with collector_paused():
        cells = _cells(package)
        first = _package_batch(package, partnership, cells)
    yield first
    with collector_paused():
        second = indicator_csvs(package, cells)
        second.update(api_outputs(package, figures, partnership))
    yield second


def output_paths(package: DataPackage, partnership: Partnership) -> list[str]:
    """Return the address of every file output_batches writes, sorted, without writing any.

    The build needs every published address before the files exist, to check the register of
    permanent links while another process is still writing them.
    """
    resources = package.descriptor.get("resources")
    paths = {urls.DATA_PACKAGE, urls.data_zip(partnership), urls.API_INDEX}
    if isinstance(resources, list):
        paths.update(urls.package_file(resource["path"]) for resource in resources
                     if isinstance(resource, dict))
    for indicator in package.indicators:
        paths.update((urls.indicator_csv(indicator.id), urls.indicator_api(indicator.id)))
    return sorted(paths)


def indicator_csvs(package: DataPackage, cells: ObservationCells) -> dict[str, bytes]:
    """Return each indicator's CSV: the resource's cells again, with the area's name."""
    names = {area.id: area.name for area in package.areas}
    area_names = column_texts(
        [names.get(obs.area, obs.area) for obs in cells.observations], number=False)
    columns = [
        area_names if name == "area_name" else cells.column(name)
        for name in INDICATOR_CSV_COLUMNS
    ]
    runs = indicator_runs(cells.observations, package)
    return {
        urls.indicator_csv(indicator.id): csv_bytes(
            INDICATOR_CSV_COLUMNS,
            (row for start, end in runs.get(indicator.id, ())
             for row in zip(*(column[start:end] for column in columns), strict=True)),
        )
        for indicator in package.indicators
    }


def _cells(package: DataPackage) -> ObservationCells:
    return ObservationCells(in_resource_order(package), package.descriptor)


def _package_batch(
    package: DataPackage, partnership: Partnership, cells: ObservationCells
) -> dict[str, bytes]:
    """Return datapackage.json and each resource CSV under data/, and the zip of them all."""
    files = data_package_files(package, partnership, cells)
    batch = {urls.package_file(name): content for name, content in files.items()}
    batch[urls.data_zip(partnership)] = zip_bytes(files, package.latest_release)
    return batch
