"""The JSON API: an index of every measure and one file per measure with all its figures.

Keys are sorted, numbers written as the data stores them, and the only date is the data's own
release date, so the same data always gives the same bytes. Like every download, it is made
from the package after disclosure control.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from generator.config import Partnership
from generator.figures.results import Change, IndicatorFigures
from generator.figures.writing import FigureWriter, figure_text, figure_writer
from generator.memory import collector_paused
from generator.package.model import DataPackage, Indicator, Observation, Release
from generator.package.periods import parse_period
from generator.package.units import UNITS
from generator.present import urls
from generator.present.wording import status_display
from generator.publish.cells import stored_number
from generator.publish.order import in_resource_order, indicator_runs

Json = dict[str, Any]

_DEFAULT_LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


def api_outputs(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], partnership: Partnership
) -> dict[str, bytes]:
    """Return the JSON API: an index of every indicator and one file per indicator."""
    with collector_paused():
        return _api_outputs(package, figures, partnership)


def _api_outputs(
    package: DataPackage, figures: Mapping[str, IndicatorFigures], partnership: Partnership
) -> dict[str, bytes]:
    release = _release(package.latest_release)
    licence = _licence(package)
    entries = [_indicator_entry(figures[ind.id], partnership) for ind in package.indicators]
    outputs = {urls.API_INDEX: json_bytes(
        {"indicators": entries, "release": release, "licence": licence})}
    ordered = in_resource_order(package)
    runs = indicator_runs(ordered, package)
    for indicator, entry in zip(package.indicators, entries, strict=True):
        display = figure_writer(indicator)
        document = {
            **entry,
            **_indicator_metadata(indicator, package),
            "observations": [
                _observation_json(obs, display)
                for start, end in runs.get(indicator.id, ())
                for obs in ordered[start:end]
            ],
            "release": release,
            "licence": {**licence, "attribution": indicator.licence},
        }
        outputs[urls.indicator_api(indicator.id)] = json_bytes(document)
    return outputs


def json_bytes(document: object, indent: int | None = None) -> bytes:
    """Return a JSON file's bytes: keys sorted, compact unless indented for people to read."""
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


def _indicator_entry(figures: IndicatorFigures, partnership: Partnership) -> Json:
    """Return what the index says about one indicator (also the head of its own file)."""
    indicator = figures.indicator
    latest = figures.latest
    target = indicator.target
    return {
        "id": indicator.id,
        "priority": indicator.priority,
        "order": indicator.order,
        "title": indicator.title,
        "unit": indicator.unit.value,
        "unit_phrase": UNITS[indicator.unit].phrase,
        "polarity": indicator.polarity.value,
        "decimals": indicator.decimals,
        "target": (
            {"value": _number(target.value), "text": target.text, "period": target.period}
            if target else None
        ),
        "latest": (
            {
                "period": latest.period.code,
                "period_label": latest.period.label,
                "value": _number(latest.value),
                "status": latest.marker.value if latest.marker else None,
                "display": figure_text(latest.value, latest.marker, indicator),
            }
            if latest is not None
            else None
        ),
        "change": _change_json(figures.change),
        "status": figures.status.value,
        "status_label": status_display(figures.status).label,
        "summary": figures.summary,
        "url": urls.indicator_page(indicator.id),
        "page_url": urls.absolute(partnership, urls.indicator_page(indicator.id)),
        "data": urls.indicator_api(indicator.id),
        "download": urls.indicator_csv(indicator.id),
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
    figure = indicator.strategy_figure
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
            {"value": _number(figure.value), "text": figure.text} if figure else None
        ),
        "series_breaks": [
            {"period": b.period, "period_label": parse_period(b.period).label,
             "description": b.description}
            for b in breaks
        ],
    }


def _observation_json(obs: Observation, display: FigureWriter) -> Json:
    return {
        "area": obs.area,
        "period": obs.period.code,
        "period_label": obs.period.label,
        "breakdown": obs.breakdown,
        "value": _number(obs.value),
        "display": display(obs.value, obs.marker),
        "numerator": obs.numerator,
        "denominator": obs.denominator,
        "status": obs.marker.value if obs.marker else None,
        "note": obs.note,
        "vintage": obs.vintage,
    }
