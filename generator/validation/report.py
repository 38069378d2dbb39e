"""Every problem found in the data package, in words the person editing it can act on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# The resources named in the one-line summary of a valid package, in this order.
SUMMARY_RESOURCES = ("priorities", "actions", "indicators", "observations")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is, what is wrong and how to fix it.

    ``file`` is relative to the data folder's parent (``data/observations.csv``); ``row`` is the
    row number a spreadsheet shows (the header is row 1), or the line of a JSON file, and is None
    for a problem with the whole file; ``value`` is the offending text exactly as written.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str

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
