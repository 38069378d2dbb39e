"""Rules for observations: figures in their indicator's unit, status markers, disclosure control."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from generator.package.model import (
    DEFAULT_DISCLOSURE_MAX_COUNT,
    MARKERS_WITHOUT_VALUE,
    TOTAL_BREAKDOWN,
    Marker,
)
from generator.validation.report import Problem
from generator.validation.strategy import breakdown_names
from generator.validation.table import Column, Floats, Mask, Table, pair_rows
from generator.validation.units import (
    COUNT,
    PERCENTAGE,
    SCALE,
    UNIT_WORDS,
    UNITS,
    unit_breach,
    unit_fix,
)

_MARKER_MEANING = {Marker.SUPPRESSED: "suppressed", Marker.NOT_AVAILABLE: "not available",
                   Marker.PROVISIONAL: "provisional", Marker.REVISED: "revised",
                   Marker.BREAK: "a break in the series"}
_WITHOUT_VALUE = frozenset(marker.value for marker in MARKERS_WITHOUT_VALUE)


@dataclass(frozen=True)
class IndicatorFacts:
    """What the observation rules need to know about one indicator."""

    unit: str
    sensitive: bool
    max_count: int
    breakdowns: frozenset[str] | None  # None when the list itself is wrong (reported there)


def indicator_facts(indicators: Table | None) -> dict[str, IndicatorFacts] | None:
    """Return the facts of each valid indicator by id, or None if indicators.csv is unusable."""
    needed = ("id", "unit", "sensitive", "disclosure_max_count", "breakdowns")
    if indicators is None or not indicators.usable or not indicators.has(*needed):
        return None
    ids, units, sensitive, max_counts, breakdowns = (indicators.columns[name] for name in needed)
    facts: dict[str, IndicatorFacts] = {}
    for position in np.flatnonzero(indicators.present("id", "unit")):
        max_count = max_counts.number(int(position))
        facts[ids.text(int(position))] = IndicatorFacts(
            unit=units.text(int(position)),
            sensitive=bool(sensitive.ok[position])
            and sensitive.raw(int(position)) in sensitive.spec.true_values,
            max_count=DEFAULT_DISCLOSURE_MAX_COUNT
            if np.isnan(max_count) or not max_counts.ok[position] else int(max_count),
            breakdowns=breakdown_names(breakdowns.text(int(position))),
        )
    return facts


def observation_problems(obs: Table, facts: Mapping[str, IndicatorFacts]) -> Iterator[Problem]:
    """Check figures against their indicator's unit, their status marker and disclosure rules."""
    if not obs.has("indicator", "value", "status"):
        return
    indicator, value_column, status = (obs.columns[name]
                                       for name in ("indicator", "value", "status"))
    found = [facts.get(text) for text in indicator.texts]
    known = indicator.present & indicator.take_bool([fact is not None for fact in found])
    unit = np.asarray([UNITS.index(fact.unit) if fact and fact.unit in UNITS else -1
                       for fact in found], dtype=np.int64)[indicator.codes]
    value = value_column.number_rows()
    has_value = value_column.present
    withheld = status.take_bool([text in _WITHOUT_VALUE for text in status.texts])

    # unit_breach, vectorised: it words the problem only for the rows found here.
    breach = known & has_value & (
        (value < 0)
        | ((unit == PERCENTAGE) & (value > 100))
        | ((unit == COUNT) & (value != np.floor(value)))
    )
    for position in np.flatnonzero(breach):
        unit_name = UNITS[unit[position]]
        yield obs.problem(
            "value-unit", int(position), "value",
            f"'{value_column.raw(int(position))}' cannot be right: this measure is "
            f"{UNIT_WORDS[unit_name]}, and {unit_breach(unit_name, float(value[position]))}.",
            unit_fix(unit_name),
        )
    yield from _marker_problems(obs, value_column, status, withheld)
    if obs.has("numerator", "denominator"):
        scale = np.asarray([SCALE.get(fact.unit, np.nan) if fact else np.nan for fact in found],
                           dtype=np.float64)[indicator.codes]
        yield from _ratio_problems(obs, known & has_value & ~breach, scale, value)
    limit = np.asarray([fact.max_count if fact and fact.sensitive else 0 for fact in found],
                       dtype=np.float64)[indicator.codes]
    sensitive = known & (limit > 0)
    if sensitive.any():
        shown = sensitive & status.ok & ~withheld & has_value & (unit == COUNT)
        yield from _disclosure_problems(obs, "value", shown & (value >= 1) & (value <= limit),
                                        limit)
        if obs.has("numerator"):
            numerator = obs.columns["numerator"].number_rows()
            yield from _disclosure_problems(
                obs, "numerator", sensitive & (numerator >= 1) & (numerator <= limit), limit)
    if obs.has("breakdown"):
        yield from _breakdown_problems(obs, indicator, found)


