"""The order published rows are in: the observations resource's, and each measure's own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from generator.package.model import TOTAL_BREAKDOWN, DataPackage, Observation

Runs = dict[str, list[tuple[int, int]]]  # measure id -> its (start, end) runs of rows


def in_resource_order(package: DataPackage) -> list[Observation]:
    """Return the observations as the observations resource lists them."""
    return sorted(
        package.observations,
        key=lambda obs: (obs.indicator, obs.area, obs.breakdown, obs.period.order_key),
    )


def indicator_runs(ordered: Sequence[Observation], package: DataPackage) -> Runs:
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

    grouped: Runs = defaultdict(list)
    for run in sorted(zip(starts, [*starts[1:], len(series)], strict=True), key=order):
        grouped[series[run[0]][0]].append(run)
    return grouped
