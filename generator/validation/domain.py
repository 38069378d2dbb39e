"""Domain rules the schema cannot state, and which file each one reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from generator.validation.observations import indicator_facts, observation_problems
from generator.validation.periods import period_problems, release_problems
from generator.validation.report import Problem
from generator.validation.strategy import action_problems, area_problems, indicator_problems
from generator.validation.table import Table
from generator.validation.ward_counts import ward_count_problems

# Files whose `period` column is checked on its own; observations also match it to a label.
_PERIOD_FILES = ("series_breaks", "revisions")


def domain_problems(tables: Mapping[str, Table], today: date) -> Iterator[Problem]:
    """Check every file that was read against the rules for its kind of data."""
    if (actions := tables.get("actions")) is not None:
        yield from action_problems(actions)
    if (indicators := tables.get("indicators")) is not None:
        yield from indicator_problems(indicators)
    if (areas := tables.get("areas")) is not None:
        yield from area_problems(areas)
    if (observations := tables.get("observations")) is not None:
        yield from period_problems(observations, "period", today, label="period_label")
        if (facts := indicator_facts(indicators)) is not None:
            yield from observation_problems(observations, facts)
    if (ward_counts := tables.get("ward_counts")) is not None:
        yield from period_problems(ward_counts, "period", today)
        if (facts := indicator_facts(indicators)) is not None:
            yield from ward_count_problems(ward_counts, tables.get("areas"), facts)
    for name in _PERIOD_FILES:
        if (table := tables.get(name)) is not None:
            yield from period_problems(table, "period", today)
    if (releases := tables.get("releases")) is not None:
        yield from release_problems(releases, today)
