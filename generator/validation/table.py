"""A CSV file after its schema checks: columns stored once per distinct value, rows as masks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from generator.validation.descriptor import FieldSpec, ResourceSpec
from generator.validation.report import Problem

Verdict = tuple[str, str] | None  # (what is wrong, how to fix it); None when the cell is fine
# (problem code, what is wrong, how to fix it); None when the cell is fine
CodedVerdict = tuple[str, str, str] | None
Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

# The site has nothing to show without these; the other files may hold just a header row.
MUST_HAVE_ROWS = frozenset({"priorities", "actions", "indicators", "areas"})


@dataclass
class Column:
    """One column of a CSV file after its schema checks, stored once per distinct value."""

    spec: FieldSpec
    codes: npt.NDArray[np.intp]  # per row: index into uniques
    uniques: list[str]  # each distinct cell, exactly as written
    ok: Mask  # per row: the cell passed the schema checks (a blank optional cell passes)
    filled: Mask  # per row: the cell is not blank
    numbers: Floats  # per distinct value: the number, or NaN (numeric columns only)

    def raw(self, position: int) -> str:
        """Return the cell of the row at position exactly as written."""
        return self.uniques[int(self.codes[position])]

    def text(self, position: int) -> str:
        """Return the cell of the row at position with surrounding spaces removed."""
        return self.texts[int(self.codes[position])]

    def number(self, position: int) -> float:
        """Return the number in the cell of the row at position (NaN if there is none)."""
        return float(self.numbers[self.codes[position]])

    @cached_property
    def texts(self) -> list[str]:
        """Return each distinct value with surrounding spaces removed."""
        return [value.strip() for value in self.uniques]

    @cached_property
    def canonical(self) -> list[str]:
        """Return each distinct value in the form keys compare by (12 and 12.0 are the same)."""
        if self.spec.numeric:
            return [text if np.isnan(number) else repr(float(number))
                    for text, number in zip(self.texts, self.numbers, strict=True)]
        return self.texts

    @cached_property
    def key_codes(self) -> npt.NDArray[np.intp]:
        """Return per row a code that is equal exactly when the canonical values are equal."""
        remap, _ = pd.factorize(np.asarray(self.canonical, dtype=object))
        return np.asarray(remap, dtype=np.intp)[self.codes]

    @property
    def present(self) -> Mask:
        """Return per row whether the cell holds a valid, non-blank value."""
        return self.ok & self.filled

    def take_bool(self, per_value: Sequence[bool]) -> Mask:
        """Spread a list of flags computed once per distinct value out to every row."""
        return np.asarray(per_value, dtype=np.bool_)[self.codes]

    def number_rows(self) -> Floats:
        """Return per row the number in the cell, NaN where it is blank or invalid."""
        return np.where(self.ok, self.numbers[self.codes], np.nan)


@dataclass
class Table:
    """One CSV file of the package: where it is, and its checked columns."""

    spec: ResourceSpec
    file: str
    rows: npt.NDArray[np.int64]  # spreadsheet row number of each data row
    columns: dict[str, Column] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.rows.size)

    def has(self, *names: str) -> bool:
        """Return True when every named column is in the file."""
        return all(name in self.columns for name in names)

    def present(self, *names: str) -> Mask:
        """Return per row whether every named cell holds a valid, non-blank value."""
        mask: Mask = np.logical_and.reduce([self.columns[name].present for name in names])
        return mask

    @property
    def usable(self) -> bool:
        """Return True when other files may be checked against this one."""
        return len(self) > 0 or self.spec.name not in MUST_HAVE_ROWS

    def problem(self, code: str, position: int | None, column: str | None, message: str,
                fix: str, value: str | None = None) -> Problem:
        """Return a problem (of a kind in PROBLEM_CODES) at a data row, by position, and column,
        quoting the cell."""
        if value is None and column in self.columns and position is not None:
            value = self.columns[column].raw(position)
        row = None if position is None else int(self.rows[position])
        return Problem(code, self.file, row, column, value, message, fix)


def pair_rows(first: Column, second: Column, rows: Mask,
              wrong: Callable[[int, int], bool]) -> Mask:
    """Return the rows whose pair of values is wrong, judging each distinct pair once."""
    width = max(len(second.uniques), 1)
    pairs = first.codes.astype(np.int64) * width + second.codes
    bad = [pair for pair in pd.unique(pairs[rows]) if wrong(int(pair) // width, int(pair) % width)]
    return rows & np.isin(pairs, bad) if bad else np.zeros_like(rows)
