"""Periods and dates: codes that parse, dates that exist, and neither set after today."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import numpy as np

from generator.package.periods import PeriodError, parse_period, uk_date
from generator.validation.report import Problem
from generator.validation.table import Table, Verdict, pair_rows

HOW_TO_WRITE_PERIOD = (
    "Write 2023 for a calendar year, 2023/24 for a financial year (April to March), 2023-Q2 for "
    "a calendar quarter, 2023-04 for a month or 2025-07/2026-06 for the 12 months July 2025 to "
    "June 2026."
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UK_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def period_verdict(text: str) -> Verdict:
    """Return what is wrong with a period code, in the words of generator.package.periods, or None."""
    try:
        parse_period(text)
    except PeriodError as error:
        # The messages end with the remedy ("..., so write 2023/24"); it belongs in the fix.
        for joint in (", so write ", ": write "):
            what, found, remedy = str(error).partition(joint)
            if found:
                return (f"{what}.", f"Write {remedy}." if joint == ", so write "
                        else HOW_TO_WRITE_PERIOD)
        return (f"{error}.", HOW_TO_WRITE_PERIOD)
    return None


def iso_date(text: str) -> date | None:
    """Return the day text names as year-month-day, or None if it names none."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def date_verdict(text: str) -> Verdict:
    """Return what stops text being a date written as year-month-day, or None."""
    if iso_date(text) is not None:
        return None
    if _ISO_DATE.fullmatch(text):
        return (f"'{text}' is not a real date.", "Check the day and the month.")
    if match := _UK_DATE.fullmatch(text.strip()):
        day, month, year = (int(part) for part in match.groups())
        try:
            written = date(year, month, day).isoformat()
        except ValueError:
            return (f"'{text}' is not a real date.", "Check the day and the month, and write the "
                    "date as year-month-day, e.g. 2024-06-30.")
        return (f"'{text}' is not written as year-month-day.", f"Write {written}.")
    return (f"'{text}' is not a date written as year-month-day.",
            "Write the date like 2024-06-30 (four-digit year, then month, then day).")


def period_problems(table: Table, name: str, today: date,
                    label: str | None = None) -> Iterator[Problem]:
    """Check each distinct period code once: it parses, has started, and matches its label."""
    if not table.has(name):
        return
    column = table.columns[name]
    verdicts = [period_verdict(text) if text else None for text in column.texts]
    periods = [parse_period(text) if text and verdict is None else None
               for text, verdict in zip(column.texts, verdicts, strict=True)]
    present = column.present
    for position in np.flatnonzero(present & column.take_bool([v is not None for v in verdicts])):
        verdict = verdicts[column.codes[position]]
        assert verdict is not None
        yield table.problem("period-invalid", int(position), name, *verdict)
    future = column.take_bool([period is not None and period.start > today for period in periods])
    for position in np.flatnonzero(present & future):
        period = periods[column.codes[position]]
        assert period is not None
        yield table.problem(
            "period-future", int(position), name,
            f"'{period.code}' is in the future: it starts on {uk_date(period.start)}, after today "
            f"({uk_date(today)}).",
            "Figures can only be given for periods that have started: check the year and the "
            "month or quarter.",
        )
    if label is None or not table.has(label):
        return
    labels = table.columns[label]

    def mismatch(period_code: int, label_code: int) -> bool:
        period = periods[period_code]
        return period is not None and period.label != labels.texts[label_code]

    for position in np.flatnonzero(pair_rows(column, labels, present & labels.present, mismatch)):
        period = periods[column.codes[position]]
        assert period is not None
        yield table.problem(
            "period-label", int(position), label,
            f"'{labels.text(int(position))}' is not the label of period {period.code}: "
            f"it should be '{period.label}'.",
            f"Write {period.label} in `{label}` (or correct `{name}` if the period is the "
            "mistake).",
        )


def release_problems(releases: Table, today: date) -> Iterator[Problem]:
    """Report releases dated after today: the site would claim a publication yet to happen."""
    if not releases.has("date"):
        return
    column = releases.columns["date"]
    future = column.take_bool([(day := iso_date(text)) is not None and day > today
                               for text in column.texts])
    for position in np.flatnonzero(column.present & future):
        yield releases.problem(
            "release-future", int(position), "date",
            f"'{column.text(int(position))}' is in the future (today is {uk_date(today)}).",
            "Give the date the release is published, and add the row on or after that day.",
        )
