"""Every problem found in the data package, in words the person editing it can act on.

Each problem has a stable ``code`` (PROBLEM_CODES below, documented in
docs/validation-problems.md), so programs reading ``validate --json`` never match message text,
which may be reworded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# The resources named in the one-line summary of a valid package, in this order.
SUMMARY_RESOURCES = ("priorities", "actions", "indicators", "observations")

# Every kind of problem: its stable code and what it means. Codes are never reused or renamed.
PROBLEM_CODES: MappingProxyType[str, str] = MappingProxyType({
    # datapackage.json
    "package-missing": "datapackage.json is missing",
    "package-encoding": "datapackage.json is not saved as UTF-8",
    "package-json": "datapackage.json is not valid JSON",
    "package-invalid": "datapackage.json does not describe a package the site can check",
    # a file as a whole
    "file-missing": "a file the package lists is missing",
    "file-empty": "a file has not even a header row",
    "file-encoding": "a file is not saved as UTF-8",
    "file-without-rows": "a file the site needs has a header row but no data rows",
    # the header row
    "label-blank": "a column of the header row has no name",
    "label-duplicate": "a column is named twice",
    "label-renamed": "a column has been renamed",
    "label-missing": "a column is missing",
    "label-extra": "a column the package does not describe",
    "label-order": "the columns are in the wrong order",
    # rows and cells
    "cell-count": "a row has more or fewer cells than the header",
    "required-blank": "a cell every row needs is blank",
    "surrounding-space": "a value compared exactly has a space before or after it",
    "type-error": "a cell is not of its column's type (number, whole number, date, true or false)",
    "constraint-error": "a value its column does not allow (not listed, wrong form, too small or "
                        "too large)",
    "unsafe-text": "text that a browser or a spreadsheet could run as code",
    # keys across rows and files
    "duplicate-value": "a value that must be unique is used twice",
    "duplicate-row": "a row has the same key as another",
    "unknown-reference": "a value is not in the file it refers to",
    # the site's own rules
    "period-invalid": "a period code that is not a real period",
    "period-future": "a period that has not started yet",
    "period-label": "a period label that does not match its code",
    "release-future": "a release dated after today",
    "value-unit": "a figure that its measure's unit cannot hold",
    "value-marker": "a figure and its status marker disagree",
    "value-ratio": "a rate or percentage that differs from its numerator ÷ denominator",
    "value-disclosive": "a small count in a measure about people who could be identified",
    "value-recoverable": "a withheld count that could be worked out from the counts beside it",
    "breakdown-unlisted": "a breakdown by a dimension its measure does not list",
    "breakdown-list": "a measure's list of breakdowns that cannot be read",
    "action-priority": "an action listed under another priority than its number says",
    "indicator-order": "two measures in the same place of a priority's table",
    "target-unit": "a target given as a number its measure's unit cannot hold",
    "target-wording": "a target worded in another unit than its measure's",
    "home-area": "not exactly one area is the partnership's own",
    "ward-not-ward": "a ward figure or boundary for an area that is not a ward",
    "ward-period": "a ward count for a kind of period its measure may not publish",
    "boundary-file": "the ward boundaries file is missing or not one GeoJSON FeatureCollection",
    "boundary-shape": "a ward boundary that cannot be drawn, is repeated or is missing",
})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: what kind, where it is, what is wrong and how to fix it.

    ``code`` is one of PROBLEM_CODES; ``file`` is relative to the data folder's parent (``data/observations.csv``); ``row`` is the
    row number a spreadsheet shows (the header is row 1), or the line of a JSON file, and is None
    for a problem with the whole file; ``value`` is the offending text exactly as written.
    """

    code: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:
            raise ValueError(f"'{self.code}' is not a problem code listed in PROBLEM_CODES")

    @property
    def location(self) -> str:
        """Return where to look, e.g. "data/observations.csv, row 14, column `value`"."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{'row' if self.file.endswith('.csv') else 'line'} {self.row}")
        if self.column is not None:
            parts.append(f"column `{self.column}`")
        return ", ".join(parts)

    def to_text(self) -> str:
        """Return the problem as a short block of plain text."""
        return f"{self.location}: {self.message}\n  How to fix: {self.fix}"

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the problem with the report's stable keys, in their stable order."""
        return {
            "code": self.code,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
        }

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Return the key that orders problems by file, then row, then column."""
        return (self.file, -1 if self.row is None else self.row, self.column or "", self.message,
                self.value or "")


@dataclass(frozen=True)
class Report:
    """The outcome of validating a data package: every problem, sorted, and what was counted."""

    data_label: str
    problems: tuple[Problem, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Sorting once here makes the text and JSON output stable whatever order checks ran in.
        unique = {problem: None for problem in self.problems}
        object.__setattr__(self, "problems", tuple(sorted(unique, key=Problem.sort_key)))
        object.__setattr__(self, "counts", MappingProxyType(dict(self.counts)))

    @property
    def ok(self) -> bool:
        """Return True when nothing is wrong, so the site may be built."""
        return not self.problems

    @property
    def files(self) -> tuple[str, ...]:
        """Return the files that have at least one problem, sorted."""
        return tuple(sorted({problem.file for problem in self.problems}))

    def summary(self) -> str:
        """Return the one-line verdict, e.g. "Found 3 problems in 2 files"."""
        if self.ok:
            counted = ", ".join(
                _count(self.counts.get(name, 0), name) for name in SUMMARY_RESOURCES
            )
            return f"{self.data_label} is valid: {counted}"
        found = _count(len(self.problems), "problems")
        return f"Found {found} in {_count(len(self.files), 'files')}"

    def to_text(self) -> str:
        """Return the report for people: one block per problem, then the summary."""
        if self.ok:
            return self.summary() + "\n"
        blocks = [problem.to_text() for problem in self.problems]
        closing = (
            f"{self.summary()}. Nothing has been published. Fix the problems above, then run "
            "`python -m generator validate` again."
        )
        return "\n\n".join([*blocks, closing]) + "\n"

    def to_json(self) -> str:
        """Return the report for programs, with stable keys and sorted problems."""
        document = {
            "valid": self.ok,
            "summary": self.summary(),
            "counts": dict(sorted(self.counts.items())),
            "problems": [problem.to_dict() for problem in self.problems],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _count(number: int, plural: str) -> str:
    if number == 1:
        singular = plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")
        return f"1 {singular}"
    return f"{number:,} {plural}"
