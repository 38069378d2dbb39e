"""Withhold figures that could identify people, before anything else reads the data.

Each measure has a threshold: ``disclosure_max_count`` in indicators.csv, 4 unless set (0 switches
the rules off for that measure). In plain English, as the methodology page quotes them:

1. A count from 1 to the threshold is withheld and shown as [c].
2. A rate, percentage or average is withheld when the count behind it is from 1 to the threshold,
   whether that count is published as its numerator or can be worked back from the figure and
   its denominator.
3. A figure worked out over a group of 1 to the threshold people or cases is withheld, and so is
   that small denominator.
4. A percentage is withheld when the people it leaves out (denominator minus numerator) number from
   1 to the threshold.
5. Zero is published.
6. Subtraction: if withheld cells of one breakdown can be worked out, alone or added together, by
   subtracting its published cells from the total, and the result would be withheld under rules
   1-4, the next-smallest published cell of that breakdown is withheld too, until nothing
   withheld can be worked out. Periods and areas are not added together, so this runs within one
   measure, area and period.
7. Revisions: an earlier value of a figure that is now withheld, or one that would itself be
   withheld, is blanked in the revision log and shown as [c].
8. A figure the source already marks [c] is withheld even if a number came with it.
9. A note beside a withheld figure that repeats the withheld number is dropped.

Withheld figures keep their row (measure, area, period, breakdown) with no value and the marker
[c], so readers can see that a figure exists but is not shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from generator.package.model import (
    DEFAULT_DISCLOSURE_MAX_COUNT,
    TOTAL_BREAKDOWN,
    DataPackage,
    Indicator,
    Marker,
    Observation,
    Revision,
    Unit,
)
from generator.package.units import UNITS

DISCLOSURE_RULES: tuple[str, ...] = (
    "Each measure has a disclosure threshold: 4, unless the measure's entry in the data package "
    "sets another number.",
    "Any count of people, cases or incidents from 1 up to the threshold is withheld and shown "
    "as [c].",
    "A rate, percentage or average is withheld when the count behind it is from 1 up to the "
    "threshold, whether that count is published beside it or could be worked back from the "
    "figure and the total it is calculated over.",
    "A figure calculated over a group of 1 up to the threshold people or cases is withheld, and "
    "so is the size of that group.",
    "A percentage is also withheld when the number of people it leaves out is from 1 up to the "
    "threshold: 98% of 200 would tell you that 4 people were not counted.",
    "Zero is published, because a true zero says nothing about any person.",
    "Where a figure is broken down (for example by risk level or gender), we check whether the "
    "withheld parts could be worked out by subtracting the published parts from the total. If "
    "they could, and the result would itself be withheld under these rules, the next-smallest "
    "published part of that breakdown is withheld too, and the check repeats until nothing "
    "withheld can be worked out.",
    "Figures for different periods or different areas are not added together, so that check is "
    "made within one measure, area and period at a time.",
    "When a withheld figure was published earlier at another value, that earlier value is "
    "withheld in the revision log too; so is any earlier value that would itself be withheld "
    "under these rules.",
    "A figure that its source already marks [c] is never shown, even if a number came with it.",
    "A note beside a withheld figure that repeats the withheld number is removed.",
    "Withheld figures keep their row in tables and downloads, marked [c], so you can see that a "
    "figure exists but is not shown.",
    "These rules are applied to every measure, police-recorded crime included, before any page, "
    "chart, table, download or search index is made. A measure whose threshold is set to 0 has "
    "nothing withheld.",
)

SOURCE_NOTE = "Suppressed to protect privacy."
SECONDARY_NOTE = (
    "Suppressed to protect privacy: withheld so that another suppressed figure cannot be worked "
    "out by subtraction."
)

# How many units the denominator is multiplied by, so value * denominator / scale is the count.
_SCALE = {unit: facts.scale for unit, facts in UNITS.items() if facts.scale is not None}

_NUMBER_IN_TEXT = re.compile(r"\d[\d,]*(?:\.\d+)?")


def primary_note(max_count: int) -> str:
    """Return the note added to a figure withheld because it is a small count."""
    return f"Suppressed to protect privacy: fewer than {max_count + 1}."


@dataclass(frozen=True)
class _Rule:
    unit: Unit
    max_count: int


@dataclass(frozen=True)
class _Counts:
    """The counts a reader can read off, or work back from, one figure."""

    count: float | None  # the value itself, for count measures
    numerator: float | None
    denominator: float | None


def apply_disclosure(package: DataPackage) -> DataPackage:
    """Return a copy of the package in which no figure that could identify people survives."""
    rules = {indicator.id: _rule(indicator) for indicator in package.indicators}
    primary = tuple(_apply_primary(obs, _rule_for(rules, obs.indicator)) for obs in package.observations)
    observations = _apply_secondary(primary, rules)
    by_key = {obs.key: obs for obs in observations} if package.revisions else {}
    revisions = tuple(
        _control_revision(revision, _rule_for(rules, revision.indicator), by_key)
        for revision in package.revisions
    )
    return replace(package, observations=observations, revisions=revisions)


def withhold_counts(
    observations: Sequence[Observation], max_count: int, unit: Unit = Unit.COUNT
) -> tuple[Observation, ...]:
    """Apply rules 1-6 to figures of one measure before they are written, e.g. ward counts.

    Each observation is in ``unit`` (a count unless told: ward counts are counts of measures
    whose own unit is a rate); a breakdown's cells are withheld against its `all` total exactly
    as apply_disclosure withholds a measure's, by the same code.
    """
    rule = _Rule(unit, max_count)
    primary = tuple(_apply_primary(obs, rule) for obs in observations)
    return _apply_secondary(primary, {obs.indicator: rule for obs in primary})


def _rule(indicator: Indicator) -> _Rule:
    return _Rule(indicator.unit, indicator.disclosure_max_count)


# Validation rejects figures for unknown measures; if one slips through, treat it as the most
# sensitive kind (a count at the default threshold) rather than publish it unchecked.
_UNKNOWN_MEASURE = _Rule(Unit.COUNT, DEFAULT_DISCLOSURE_MAX_COUNT)


def _rule_for(rules: dict[str, _Rule], indicator_id: str) -> _Rule:
    return rules.get(indicator_id, _UNKNOWN_MEASURE)


def _is_small(number: float | None, max_count: int) -> bool:
    # Zero is not small: a true zero says nothing about any person. Counts are whole numbers;
    # anything below max_count + 1 (a worked-back 4.6, say) is treated as small to be safe.
    return number is not None and 0 < number < max_count + 1


def _counts(obs: Observation, unit: Unit) -> _Counts:
    """Return the counts a reader can see or work back from a published observation."""
    numerator: float | None = obs.numerator
    if numerator is None and obs.value is not None and obs.denominator is not None and unit in _SCALE:
        numerator = obs.value * obs.denominator / _SCALE[unit]
    return _Counts(
        count=obs.value if unit is Unit.COUNT else None,
        numerator=numerator,
        denominator=float(obs.denominator) if obs.denominator is not None else None,
    )


def _discloses(counts: _Counts, rule: _Rule) -> bool:
    """Return True when any count a reader could get from these figures is small."""
    if rule.max_count <= 0:
        return False
    limit = rule.max_count
    if any(_is_small(n, limit) for n in (counts.count, counts.numerator, counts.denominator)):
        return True
    if rule.unit is Unit.PERCENTAGE and counts.numerator is not None and counts.denominator is not None:
        return _is_small(counts.denominator - counts.numerator, limit)
    return False


def _withhold(obs: Observation, note: str, max_count: int) -> Observation:
    """Return the observation with its figures blanked and marked [c]."""
    small_denominator = _is_small(obs.denominator, max_count)
    withheld = [n for n in (obs.value, obs.numerator) if n is not None]
    if small_denominator and obs.denominator is not None:
        withheld.append(obs.denominator)
    return replace(
        obs,
        value=None,
        numerator=None,
        denominator=None if small_denominator else obs.denominator,
        marker=Marker.SUPPRESSED,
        note=_withheld_note(obs.note, note, withheld),
    )


def _withheld_note(original: str, addition: str, withheld: Iterable[float]) -> str:
    """Append the suppression note, dropping an original note that repeats a withheld number."""
    if not original:
        return addition
    numbers = {float(text.replace(",", "")) for text in _NUMBER_IN_TEXT.findall(original)}
    if numbers & {float(n) for n in withheld}:
        return addition
    return f"{original.rstrip()} {addition}"


def _apply_primary(obs: Observation, rule: _Rule) -> Observation:
    value, numerator, denominator = obs.value, obs.numerator, obs.denominator
    if obs.marker is Marker.SUPPRESSED and (value is not None or numerator is not None):
        # The source already marked this figure confidential; never publish a number beside [c].
        return _withhold(obs, SOURCE_NOTE, rule.max_count)
    if rule.max_count <= 0:
        return obs  # the rules are switched off for this measure
    if value is None and numerator is None and not _is_small(denominator, rule.max_count):
        return obs
    if denominator is None and numerator is None and rule.unit is not Unit.COUNT:
        return obs  # a rate with nothing behind it: no count to read off or work back
    if (
        rule.unit is Unit.COUNT and numerator is None and denominator is None
        and not _is_small(value, rule.max_count)
    ):
        return obs  # the common case: a count that is not small, and nothing else to work from
    if not _discloses(_counts(obs, rule.unit), rule):
        return obs
    return _withhold(obs, primary_note(rule.max_count), rule.max_count)


_Field = Callable[[_Counts], float | None]
_FIELDS: tuple[_Field, ...] = (
    lambda c: c.count,
    lambda c: c.numerator,
    lambda c: c.denominator,
)


def _apply_secondary(
    observations: tuple[Observation, ...], rules: dict[str, _Rule]
) -> tuple[Observation, ...]:
    """Withhold further breakdown cells until no withheld cell can be recovered by subtraction."""
    # Only a measure/area/period with a breakdown cell can give anything away by subtraction:
    # group those alone, not every observation.
    broken_down = {
        (obs.indicator, obs.area, obs.period.code)
        for obs in observations if obs.breakdown != TOTAL_BREAKDOWN
    }
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    if broken_down:
        for index, obs in enumerate(observations):
            key = (obs.indicator, obs.area, obs.period.code)
            if key in broken_down:
                groups[key].append(index)
    result = list(observations)
    for (indicator_id, _area, _period), indexes in groups.items():
        rule = _rule_for(rules, indicator_id)
        if rule.max_count <= 0 or len(indexes) < 2:
            continue
        for index in _secondary_suppressions([result[i] for i in indexes], indexes, rule):
            result[index] = _withhold(result[index], SECONDARY_NOTE, rule.max_count)
    return tuple(result)


def _secondary_suppressions(
    group: list[Observation], indexes: list[int], rule: _Rule
) -> list[int]:
    """Return the indexes of the cells that must also be withheld in one measure/area/period."""
    cells = dict(zip(indexes, group, strict=True))
    chosen: list[int] = []
    changed = True
    while changed:
        changed = False
        total = next((i for i, obs in cells.items() if obs.breakdown == TOTAL_BREAKDOWN), None)
        dimensions = _dimensions(cells)
        for name in sorted(dimensions):
            members = dimensions[name]
            hidden = [i for i in members if cells[i].value is None]
            if not any(cells[i].marker is Marker.SUPPRESSED for i in hidden):
                continue
            others = {key: value for key, value in dimensions.items() if key != name}
            recovered = _recovered_counts(cells, total, members, hidden, others, rule.unit)
            if not _discloses(recovered, rule):
                continue
            candidate = _next_smallest(cells, [i for i in members if i not in hidden], rule.unit)
            if candidate is None and total is not None and cells[total].value is not None:
                # Only reachable when the breakdown does not add up to its total; withholding
                # the total is then the one way left to stop the subtraction.
                candidate = total
            if candidate is None:
                continue
            cells[candidate] = _withhold(cells[candidate], SECONDARY_NOTE, rule.max_count)
            chosen.append(candidate)
            changed = True
    return chosen


def _dimensions(cells: dict[int, Observation]) -> dict[str, list[int]]:
    """Group the breakdown cells by dimension ('risk_level=high' belongs to 'risk_level')."""
    dimensions: dict[str, list[int]] = defaultdict(list)
    for index, obs in sorted(cells.items(), key=lambda item: item[1].breakdown):
        if obs.breakdown != TOTAL_BREAKDOWN:
            dimensions[obs.breakdown.split("=", 1)[0]].append(index)
    return dimensions


def _recovered_counts(
    cells: dict[int, Observation],
    total: int | None,
    members: list[int],
    hidden: list[int],
    others: dict[str, list[int]],
    unit: Unit,
) -> _Counts:
    """Return what a reader gets for the hidden cells added together: total minus the rest."""
    sums: list[float | None] = []
    for field in _FIELDS:
        whole = _total_of(cells, total, others, field, unit)
        shown = [field(_counts(cells[i], unit)) for i in members if i not in hidden]
        if whole is None or any(n is None for n in shown):
            sums.append(None)
        else:
            sums.append(whole - sum(n for n in shown if n is not None))
    return _Counts(count=sums[0], numerator=sums[1], denominator=sums[2])


def _total_of(
    cells: dict[int, Observation],
    total: int | None,
    others: dict[str, list[int]],
    field: _Field,
    unit: Unit,
) -> float | None:
    """Return the total a reader can see, or add up from another fully published breakdown."""
    if total is not None:
        published = field(_counts(cells[total], unit))
        if published is not None:
            return published
    for members in others.values():
        parts = [field(_counts(cells[i], unit)) for i in members]
        if all(n is not None for n in parts):
            return sum(n for n in parts if n is not None)
    return None


def _next_smallest(cells: dict[int, Observation], shown: list[int], unit: Unit) -> int | None:
    """Return the smallest published non-zero cell (a withheld zero would protect nothing)."""

    def size(index: int) -> tuple[bool, float, str]:
        counts = _counts(cells[index], unit)
        amount = counts.count if counts.count is not None else counts.numerator
        if amount is None:
            amount = cells[index].value or 0.0
        return (amount == 0, amount, cells[index].breakdown)

    return min(shown, key=size, default=None)


def _control_revision(
    revision: Revision, rule: _Rule, current: dict[tuple[str, str, str, str], Observation]
) -> Revision:
    """Blank an earlier value that is now withheld, or that would be withheld itself."""
    if revision.previous_value is None:
        return revision
    obs = current.get((revision.indicator, revision.area, revision.period, revision.breakdown))
    # An earlier value of a withheld figure would usually sit close to it and give it away.
    now_withheld = obs is not None and obs.marker is Marker.SUPPRESSED
    denominator = obs.denominator if obs is not None else None
    numerator = (
        revision.previous_value * denominator / _SCALE[rule.unit]
        if denominator is not None and rule.unit in _SCALE
        else None
    )
    earlier = _Counts(
        count=revision.previous_value if rule.unit is Unit.COUNT else None,
        numerator=numerator,
        denominator=None,
    )
    if now_withheld or _discloses(earlier, rule):
        return replace(revision, previous_value=None, previous_marker=Marker.SUPPRESSED)
    return revision
