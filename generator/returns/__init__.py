"""The figures spreadsheet ("return"): its layout and the records read back from it.

``template`` writes the spreadsheet from the data package, ``sheet`` reads and writes the .xlsx
file, ``merge`` folds the figures it brings back into the package's rows, and ``import_return``
runs the whole import so that data/ changes only when the result is valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.package.model import Marker


@dataclass(frozen=True)
class Column:
    """One column of a priority sheet: the key used in code, its heading and its width."""

    key: str
    header: str
    width: int


# Order matters: the import compares each sheet's header row with this list, cell by cell.
COLUMNS: tuple[Column, ...] = (
    Column("indicator", "Indicator id", 36),
    Column("title", "Measure", 42),
    Column("unit", "Unit", 22),
    Column("target", "Target", 26),
    Column("area", "Area", 10),
    Column("period", "Period", 10),
    Column("period_label", "Period label", 24),
    Column("breakdown", "Breakdown", 26),
    Column("value", "Value", 12),
    Column("status", "Status marker", 14),
    Column("note", "Note", 60),
)

INSTRUCTIONS_SHEET = "How to fill this in"

# Excel refuses sheet names longer than 31 characters.
MAX_SHEET_NAME = 31


def column(key: str) -> Column:
    """Return the column with the given key."""
    return next(entry for entry in COLUMNS if entry.key == key)


def column_letter(key: str) -> str:
    """Return the spreadsheet letter of a column, e.g. 'I' for the value column."""
    position = next(index for index, entry in enumerate(COLUMNS) if entry.key == key)
    return chr(ord("A") + position)


def sheet_name(number: int, short_title: str) -> str:
    """Return a priority's sheet name, e.g. 'P1 Safe from crime', within Excel's 31 characters."""
    # Excel also forbids these characters in sheet names.
    cleaned = "".join(" " if char in '[]:*?/\\' else char for char in short_title)
    name = " ".join(f"P{number} {cleaned}".split())
    if len(name) <= MAX_SHEET_NAME:
        return name
    # Cut at a word, and drop a dangling joining word, so names read 'P2 Safe streets'.
    words = name[: MAX_SHEET_NAME + 1].split(" ")[:-1]
    while len(words) > 1 and words[-1].lower() in {"and", "&", "of", "the", "from", "in"}:
        words.pop()
    if len(words) == 1:
        return name[:MAX_SHEET_NAME]  # one very long word: nothing better than a hard cut
    return " ".join(words).rstrip(",;:-")


@dataclass(frozen=True)
class ReturnedRow:
    """One figure as typed into the spreadsheet, with where it came from."""

    sheet: str
    row: int
    indicator: str
    area: str
    period: str
    breakdown: str
    value: float | None
    marker: Marker | None
    note: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Return the observation key (indicator, area, period code, breakdown)."""
        return (self.indicator, self.area, self.period, self.breakdown)

    @property
    def is_empty(self) -> bool:
        """Return True when nothing was typed in the value, status marker or note cells."""
        return self.value is None and self.marker is None and not self.note


@dataclass(frozen=True)
class ReturnProblem:
    """Something in the spreadsheet that stops the import, with where it is and how to fix it."""

    sheet: str
    row: int | None
    column: str | None  # a column key from COLUMNS, or a letter for columns outside the layout
    value: str
    message: str
    fix: str

    def location(self) -> str:
        """Return 'sheet 'P1 Safe from crime', row 12, column I (Value)' or as much as is known."""
        parts = [f"sheet '{self.sheet}'"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            known = {entry.key: entry for entry in COLUMNS}
            if self.column in known:
                parts.append(f"column {column_letter(self.column)} ({known[self.column].header})")
            else:
                parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        """Return the problem as one line an editor can act on."""
        where = self.location()
        return f"{where[0].upper()}{where[1:]}: {self.message}. How to fix: {self.fix}."
