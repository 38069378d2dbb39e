"""Machine-readable outputs: the JSON API, CSV downloads and a copy of the data package.

Every function is pure and returns ``{site-relative path: file bytes}``. Output is byte-for-byte
reproducible: keys sorted, rows in a fixed order, no timestamps except the data's own release
date, and zip entries with fixed dates and permissions. Everything here reads the package after
disclosure control, so no withheld figure can reach a file.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import Any

from generator.figures.results import Change, IndicatorFigures
from generator.package.load import collector_paused
from generator.package.model import TOTAL_BREAKDOWN, DataPackage, Indicator, Observation, Release
from generator.package.periods import parse_period
from generator.present.wording import format_value, status_display, unit_phrase
from generator.publish.csv_write import field_names, format_number, stored_number

API_INDEX = "api/indicators.json"
DATA_PACKAGE = "data/datapackage.json"
DATA_ZIP = "data/safer-sutton-data.zip"

# Excel and LibreOffice run a cell that starts with one of these as a formula.
_FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))
# Schema types whose cells are numbers: written as numbers, never defused (-3.2 stays -3.2).
_NUMBER_TYPES = frozenset(("number", "integer"))

_DEFAULT_LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}

# The earliest date a zip entry can carry; used when the data has no release yet.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

_INDICATOR_CSV_COLUMNS = (
    "indicator", "area", "area_name", "period", "period_label", "breakdown", "value", "status",
    "note", "vintage",
)
# The observations resource's columns. An indicator's CSV is these cells again (with the area's
# name), so they are formatted once for both.
_OBSERVATION_FIELDS = {
    "indicator": attrgetter("indicator"),
    "area": attrgetter("area"),
    "period": attrgetter("period.code"),
    "period_label": attrgetter("period.label"),
    "breakdown": attrgetter("breakdown"),
    "value": attrgetter("value"),
    "status": attrgetter("marker"),
    "numerator": attrgetter("numerator"),
    "denominator": attrgetter("denominator"),
    "vintage": attrgetter("vintage"),
    "note": attrgetter("note"),
}
# The columns the schema types as numbers.
_OBSERVATION_NUMBERS = frozenset(("value", "numerator", "denominator"))

Cell = str | int | float | bool | date | Enum | None
Json = dict[str, Any]


def indicator_page_path(indicator_id: str) -> str:
    """Return the site-relative path of an indicator's page."""
    return f"indicators/{indicator_id}/"


def indicator_api_path(indicator_id: str) -> str:
    """Return the site-relative path of an indicator's JSON."""
    return f"api/indicators/{indicator_id}.json"


def indicator_csv_path(indicator_id: str) -> str:
    """Return the site-relative path of an indicator's CSV download."""
    return f"data/indicators/{indicator_id}.csv"


