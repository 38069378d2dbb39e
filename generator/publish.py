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
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from generator.csv_write import field_names, format_number
from generator.figures import Change, IndicatorFigures
from generator.formatting import format_value, status_display, unit_phrase
from generator.model import TOTAL_BREAKDOWN, DataPackage, Indicator, Observation, Release
from generator.periods import parse_period

API_INDEX = "api/indicators.json"
DATA_PACKAGE = "data/datapackage.json"
DATA_ZIP = "data/safer-sutton-data.zip"

# Excel and LibreOffice run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def api_outputs(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], site_url: str
) -> dict[str, bytes]:
    """Return the JSON API: an index of every indicator and one file per indicator."""
    release = _release(package.latest_release)
    licence = _licence(package)
    base = site_url.rstrip("/") + "/"
    entries = [_indicator_entry(figures[ind.id], base) for ind in package.indicators]
    outputs = {API_INDEX: _json_bytes({"indicators": entries, "release": release, "licence": licence})}
    grouped = _ordered_by_indicator(package)
    for indicator in package.indicators:
        document = {
            **_indicator_entry(figures[indicator.id], base),
            **_indicator_metadata(indicator, package),
            "observations": [
                _observation_json(obs, indicator) for obs in grouped.get(indicator.id, [])
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
    outputs: dict[str, bytes] = {}
    grouped = _ordered_by_indicator(package)
    names = {area.id: area.name for area in package.areas}
    for indicator in package.indicators:
        rows = [_indicator_csv_row(obs, names) for obs in grouped.get(indicator.id, [])]
        outputs[indicator_csv_path(indicator.id)] = _csv_bytes(_INDICATOR_CSV_COLUMNS, rows)
    package_files = data_package_files(package)
    outputs.update({f"data/{name}": content for name, content in package_files.items()})
    outputs[DATA_ZIP] = _zip_bytes(package_files, package.latest_release)
    return outputs


def data_package_files(package: DataPackage) -> dict[str, bytes]:
    """Return datapackage.json and every resource CSV, written from the model in schema order."""
    descriptor = package.descriptor
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise ValueError("the package has no datapackage.json descriptor to copy; load it from data/")
    files = {"datapackage.json": _json_bytes(descriptor)}
    for resource in resources:
        name, path = str(resource["name"]), str(resource["path"])
        if name not in _RESOURCE_ROWS:
            raise ValueError(f"datapackage.json lists a resource '{name}' that the site cannot write")
        columns = field_names(descriptor, name)
        files[path] = _csv_bytes(columns, _RESOURCE_ROWS[name](package))
    return files


# ---- JSON ----------------------------------------------------------------------------------


def _json_bytes(document: object) -> bytes:
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _number(value: float | int | None) -> float | int | None:
    """Return a number as stored in the data: 209 not 209.0, 2.93 without float noise."""
    if value is None:
        return None
    text = format_number(value)
    return float(text) if "." in text else int(text)


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


def _ordered_by_indicator(package: DataPackage) -> dict[str, list[Observation]]:
    """Return each indicator's observations by area (areas.csv order), total first, then period."""
    area_order = {area.id: index for index, area in enumerate(package.areas)}
    ordered = sorted(
        package.observations,
        key=lambda obs: (
            obs.indicator,
            area_order.get(obs.area, len(area_order)),
            obs.area,
            obs.breakdown != TOTAL_BREAKDOWN,
            obs.breakdown,
            obs.period,
        ),
    )
    grouped: dict[str, list[Observation]] = defaultdict(list)
    for obs in ordered:
        grouped[obs.indicator].append(obs)
    return grouped


# ---- CSV and zip ---------------------------------------------------------------------------


def _csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_csv_cell(row[column]) for column in columns])
    return buffer.getvalue().encode("utf-8")


def _indicator_csv_row(obs: Observation, names: Mapping[str, str]) -> dict[str, Cell]:
    return {
        "indicator": obs.indicator,
        "area": obs.area,
        "area_name": names.get(obs.area, obs.area),
        "period": obs.period.code,
        "period_label": obs.period.label,
        "breakdown": obs.breakdown,
        "value": obs.value,
        "status": obs.marker,
        "note": obs.note,
        "vintage": obs.vintage,
    }


def _zip_bytes(files: Mapping[str, bytes], release: Release | None) -> bytes:
    stamp = (release.date.year, release.date.month, release.date.day, 0, 0, 0) if release else _ZIP_EPOCH
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
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


def _observations(package: DataPackage) -> list[dict[str, Cell]]:
    ordered = sorted(package.observations, key=lambda o: (o.indicator, o.area, o.breakdown, o.period))
    return [
        {
            "indicator": o.indicator, "area": o.area, "period": o.period.code,
            "period_label": o.period.label, "breakdown": o.breakdown, "value": o.value,
            "status": o.marker, "numerator": o.numerator, "denominator": o.denominator,
            "vintage": o.vintage, "note": o.note,
        }
        for o in ordered
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
    "observations": _observations,
    "series_breaks": _series_breaks,
    "releases": _releases,
    "revisions": _revisions,
}
