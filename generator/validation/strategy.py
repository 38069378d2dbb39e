"""Rules for the files that describe the strategy and its places: actions, indicators, areas."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from generator.package.model import Unit
from generator.validation.report import Problem
from generator.validation.table import Column, Table
from generator.validation.units import UNIT_WORDS, unit_breach

_PERCENT_WORDS = re.compile(r"%|\bper\s?cent\b", re.IGNORECASE)
_DIMENSION = re.compile(r"[a-z_]+")
# Each target is given twice: as a number the charts use and as the strategy's words.
_TARGETS = (
    ("target_value", "target_text", "target"),
    ("strategy_figure_value", "strategy_figure_text", "strategy figure"),
)


def breakdown_names(text: str) -> frozenset[str] | None:
    """Return the dimensions an indicator's `breakdowns` lists, or None if it is unreadable."""
    names = [part.strip() for part in text.split("|")] if text else []
    return frozenset(names) if all(_DIMENSION.fullmatch(name) for name in names) else None


def action_problems(actions: Table) -> Iterator[Problem]:
    """Report actions whose number names another priority (action 2.3 belongs to priority 2)."""
    if not actions.has("id", "priority"):
        return
    ids, priorities = actions.columns["id"], actions.columns["priority"]
    for position in np.flatnonzero(actions.present("id", "priority")):
        action = ids.text(int(position))
        priority = f"{priorities.number(int(position)):g}"
        prefix = action.split(".", 1)[0]
        if prefix != priority:
            yield actions.problem(
                "action-priority", int(position), "priority",
                f"Action {action} is listed under priority {priority}, but its number says it "
                f"belongs to priority {prefix}.",
                f"Change `priority` to {prefix}, or correct the action number.",
            )


def indicator_problems(indicators: Table) -> Iterator[Problem]:
    """Check each measure's place in its priority's table, its targets and its breakdowns."""
    yield from _order_problems(indicators)
    if indicators.has("unit"):
        units = indicators.columns["unit"]
        for value_name, text_name, what in _TARGETS:
            if indicators.has(value_name):
                yield from _target_value_problems(indicators, units, value_name, what)
            if indicators.has(text_name):
                yield from _target_text_problems(indicators, units, text_name, what)
    if indicators.has("breakdowns"):
        column = indicators.columns["breakdowns"]
        for position in np.flatnonzero(column.present):
            text = column.text(int(position))
            if breakdown_names(text) is None:
                yield indicators.problem(
                    "breakdown-list", int(position), "breakdowns",
                    f"'{text}' is not a list of breakdown names this site can read.",
                    "Use lower-case letters and underscores, with | between names, e.g. "
                    "risk_level|gender|referral_source.",
                )


def _order_problems(indicators: Table) -> Iterator[Problem]:
    """Report measures that share a place in their priority's table."""
    if not indicators.has("priority", "order"):
        return
    priorities, orders = indicators.columns["priority"], indicators.columns["order"]
    seen: dict[tuple[float, float], int] = {}
    for position in np.flatnonzero(indicators.present("priority", "order")):
        key = (priorities.number(int(position)), orders.number(int(position)))
        if key not in seen:
            seen[key] = int(position)
            continue
        yield indicators.problem(
            "indicator-order", int(position), "order",
            f"Priority {key[0]:g} already has a measure at order {key[1]:g} (row "
            f"{int(indicators.rows[seen[key]])}).",
            "Give each measure of a priority its own `order`: 1 for the first row of the "
            "strategy's table, 2 for the next, and so on.",
        )


def _target_value_problems(indicators: Table, units: Column, name: str,
                           what: str) -> Iterator[Problem]:
    """Report targets given as a number that their measure's unit cannot hold."""
    values = indicators.columns[name]
    for position in np.flatnonzero(values.present & units.present):
        unit = units.text(int(position))
        number = values.number(int(position))
        if wrong := unit_breach(unit, number):
            words = UNIT_WORDS.get(unit, unit)
            example = "25.3 for 25.3%" if unit == Unit.PERCENTAGE.value else "209"
            yield indicators.problem(
                "target-unit", int(position), name,
                f"The {what} {number:g} cannot be right: this measure is {words}, and {wrong}.",
                f"Write the {what} in the measure's unit ({words}), e.g. {example}.",
            )


def _target_text_problems(indicators: Table, units: Column, name: str,
                          what: str) -> Iterator[Problem]:
    """Report targets in words that say percentage when their measure is not one, or vice versa."""
    texts = indicators.columns[name]
    for position in np.flatnonzero(texts.present & units.present):
        unit = units.text(int(position))
        text = texts.text(int(position))
        percent = bool(_PERCENT_WORDS.search(text))
        if percent and unit != Unit.PERCENTAGE.value:
            yield indicators.problem(
                "target-wording", int(position), name,
                f"The {what} is written as a percentage, but this measure is "
                f"{UNIT_WORDS.get(unit, unit)}, so it would be shown in the wrong unit.",
                f"Write the {what} in the measure's unit, or change `unit` to percentage if the "
                "measure is one.",
            )
        elif not percent and unit == Unit.PERCENTAGE.value and re.search(r"\d", text):
            yield indicators.problem(
                "target-wording", int(position), name,
                f"The {what} does not say it is a percentage, but this measure is one.",
                "Write it as the strategy does, with the % sign, e.g. 'target 25.3%'.",
            )


def area_problems(areas: Table) -> Iterator[Problem]:
    """Require exactly one home area: every page compares the others with it."""
    if not areas.has("is_home") or len(areas) == 0:
        return
    column = areas.columns["is_home"]
    home = np.flatnonzero(column.present & column.take_bool(
        [value in column.spec.true_values for value in column.uniques]))
    if home.size == 0 and column.ok.all():
        yield areas.problem("home-area", None, "is_home", "No area has `is_home` set to true.",
                            "Set `is_home` to true for the partnership's own area and to false "
                            "for every other area.")
    for position in home[1:]:
        yield areas.problem(
            "home-area", int(position), "is_home",
            f"Only one area can be the partnership's own, but row {int(areas.rows[home[0]])} "
            "also has `is_home` set to true.",
            "Set `is_home` to true for the partnership's own area only, and to false for every "
            "other area.",
        )