def safe_csv_cell(value: Cell) -> str:
    """Return the CSV text of a cell, defusing text that a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        # Numbers are data, never formulas: -3.2 stays -3.2.
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value.value) if isinstance(value, Enum) else value
    # A leading apostrophe makes the spreadsheet show the text as typed instead of evaluating it.
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def api_outputs(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], site_url: str
) -> dict[str, bytes]:
    """Return the JSON API: an index of every indicator and one file per indicator."""
    with collector_paused():
        return _api_outputs(package, figures, site_url)


def _api_outputs(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], site_url: str
) -> dict[str, bytes]:
    release = _release(package.latest_release)
    licence = _licence(package)
    base = site_url.rstrip("/") + "/"
    entries = [_indicator_entry(figures[ind.id], base) for ind in package.indicators]
    outputs = {API_INDEX: _json_bytes({"indicators": entries, "release": release, "licence": licence})}
    ordered = _in_resource_order(package)
    runs = _indicator_runs(ordered, package)
    for indicator, entry in zip(package.indicators, entries, strict=True):
        document = {
            **entry,
            **_indicator_metadata(indicator, package),
            "observations": [
                _observation_json(obs, indicator)
                for start, end in runs.get(indicator.id, ())
                for obs in ordered[start:end]
            ],
            "release": release,
            "licence": {**licence, "attribution": indicator.licence},
        }
        outputs[indicator_api_path(indicator.id)] = _json_bytes(document)
    return outputs


def download_outputs(
    package: DataPackage, figures: Mapping[str, IndicatorFigures]
) -> dict[str, bytes]:
    """Return one CSV per indicator, the data package copy, and a zip of the whole package."""
    with collector_paused():
        return _download_outputs(package)


def _download_outputs(package: DataPackage) -> dict[str, bytes]:
    table = _ObservationTable.of(package)
    return {**table.indicator_csvs(package), **_data_package_batch(package, table)}


def _data_package_batch(package: DataPackage, table: _ObservationTable) -> dict[str, bytes]:
    """Return datapackage.json and each resource CSV under data/, and the zip of them all."""
    package_files = _package_files(package, table)
    batch = {f"data/{name}": content for name, content in package_files.items()}
    batch[DATA_ZIP] = _zip_bytes(package_files, package.latest_release)
    return batch


def output_batches(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], site_url: str
) -> Iterator[dict[str, bytes]]:
    """Yield every machine-readable file, in two batches.

    First the data package (datapackage.json, its CSV files and the zip), whose sizes the data
    page lists; then each measure's CSV and JSON and the API index. Together they are exactly
    download_outputs and api_outputs.
    """
    with collector_paused():
        table = _ObservationTable.of(package)
        first = _data_package_batch(package, table)
    yield first
    with collector_paused():
        second = table.indicator_csvs(package)
        second.update(_api_outputs(package, figures, site_url))
    yield second


def output_paths(package: DataPackage) -> list[str]:
    """Return the site path of every file output_batches writes, sorted, without writing any.

    The build needs every published address before the files exist, to check the register of
    permanent links while another process is still writing them.
    """
    resources = package.descriptor.get("resources")
    paths = {DATA_PACKAGE, DATA_ZIP, API_INDEX}
    if isinstance(resources, list):
        paths.update(f"data/{resource['path']}" for resource in resources
                     if isinstance(resource, dict))
    for indicator in package.indicators:
        paths.update((indicator_csv_path(indicator.id), indicator_api_path(indicator.id)))
    return sorted(paths)


def data_package_files(package: DataPackage) -> dict[str, bytes]:
    """Return datapackage.json and every resource CSV, written from the model in schema order."""
    return _package_files(package, None)


def _package_files(package: DataPackage, table: _ObservationTable | None) -> dict[str, bytes]:
    descriptor = package.descriptor
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise ValueError("the package has no datapackage.json descriptor to copy; load it from data/")
    # People read this one, so it keeps its indentation; the API files are written compactly.
    files = {"datapackage.json": _json_bytes(descriptor, indent=2)}
    for resource in resources:
        name, path = str(resource["name"]), str(resource["path"])
        if name == "observations":
            table = table or _ObservationTable.of(package)
            columns = field_names(descriptor, name)
            files[path] = _csv_text_bytes(
                columns, zip(*(table.column(c) for c in columns), strict=True))
            continue
        if name not in _RESOURCE_ROWS:
            raise ValueError(f"datapackage.json lists a resource '{name}' that the site cannot write")
        files[path] = _csv_bytes(_field_types(descriptor, name), _RESOURCE_ROWS[name](package))
    return files


# ---- JSON ----------------------------------------------------------------------------------


def _json_bytes(document: object, indent: int | None = None) -> bytes:
    # Without indentation json uses its C encoder, many times faster on the large API files.
    separators = None if indent is not None else (",", ":")
    text = json.dumps(
        document, ensure_ascii=False, indent=indent, separators=separators, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _number(value: float | int | None) -> float | int | None:
    """Return a number as stored in the data: 209 not 209.0, 2.93 without float noise."""
    if value is None:
        return None
    return stored_number(value)


def _release(release: Release | None) -> Json | None:
    return {"date": release.date.isoformat(), "title": release.title} if release else None


def _licence(package: DataPackage) -> Json:
    licences = package.descriptor.get("licenses")
    if isinstance(licences, list) and licences and isinstance(licences[0], dict):
        first = licences[0]
        return {key: first.get(key, _DEFAULT_LICENCE[key]) for key in _DEFAULT_LICENCE}
    return dict(_DEFAULT_LICENCE)


def _indicator_entry(figures: IndicatorFigures, base_url: str) -> Json:
    """Return what the index says about one indicator (also the head of its own file)."""
    indicator = figures.indicator
    latest = figures.latest
    display = status_display(figures.status)
    return {
        "id": indicator.id,
        "priority": indicator.priority,
        "order": indicator.order,
        "title": indicator.title,
        "unit": indicator.unit.value,
        "unit_phrase": unit_phrase(indicator),
        "polarity": indicator.polarity.value,
        "decimals": indicator.decimals,
        "target": (
            {
                "value": _number(indicator.target.value),
                "text": indicator.target.text,
                "period": indicator.target.period,
            }
            if indicator.target
            else None
        ),
        "latest": (
            {
                "period": latest.period.code,
                "period_label": latest.period.label,
                "value": _number(latest.value),
                "status": latest.marker.value if latest.marker else None,
                "display": format_value(latest.value, latest.marker, indicator),
            }
            if latest is not None
            else None
        ),
        "change": _change_json(figures.change),
        "status": figures.status.value,
        "status_label": display.label,
        "summary": figures.summary,
        "url": indicator_page_path(indicator.id),
        "page_url": base_url + indicator_page_path(indicator.id),
        "data": indicator_api_path(indicator.id),
        "download": indicator_csv_path(indicator.id),
    }


def _change_json(change: Change | None) -> Json | None:
    if change is None:
        return None
    return {
        "previous_period": change.previous.period.code,
        "previous_period_label": change.previous.period.label,
        "previous_value": _number(change.previous.value),
        "absolute": _number(change.absolute),
        "percent": round(change.percent, 1) if change.percent is not None else None,
        "direction": change.direction,
        "better": change.better,
        "comparable": change.comparable,
    }


def _indicator_metadata(indicator: Indicator, package: DataPackage) -> Json:
    breaks = sorted(
        (b for b in package.series_breaks if b.indicator == indicator.id),
        key=lambda b: parse_period(b.period),
    )
    return {
        "measure": indicator.measure,
        "outcome": indicator.outcome,
        "definition": indicator.definition,
        "method": indicator.method,
        "source": indicator.source,
        "publisher": indicator.publisher,
        "owner": indicator.owner,
        "frequency": indicator.frequency.value,
        "breakdowns": list(indicator.breakdowns),
        "sensitive": indicator.sensitive,
        "disclosure_max_count": indicator.disclosure_max_count,
        "strategy_figure": (
            {"value": _number(indicator.strategy_figure.value), "text": indicator.strategy_figure.text}
            if indicator.strategy_figure
            else None
        ),
        "series_breaks": [
            {"period": b.period, "period_label": parse_period(b.period).label,
             "description": b.description}
            for b in breaks
        ],
    }


def _observation_json(obs: Observation, indicator: Indicator) -> Json:
    return {
        "area": obs.area,
        "period": obs.period.code,
        "period_label": obs.period.label,
        "breakdown": obs.breakdown,
        "value": _number(obs.value),
        "display": format_value(obs.value, obs.marker, indicator),
        "numerator": obs.numerator,
        "denominator": obs.denominator,
        "status": obs.marker.value if obs.marker else None,
        "note": obs.note,
        "vintage": obs.vintage,
    }


def _in_resource_order(package: DataPackage) -> list[Observation]:
    """Return the observations as the observations resource lists them."""
    return sorted(
        package.observations,
        key=lambda obs: (obs.indicator, obs.area, obs.breakdown, obs.period.order_key),
    )


def _indicator_runs(
    ordered: Sequence[Observation], package: DataPackage
) -> dict[str, list[tuple[int, int]]]:
    """Return where each indicator's rows lie in ``ordered`` (resource order), in the order of its
    own files: by area (areas.csv order), the total first, then by period.

    In resource order each series (indicator, area, breakdown) is one run of rows already in
    period order, so only the runs need reordering, not every row. Each run is (start, end).
    """
    series = [(obs.indicator, obs.area, obs.breakdown) for obs in ordered]
    if not series:
        return {}
    starts = [0, *(index for index in range(1, len(series)) if series[index] != series[index - 1])]
    area_order = {area.id: index for index, area in enumerate(package.areas)}
    unknown = len(area_order)

    def order(run: tuple[int, int]) -> tuple[str, int, str, bool, str]:
        indicator, area, breakdown = series[run[0]]
        return (indicator, area_order.get(area, unknown), area, breakdown != TOTAL_BREAKDOWN, breakdown)

    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for run in sorted(zip(starts, [*starts[1:], len(series)], strict=True), key=order):
        grouped[series[run[0]][0]].append(run)
    return grouped


# ---- CSV and zip ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _ObservationTable:
    """Every observation's CSV cells, formatted once, in the observations resource's row order."""

    observations: list[Observation]
    columns: dict[str, list[str]]

    @classmethod
    def of(cls, package: DataPackage) -> _ObservationTable:
        ordered = _in_resource_order(package)
        return cls(ordered, {
            name: _column_texts(list(map(field, ordered)), name in _OBSERVATION_NUMBERS)
            for name, field in _OBSERVATION_FIELDS.items()
        })

    def column(self, name: str) -> list[str]:
        """Return one column's cells; KeyError names a column the site cannot write."""
        return self.columns[name] if self.observations else []

    def indicator_csvs(self, package: DataPackage) -> dict[str, bytes]:
        """Return each indicator's CSV: the resource's cells again, with the area's name."""
        names = {area.id: area.name for area in package.areas}
        area_names = _column_texts(
            [names.get(obs.area, obs.area) for obs in self.observations], number=False)
        columns = [
            area_names if name == "area_name" else self.columns[name]
            for name in _INDICATOR_CSV_COLUMNS
        ]
        runs = _indicator_runs(self.observations, package)
        return {
            indicator_csv_path(indicator.id): _csv_text_bytes(
                _INDICATOR_CSV_COLUMNS,
                (row for start, end in runs.get(indicator.id, ())
                 for row in zip(*(column[start:end] for column in columns), strict=True)),
            )
            for indicator in package.indicators
        }


