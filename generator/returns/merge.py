"""Fold the figures from a filled-in spreadsheet into the data package's rows (no I/O).

Rows are the CSV rows of observations, revisions and releases as dicts of strings, so figures the
spreadsheet does not touch are written back exactly as they were read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from generator.package.model import (
    MARKERS_WITHOUT_VALUE,
    TOTAL_BREAKDOWN,
    Indicator,
    Marker,
    Release,
    Unit,
)
from generator.package.periods import MONTH_NAMES, PeriodError, parse_period, uk_date
from generator.publish.cells import number_text
from generator.returns import ReturnedRow, ReturnProblem

Row = dict[str, str]

_BREAKDOWN = re.compile(r"^(all|[a-z_]+=[a-z0-9_-]+)$")
_MARKER_WORDS = {
    Marker.SUPPRESSED: "suppressed",
    Marker.NOT_AVAILABLE: "not available",
    Marker.PROVISIONAL: "provisional",
    Marker.REVISED: "revised",
    Marker.BREAK: "break in series",
}


def vintage_of(release_date: date) -> str:
    """Return the vintage recorded on figures that arrive in a spreadsheet release."""
    return f"return-{release_date.isoformat()}"


def default_title(release_date: date) -> str:
    """Return the release title used when none is given, e.g. 'Figures update December 2026'."""
    return f"Figures update {MONTH_NAMES[release_date.month]} {release_date.year}"


def default_reason(release_date: date) -> str:
    """Return the revision reason used when the editor leaves the note unchanged."""
    return f"Corrected in the {uk_date(release_date)} release"


@dataclass(frozen=True)
class Revised:
    """A published figure whose value the spreadsheet changed."""

    row: ReturnedRow
    previous_value: str
    previous_status: str
    status: str  # the marker published from now on


@dataclass
class MergeResult:
    """The package's rows after the merge, and what changed."""

    observations: list[Row]
    revisions: list[Row]
    releases: list[Row]
    sources: list[Row] = field(default_factory=list)
    added: list[ReturnedRow] = field(default_factory=list)
    revised: list[Revised] = field(default_factory=list)
    updated: list[ReturnedRow] = field(default_factory=list)
    withheld: list[ReturnedRow] = field(default_factory=list)  # new or changed, stored as [c]
    problems: list[ReturnProblem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Return True when the spreadsheet brings any new or changed figure."""
        return bool(self.added or self.revised or self.updated)


def _problem(row: ReturnedRow, column: str, value: str, message: str, fix: str) -> ReturnProblem:
    return ReturnProblem(row.sheet, row.row, column, value, message, fix)


def _marker_text(marker: Marker | None) -> str:
    return marker.value if marker else ""


def _value_text(value: float | None) -> str:
    return number_text(value) if value is not None else ""


def check_rows(
    rows: Sequence[ReturnedRow], indicators: Mapping[str, Indicator], area_ids: Collection[str]
) -> list[ReturnProblem]:
    """Return every problem with the rows' ids, breakdowns and markers, and any repeated figure."""
    problems: list[ReturnProblem] = []
    seen: dict[tuple[str, str, str, str], ReturnedRow] = {}
    for row in rows:
        indicator = indicators.get(row.indicator)
        if indicator is None:
            close = difflib.get_close_matches(row.indicator, list(indicators), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(_problem(
                row, "indicator", row.indicator,
                f"there is no measure with the id '{row.indicator}'",
                f"{hint}use an id from the Indicator id column of a fresh template",
            ))
        if row.area not in area_ids:
            problems.append(_problem(
                row, "area", row.area, f"there is no area with the id '{row.area}'",
                f"use one of {', '.join(sorted(area_ids))}, or leave it blank for the home area",
            ))
        problems.extend(_breakdown_problems(row, indicator))
        problems.extend(_marker_problems(row))
        earlier = seen.get(row.key)
        if earlier is not None:
            problems.append(_problem(
                row, "period", row.period,
                f"this figure ({row.indicator}, {row.period}, {row.breakdown}) is already on "
                f"sheet '{earlier.sheet}', row {earlier.row}",
                "keep one of the two rows and clear the value, marker and note of the other",
            ))
        else:
            seen[row.key] = row
    return problems


def _breakdown_problems(row: ReturnedRow, indicator: Indicator | None) -> list[ReturnProblem]:
    if not _BREAKDOWN.match(row.breakdown):
        return [_problem(
            row, "breakdown", row.breakdown,
            f"'{row.breakdown}' is not a breakdown we can read",
            "write all for the whole measure, or dimension=value in lower case without spaces, "
            "e.g. risk_level=high",
        )]
    dimension = row.breakdown.partition("=")[0]
    if indicator is None or row.breakdown == TOTAL_BREAKDOWN or dimension in indicator.breakdowns:
        return []
    allowed = (
        f"this measure is broken down by {', '.join(indicator.breakdowns)}"
        if indicator.breakdowns
        else "this measure has no breakdowns, so write all"
    )
    return [_problem(
        row, "breakdown", row.breakdown,
        f"'{dimension}' is not one of the breakdowns of {indicator.id}", allowed,
    )]


def _marker_problems(row: ReturnedRow) -> list[ReturnProblem]:
    marker = row.marker
    if marker in MARKERS_WITHOUT_VALUE and row.value is not None:
        return [_problem(
            row, "status", _marker_text(marker),
            f"{_marker_text(marker)} means {_MARKER_WORDS[marker]} but Value holds "
            f"{_value_text(row.value)}",
            "either clear the Value cell or clear the status marker",
        )]
    if marker is not None and marker not in MARKERS_WITHOUT_VALUE and row.value is None:
        return [_problem(
            row, "status", _marker_text(marker),
            f"{_marker_text(marker)} marks a figure as {_MARKER_WORDS[marker]} but Value is empty",
            "type the figure in Value, or choose [x] if it is not available",
        )]
    if marker is None and row.value is None and row.note:
        return [_problem(
            row, "value", "", "there is a note but no figure",
            "type the figure in Value, or choose [x] (not available) or [c] (suppressed) as the "
            "status marker",
        )]
    return []


def withhold_small_counts(
    rows: Sequence[ReturnedRow], indicators: Mapping[str, Indicator]
) -> tuple[list[ReturnedRow], list[ReturnedRow]]:
    """Return the rows with small counts of sensitive measures turned into [c], and those rows.

    data/ is public, so a count that could identify someone must never be written there; the
    editor types the true figure and only the marker is kept.
    """
    kept: list[ReturnedRow] = []
    withheld: list[ReturnedRow] = []
    for row in rows:
        indicator = indicators.get(row.indicator)
        if (
            indicator is not None
            and indicator.sensitive
            and indicator.unit is Unit.COUNT
            and row.value is not None
            and 1 <= row.value <= indicator.disclosure_max_count
        ):
            row = replace(row, value=None, marker=Marker.SUPPRESSED)
            withheld.append(row)
        kept.append(row)
    return kept, withheld


def merge_return(
    observations: Sequence[Mapping[str, str]],
    revisions: Sequence[Mapping[str, str]],
    releases: Sequence[Mapping[str, str]],
    rows: Sequence[ReturnedRow],
    release: Release,
    indicators: Mapping[str, Indicator],
    sources: Sequence[Mapping[str, str]] = (),
    publisher: str = "",
) -> MergeResult:
    """Return the package's rows with the spreadsheet's new and changed figures folded in."""
    rows, withheld = withhold_small_counts(rows, indicators)
    result = MergeResult(
        observations=[dict(row) for row in observations],
        revisions=[dict(row) for row in revisions],
        releases=[dict(row) for row in releases],
        sources=[dict(row) for row in sources],
    )
    index = {
        (row["indicator"], row["area"], row["period"], row["breakdown"]): position
        for position, row in enumerate(result.observations)
    }
    # The marker each figure had before its latest revision (later rows overwrite earlier ones).
    before_revision = {
        (row["indicator"], row["area"], row["period"], row["breakdown"]): row["previous_status"]
        for row in result.revisions
    }
    for row in rows:
        position = index.get(row.key)
        if position is None:
            _add(result, row, release.date)
        else:
            _update(result, position, row, release.date, before_revision)
    changed = {row.key for row in [*result.added, *(r.row for r in result.revised), *result.updated]}
    result.withheld.extend(row for row in withheld if row.key in changed)
    result.observations.sort(key=_row_order)
    if result.changed:
        result.releases.append(
            {"date": release.date.isoformat(), "title": release.title, "note": release.note}
        )
        _register_source(result, release, publisher)
    return result


def _register_source(result: MergeResult, release: Release, publisher: str) -> None:
    """Add the return to the registry of source releases, which every figure's vintage names."""
    vintage = vintage_of(release.date)
    if any(row.get("id") == vintage for row in result.sources):
        return
    periods = [parse_period(row.period) for row in [*result.added, *(r.row for r in result.revised),
                                                     *result.updated]]
    result.sources.append({
        "id": vintage, "publisher": publisher, "dataset": f"Partners' figures: {release.title}",
        "url": "", "released": release.date.isoformat(),
        "period_start": f"{min(p.start for p in periods):%Y-%m}",
        "period_end": f"{max(p.end for p in periods):%Y-%m}",
        "licence": "Open Government Licence v3.0", "attribution": "", "conversion": "false",
        "next_release": "",
    })


def _row_order(row: Mapping[str, str]) -> tuple[str, str, str, date, str]:
    """Sort as the police importer does: indicator, area, breakdown, then period start."""
    try:
        start = parse_period(row.get("period", "")).start
    except PeriodError:
        start = date.max  # validation reports the bad period; it sorts last meanwhile
    return (row.get("indicator", ""), row.get("area", ""), row.get("breakdown", ""), start,
            row.get("period", ""))


def _add(result: MergeResult, row: ReturnedRow, release_date: date) -> None:
    if row.is_empty:
        return  # a row for the next period that the editor had no figure for
    if row.marker is Marker.REVISED:
        result.problems.append(_problem(
            row, "status", row.marker.value,
            "[r] marks a published figure that was changed, but no figure was published for "
            "this period before",
            "clear the status marker (or choose [p] if the figure is provisional)",
        ))
        return
    result.observations.append({
        "indicator": row.indicator,
        "area": row.area,
        "period": row.period,
        "period_label": parse_period(row.period).label,
        "breakdown": row.breakdown,
        "value": _value_text(row.value),
        "status": _marker_text(row.marker),
        "numerator": "",
        "denominator": "",
        "vintage": vintage_of(release_date),
        "note": row.note,
    })
    result.added.append(row)


def _same_value(old: str, new: float | None) -> bool:
    if not old or new is None:
        return not old and new is None
    return number_text(float(old)) == number_text(new)


def _update(
    result: MergeResult,
    position: int,
    row: ReturnedRow,
    release_date: date,
    before_revision: Mapping[tuple[str, str, str, str], str],
) -> None:
    old = result.observations[position]
    old_marker = old.get("status", "")
    old_note = old.get("note", "")
    if row.is_empty:
        result.problems.append(_problem(
            row, "value", "",
            f"this figure was published as {old.get('value') or old_marker} and the row is now "
            "empty",
            "put the figure back, or to withdraw it choose [x] as the status marker and say why "
            "in Note",
        ))
        return
    new_marker = _marker_text(row.marker)
    if _same_value(old.get("value", ""), row.value):
        if old_marker == Marker.REVISED.value and new_marker == before_revision.get(row.key):
            # A sheet made before the revision still shows the old marker; importing it again
            # must not quietly drop the [r] that tells readers the figure changed.
            new_marker = old_marker
        if new_marker == old_marker and row.note == old_note:
            return
        result.observations[position] = {**old, "status": new_marker, "note": row.note}
        result.updated.append(row)
        return
    _revise(result, position, row, release_date, new_marker)


def _revise(
    result: MergeResult, position: int, row: ReturnedRow, release_date: date, new_marker: str
) -> None:
    """Replace a published figure with a new value, and log what it was."""
    old = result.observations[position]
    old_marker, old_note = old.get("status", ""), old.get("note", "")
    # The template shows the published marker; only a marker the editor changed overrides [r].
    chosen = new_marker if new_marker and new_marker != old_marker else Marker.REVISED.value
    result.observations[position] = {
        **old,
        "value": _value_text(row.value),
        "status": chosen,
        # The count and population behind the old value no longer explain the new one.
        "numerator": "",
        "denominator": "",
        "vintage": vintage_of(release_date),
        "note": row.note,
    }
    result.revisions.append({
        "indicator": row.indicator,
        "area": row.area,
        "period": row.period,
        "breakdown": row.breakdown,
        "previous_value": old.get("value", ""),
        "previous_status": old_marker,
        "revised_in": release_date.isoformat(),
        "revised_by": vintage_of(release_date),
        "reason": row.note if row.note and row.note != old_note else default_reason(release_date),
    })
    result.revised.append(Revised(row, old.get("value", ""), old_marker, chosen))
