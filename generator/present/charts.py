"""Plotly figure specs for an indicator's series, as plain dicts in plotly's figure schema.

Plain dicts cost ~0.05 ms a chart where ``plotly.graph_objects`` costs 2-5 ms, and they carry no
default template (~6 KB of JSON a chart). The browser draws them with the vendored plotly.js
after the page has loaded; the page's table is the text alternative.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from generator.figures.results import AreaFigures, IndicatorFigures
from generator.figures.writing import rounded
from generator.package.model import SeriesBreak
from generator.package.periods import Period, in_order, parse_period
from generator.package.units import UNITS

Figure = dict[str, Any]


@dataclass(frozen=True)
class LineStyle:
    """How one area's line is drawn: never by colour alone, so each also has a dash and marker."""

    colour: str
    dash: str
    symbol: str
    width: float


# The home area is always the solid, heaviest line; comparators take the remaining styles in areas.csv
# order. Colours are distinguishable with the common colour-vision deficiencies and reach 3:1
# against both the light (white) and the dark (slate) page background, as WCAG 1.4.11 asks of
# graphics.
HOME_STYLE = LineStyle("#2f6fd6", "solid", "circle", 3.0)
COMPARATOR_STYLES = (
    LineStyle("#8a6a00", "dash", "square", 2.0),
    LineStyle("#b4467a", "dot", "diamond", 2.0),
    LineStyle("#2f8f6d", "dashdot", "triangle-up", 2.0),
)
TARGET_COLOUR = "#c2410c"
BREAK_COLOUR = "#6b7280"

CHART_HEIGHT = 380
TITLE_WIDTH = 32  # characters per title line (fits a 320 px screen); plotly never wraps titles

# Shared styling; plotly.js has no default template, so this is the whole look of a chart.
MINIMAL_TEMPLATE: Figure = {
    "layout": {
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"showgrid": False, "ticks": "outside", "automargin": True},
        "yaxis": {"gridcolor": "rgba(128,128,128,0.3)", "zeroline": False, "rangemode": "tozero",
                  "automargin": True},
        "showlegend": False,
        "hovermode": False,
    }
}

# Static: nothing to drag, zoom or hover, so nothing is mouse-only; the table carries the numbers.
CHART_CONFIG: Figure = {"displayModeBar": False, "staticPlot": True, "responsive": True}


def chart_spec(figures: IndicatorFigures, *, message: str, value_label: str) -> Figure | None:
    """Return the figure for an indicator's home series and comparators, or None with no values."""
    indicator = figures.indicator
    if not _has_values(figures.home):
        return None
    periods = in_order({obs.period for area in (figures.home, *figures.comparators)
                        for obs in area.series})
    traces, end_labels = _lines(figures, periods)
    longest = max(len(short_name(name)) for _, _, name in end_labels)
    colours = {trace["name"]: trace["line"]["color"] for trace in traces}
    top = max(value for trace in traces for value in trace["y"] if value is not None)
    shapes, annotations = _markings(figures, periods)
    annotations[:0] = _end_annotations(end_labels, colours, top)
    title = wrap_title(message)
    layout: Figure = {
        "template": MINIMAL_TEMPLATE,
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": CHART_HEIGHT,
        # Room on the right for the direct labels; roughly 7.5 px a character at 13 px.
        "margin": {"l": 8, "r": 16 + round(7.5 * longest), "t": 28 + 20 * (title.count("<br>") + 1),
                   "b": 8},
        "dragmode": False,
        "xaxis": {"type": "category", "title": {"text": "Period"}},
        "yaxis": {"title": {"text": value_label}},
        "shapes": shapes,
        "annotations": annotations,
    }
    if suffix := UNITS[indicator.unit].suffix:
        layout["yaxis"]["ticksuffix"] = suffix
    return {"data": traces, "layout": layout, "config": CHART_CONFIG}


def _lines(
    figures: IndicatorFigures, periods: list[Period]
) -> tuple[list[Figure], list[tuple[str, float, str]]]:
    """Return a line per area with figures, and (x, y, area name) of each line's last point."""
    labels = [period.label for period in periods]
    traces: list[Figure] = []
    end_labels: list[tuple[str, float, str]] = []
    styles = iter(COMPARATOR_STYLES)
    for area in (figures.home, *figures.comparators):
        if not _has_values(area):
            continue
        style = HOME_STYLE if area is figures.home else next(styles, COMPARATOR_STYLES[-1])
        y = series_values(area, periods, figures.indicator.decimals)
        traces.append(_trace(area.area.name, labels, y, style))
        last = max(index for index, value in enumerate(y) if value is not None)
        value = y[last]
        assert value is not None
        end_labels.append((labels[last], value, area.area.name))
    return traces, end_labels