def _column_texts(values: Sequence[Cell], number: bool) -> list[str]:
    """Return the CSV text of one column's cells, the way safe_csv_cell writes each one.

    ``number`` says the schema types the column as numbers, which only picks the faster way.
    """
    if number:
        # Only text can be run as a formula: numbers are written as they are, -3.2 as -3.2.
        return [
            "" if value is None
            else format_number(value) if type(value) is float or type(value) is int
            else safe_csv_cell(value)
            for value in values
        ]
    kinds = set(map(type, values))
    if bool in kinds and kinds & {int, float}:
        # True == 1 would share one text below; such a column is written cell by cell.
        return [safe_csv_cell(value) for value in values]
    # Text columns repeat a few values (ids, periods, notes) many times: each is written once.
    texts = {value: safe_csv_cell(value) for value in set(values)}
    return list(map(texts.__getitem__, values))


def _field_types(descriptor: Mapping[str, Any], resource: str) -> list[tuple[str, bool]]:
    """Return each column of a resource in schema order, and whether the schema types it a number."""
    for entry in descriptor["resources"]:
        if entry["name"] == resource:
            return [(str(field["name"]), field.get("type") in _NUMBER_TYPES)
                    for field in entry["schema"]["fields"]]
    raise KeyError(f"datapackage.json has no resource called '{resource}'")