def _marker_problems(obs: Table, value: Column, status: Column,
                     withheld: Mask) -> Iterator[Problem]:
    """Report figures and status markers that disagree: [c] and [x] mean there is no figure."""
    checked = value.ok & status.ok
    for position in np.flatnonzero(checked & value.filled & withheld):
        marker = Marker(status.text(int(position)))
        yield obs.problem(
            "value-marker", int(position), "value",
            f"The value is {value.raw(int(position))} but `status` is {marker.value} "
            f"({_MARKER_MEANING[marker]}), which means there is no figure to show.",
            "If the figure must not be shown, leave the value blank; if it can be published, "
            f"delete {marker.value} from `status`.",
        )
    for position in np.flatnonzero(checked & ~value.filled & ~withheld):
        written = status.text(int(position))
        message = (
            f"The value is blank but `status` is {written} ({_MARKER_MEANING[Marker(written)]}), "
            "which describes a figure." if written
            else "The value is blank and `status` does not say why."
        )
        yield obs.problem(
            "value-marker", int(position), "value", message,
            "Write the figure in `value`, or put [c] in `status` if it is suppressed or [x] if "
            "it is not available.",
        )


def _ratio_problems(obs: Table, rows: Mask, scale: Floats, value: Floats) -> Iterator[Problem]:
    """Report rates and percentages that differ from their numerator ÷ denominator."""
    numerator, denominator = obs.columns["numerator"], obs.columns["denominator"]
    rows = rows & numerator.present & denominator.present & ~np.isnan(scale)
    if not rows.any():
        return
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = numerator.number_rows() / denominator.number_rows() * scale
    # Published values are rounded; a tolerance of one decimal place (or 0.5%) allows for that.
    tolerance = np.maximum(0.051, 0.005 * np.abs(expected))
    for position in np.flatnonzero(rows & ~(np.abs(value - expected) <= tolerance)):
        times = "" if scale[position] == 1 else f" × {scale[position]:,.0f}"
        yield obs.problem(
            "value-ratio", int(position), "value",
            f"The value {obs.columns['value'].raw(int(position))} does not match `numerator` ÷ "
            f"`denominator`: {numerator.raw(int(position))} ÷ {denominator.raw(int(position))}"
            f"{times} = {expected[position]:.2f}.",
            "Correct the value, the numerator or the denominator so that they agree.",
        )


def _disclosure_problems(obs: Table, name: str, rows: Mask, limit: Floats) -> Iterator[Problem]:
    """Report counts from 1 to the limit, which could identify people in a sensitive measure."""
    what = "The value" if name == "value" else "The numerator"
    fix = ("Leave the value blank and put [c] in status, so the site shows it as suppressed."
           if name == "value" else
           "Leave the numerator blank; if the value would reveal it, leave the value blank "
           "and put [c] in status too.")
    for position in np.flatnonzero(rows):
        yield obs.problem(
            "value-disclosive", int(position), name,
            f"{what} {obs.columns[name].raw(int(position))} is a count from 1 to "
            f"{limit[position]:g} in a measure about people who could be identified (it is "
            "marked sensitive in indicators.csv), so it must not be published.",
            fix,
        )


def _breakdown_problems(obs: Table, indicator: Column,
                        found: Sequence[IndicatorFacts | None]) -> Iterator[Problem]:
    """Report breakdowns by a dimension their indicator does not list."""
    breakdown = obs.columns["breakdown"]

    def unlisted(indicator_code: int, breakdown_code: int) -> bool:
        fact, text = found[indicator_code], breakdown.texts[breakdown_code]
        return (fact is not None and fact.breakdowns is not None and text != TOTAL_BREAKDOWN
                and text.split("=", 1)[0] not in fact.breakdowns)

    rows = pair_rows(indicator, breakdown, indicator.present & breakdown.present, unlisted)
    for position in np.flatnonzero(rows):
        fact = found[indicator.codes[position]]
        assert fact is not None and fact.breakdowns is not None
        text = breakdown.text(int(position))
        dimension = text.split("=", 1)[0]
        yield obs.problem(
            "breakdown-unlisted", int(position), "breakdown",
            f"'{text}' breaks the measure down by `{dimension}`, which indicators.csv does not "
            f"list for {indicator.text(int(position))} (it lists: "
            f"{', '.join(sorted(fact.breakdowns)) or 'none'}).",
            f"Use one of the listed breakdowns, or add {dimension} to the measure's `breakdowns` "
            "in indicators.csv first.",
        )
