"""Parse, order and label the reporting periods used in the data package.

Period codes are machine-readable and unambiguous:

==========  ===================  ===================================
code        kind                 UK-style label
==========  ===================  ===================================
``2023``    calendar year        ``2023``
``2023/24`` financial year       ``2023/24`` (April 2023 to March 2024)
``2023-Q2`` calendar quarter     ``April to June 2023``
``2023-04`` month                ``April 2023``
==========  ===================  ===================================
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache


class PeriodKind(StrEnum):
    CALENDAR_YEAR = "calendar_year"
    FINANCIAL_YEAR = "financial_year"
    QUARTER = "quarter"
    MONTH = "month"


class PeriodError(ValueError):
    """A period code that cannot be read; the message says how to write it."""


_CALENDAR_YEAR = re.compile(r"^(\d{4})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q(\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

_HOW_TO_WRITE = (
    "write 2023 for a calendar year, 2023/24 for a financial year (April to March), "
    "2023-Q2 for a calendar quarter or 2023-04 for a month"
)
_QUARTER_MONTHS = {1: "January to March", 2: "April to June", 3: "July to September",
                   4: "October to December"}
# Labels are English whatever the machine's locale (calendar.month_name follows the locale).
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; ordering follows the calendar (by start, then by end)."""

    start: date
    end: date
    kind: PeriodKind
    code: str

    def __hash__(self) -> int:
        # Equal periods have equal codes. The generated hash would also hash ``kind``, and an
        # enum member's hash is Python code: tables and charts hash periods many thousands of times.
        return hash(self.code)

    @cached_property
    def order_key(self) -> tuple[date, date, str, str]:
        """Return a key that sorts periods as Period's own ordering does, but without calling it.

        Sorting many rows by ``obs.period`` calls Period.__lt__ (Python code) for each comparison;
        ``obs.period.order_key`` compares as plain tuples and orders the rows the same way.
        """
        return (self.start, self.end, self.kind, self.code)

    @cached_property
    def label(self) -> str:
        """Return the UK-style label readers see, e.g. 'April 2023' or '2023/24'."""
        # Worked out once per period: parse_period hands out one shared Period per code, and
        # every row of a table or download asks for its label.
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTH_NAMES[self.start.month]} {self.start.year}"
        if self.kind is PeriodKind.QUARTER:
            quarter = (self.start.month - 1) // 3 + 1
            return f"{_QUARTER_MONTHS[quarter]} {self.start.year}"
        return self.code

    @property
    def long_label(self) -> str:
        """Return a label that spells out the months, for methodology and citations."""
        if self.kind is PeriodKind.FINANCIAL_YEAR:
            return f"{self.code} (April {self.start.year} to March {self.end.year})"
        return self.label


@lru_cache(maxsize=4096)
def parse_period(code: str) -> Period:
    """Parse a period code, raising PeriodError with a fix-it message when it is not valid.

    Data files repeat a few hundred codes many thousands of times, so each code is parsed once
    and its (immutable) Period shared.
    """
    text = code.strip()
    if match := _CALENDAR_YEAR.match(text):
        year = int(match.group(1))
        _check_year(code, year)
        return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.CALENDAR_YEAR, text)
    if match := _FINANCIAL_YEAR.match(text):
        year, tail = int(match.group(1)), int(match.group(2))
        _check_year(code, year)
        if tail != (year + 1) % 100:
            raise PeriodError(
                f"'{code}' is not a financial year: the second part must be the year after "
                f"{year}, so write {year}/{(year + 1) % 100:02d}"
            )
        return Period(date(year, 4, 1), date(year + 1, 3, 31), PeriodKind.FINANCIAL_YEAR, text)
    if match := _QUARTER.match(text):
        year, quarter = int(match.group(1)), int(match.group(2))
        _check_year(code, year)
        if not 1 <= quarter <= 4:
            raise PeriodError(f"'{code}' is not a quarter: quarters run from Q1 to Q4")
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        return Period(
            date(year, first_month, 1),
            date(year, last_month, calendar.monthrange(year, last_month)[1]),
            PeriodKind.QUARTER,
            text,
        )
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        _check_year(code, year)
        if not 1 <= month <= 12:
            raise PeriodError(f"'{code}' is not a month: months run from 01 to 12")
        return Period(
            date(year, month, 1),
            date(year, month, calendar.monthrange(year, month)[1]),
            PeriodKind.MONTH,
            text,
        )
    raise PeriodError(f"'{code}' is not a period we recognise: {_HOW_TO_WRITE}")


def _check_year(code: str, year: int) -> None:
    # Crime data for London starts in 2010; anything far outside this range is a typo.
    if not 1990 <= year <= 2100:
        raise PeriodError(f"'{code}' has an unlikely year {year}: check for a typing mistake")


def financial_year_of(month_start: date) -> str:
    """Return the financial-year code (April-March) that a month falls in."""
    first = month_start.year if month_start.month >= 4 else month_start.year - 1
    return f"{first}/{(first + 1) % 100:02d}"