def _csv_bytes(columns: Sequence[tuple[str, bool]], rows: Sequence[Mapping[str, Cell]]) -> bytes:
    """Return CSV of rows under the given columns (name, holds numbers), every cell made safe."""
    cells = [_column_texts([row[name] for row in rows], number) for name, number in columns]
    return _csv_text_bytes([name for name, _ in columns], zip(*cells, strict=True))


def _csv_text_bytes(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _zip_bytes(files: Mapping[str, bytes], release: Release | None) -> bytes:
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


# ---- data package resources, from the model ------------------------------------------------


def _priorities(package: DataPackage) -> list[dict[str, Cell]]:
    return [
        {"number": p.number, "slug": p.slug, "title": p.title, "short_title": p.short_title,
         "summary": p.summary}
        for p in package.priorities
    ]


def _actions(package: DataPackage) -> list[dict[str, Cell]]:
    return [{"id": a.id, "priority": a.priority, "text": a.text} for a in package.actions]


def _indicators(package: DataPackage) -> list[dict[str, Cell]]:
    return [
        {
            "id": i.id, "priority": i.priority, "order": i.order, "title": i.title,
            "outcome": i.outcome, "measure": i.measure, "unit": i.unit, "polarity": i.polarity,
            "target_value": i.target.value if i.target else None,
            "target_text": i.target.text if i.target else None,
            "target_period": i.target.period if i.target else None,
            "strategy_figure_value": i.strategy_figure.value if i.strategy_figure else None,
            "strategy_figure_text": i.strategy_figure.text if i.strategy_figure else None,
            "frequency": i.frequency, "breakdowns": "|".join(i.breakdowns), "source": i.source,
            "publisher": i.publisher, "licence": i.licence, "owner": i.owner,
            "definition": i.definition, "method": i.method, "sensitive": i.sensitive,
            "disclosure_max_count": i.disclosure_max_count, "decimals": i.decimals,
        }
        for i in package.indicators
    ]


def _areas(package: DataPackage) -> list[dict[str, Cell]]:
    return [
        {"id": a.id, "name": a.name, "ons_code": a.ons_code, "kind": a.kind, "is_home": a.is_home}
        for a in package.areas
    ]


def _population(package: DataPackage) -> list[dict[str, Cell]]:
    return [
        {"area": p.area, "year": p.year, "population": p.population, "source": p.source,
         "note": p.note}
        for p in package.population
    ]


def _series_breaks(package: DataPackage) -> list[dict[str, Cell]]:
    return [
        {"indicator": b.indicator, "period": b.period, "description": b.description}
        for b in package.series_breaks
    ]


def _releases(package: DataPackage) -> list[dict[str, Cell]]:
    return [{"date": r.date, "title": r.title, "note": r.note} for r in package.releases]


def _revisions(package: DataPackage) -> list[dict[str, Cell]]:
    return [
        {
            "indicator": r.indicator, "area": r.area, "period": r.period, "breakdown": r.breakdown,
            "previous_value": r.previous_value, "previous_status": r.previous_marker,
            "revised_in": r.revised_in, "reason": r.reason,
        }
        for r in package.revisions
    ]


_RESOURCE_ROWS: dict[str, Callable[[DataPackage], list[dict[str, Cell]]]] = {
    "priorities": _priorities,
    "actions": _actions,
    "indicators": _indicators,
    "areas": _areas,
    "population": _population,
    "series_breaks": _series_breaks,
    "releases": _releases,
    "revisions": _revisions,
}