def _markings(figures: IndicatorFigures, periods: list[Period]) -> tuple[list[Figure], list[Figure]]:
    """Return the lines and labels that mark the target and each break in the series."""
    shapes: list[Figure] = []
    annotations: list[Figure] = []
    target = figures.indicator.target
    if target is not None:
        shapes.append(_target_line(target.value))
        annotations.append(_target_label(target.value))
    for position in _break_positions(figures.breaks, periods):
        shapes.append(_break_line(position))
        annotations.append(_break_label(position))
    return shapes, annotations


def _break_positions(breaks: tuple[SeriesBreak, ...], periods: list[Period]) -> list[float]:
    """Return where to mark each break: just before the period it starts, or on the period it
    falls inside (a definition that changed part-way through a year); one mark per period."""
    positions: dict[int, float] = {}
    for series_break in breaks:
        start = parse_period(series_break.period).start
        for index, period in enumerate(periods):
            if period.start <= start <= period.end:
                positions.setdefault(index, index - 0.5 if start == period.start else index)
                break
    return sorted(positions.values())


def series_values(area: AreaFigures, periods: list[Period], decimals: int) -> list[float | None]:
    """Return the area's values for each period, rounded as the table shows them (None = gap)."""
    by_code = {obs.period.code: obs.value for obs in area.series}  # str keys hash in C
    # Rounded exactly as the table rounds (half up, as written), so chart and table agree.
    return [None if (value := by_code.get(period.code)) is None else rounded(value, decimals)
            for period in periods]


def short_name(name: str) -> str:
    """Return an area's name without its bracketed qualifier, to label a line end compactly."""
    return name.split(" (", 1)[0]


def wrap_title(message: str) -> str:
    """Break a long message into lines joined with <br>, since plotly never wraps a title."""
    return "<br>".join(textwrap.wrap(message, TITLE_WIDTH)) or message


def to_script_json(figure: Figure) -> str:
    """Serialise a figure for a <script type="application/json"> element.

    Escaping <, > and & keeps '</script>' or '<!--' in any data string from ending the element.
    """
    text = json.dumps(figure, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _has_values(area: AreaFigures) -> bool:
    return any(obs.value is not None for obs in area.series)


def _trace(name: str, x: list[str], y: list[float | None], style: LineStyle) -> Figure:
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "x": x,
        "y": y,
        "connectgaps": False,
        "line": {"color": style.colour, "dash": style.dash, "width": style.width},
        "marker": {"symbol": style.symbol, "size": 7 if style is HOME_STYLE else 6,
                   "color": style.colour},
    }


def _end_annotations(
    ends: list[tuple[str, float, str]], colours: dict[str, str], top: float
) -> list[Figure]:
    # Direct labels at the line ends, nudged apart so close values stay readable. The pixel scale
    # is unknown here, so labels are kept 9% of the plotted range apart (the axis starts at zero):
    # about one line of label text in a chart this tall.
    if not ends:
        return []
    values = [y for _, y, _ in ends]
    spread = (max(top, *values) - min(0.0, *values)) or 1.0
    gap = 0.09 * spread
    placed: list[tuple[str, float, float, str]] = []
    for x, y, name in sorted(ends, key=lambda end: end[1]):
        label_y = y if not placed else round(max(y, placed[-1][2] + gap), 6)
        placed.append((x, y, label_y, name))
    return [
        {
            "x": x, "y": label_y, "xref": "x", "yref": "y", "text": short_name(name),
            "showarrow": False,
            "xanchor": "left", "xshift": 10, "font": {"color": colours[name], "size": 13},
        }
        for x, _, label_y, name in placed
    ]


def _target_line(value: float) -> Figure:
    return {
        "type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": value, "y1": value,
        "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 2},
    }


def _target_label(value: float) -> Figure:
    return {
        "xref": "paper", "x": 0, "yref": "y", "y": value, "text": "Target", "showarrow": False,
        "xanchor": "left", "yanchor": "bottom", "font": {"color": TARGET_COLOUR},
    }


def _break_line(position: float) -> Figure:
    return {
        "type": "line", "xref": "x", "x0": position, "x1": position, "yref": "paper", "y0": 0,
        "y1": 1, "line": {"color": BREAK_COLOUR, "dash": "dot", "width": 2},
    }


def _break_label(position: float) -> Figure:
    return {
        "xref": "x", "x": position, "yref": "paper", "y": 1, "text": "Definition changed",
        "showarrow": False, "xanchor": "right", "yanchor": "bottom",
        "font": {"color": BREAK_COLOUR, "size": 12},
    }
