"""Check every cell against its field's schema: type, required, enum, pattern, minimum, maximum.

A column is judged once per distinct value and the verdicts spread back to its rows, so a
million rows cost about as much as their few thousand distinct values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from generator.validation.descriptor import FieldSpec
from generator.validation.periods import HOW_TO_WRITE_PERIOD, date_verdict, period_verdict
from generator.validation.report import Problem
from generator.validation.table import CodedVerdict, Column, Mask, Table, Verdict
from generator.validation.text_safety import unsafe_text_verdict

_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_WHOLE = re.compile(r"-?\d+")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_NOT_AVAILABLE = frozenset({"n/a", "na", "n.a.", "-", "--", "..", "x", "[x]", "?", "none", "null",
                            "nan", "unknown", "tbc", "not available", "missing"})
_SUPPRESSED = frozenset({"c", "[c]", "*", "**", "suppressed", "<5", "< 5"})
# Characters people put around a number in a spreadsheet, named as they would say them.
_SYMBOLS = {",": "comma", "%": "% sign", "£": "£ sign", "$": "$ sign", "+": "+ sign",
            " ": "space"}


def check_column(table: Table, spec: FieldSpec, series: pd.Series[Any], shape_ok: Mask,
                 exact: bool, problems: list[Problem]) -> Column:
    """Check every cell of a column against its field's schema, once per distinct value."""
    found, uniques = pd.factorize(series)
    codes = np.asarray(found, dtype=np.intp)
    values = [str(value) for value in uniques]
    marker_hint = "status" in table.spec.header
    blanks = [_is_blank(value, table.spec.missing_values) for value in values]
    verdicts = [_cell_verdict(spec, value, blank, marker_hint, exact)
                for value, blank in zip(values, blanks, strict=True)]
    blank = np.array(blanks, bool)
    bad = np.array([verdict is not None for verdict in verdicts], bool)
    numbers = np.array(
        [_to_number(value) if spec.numeric and not b and not f else np.nan
         for value, b, f in zip(values, bad, blank, strict=True)], dtype=np.float64,
    )
    column = Column(spec, codes, values, shape_ok & ~bad[codes], ~blank[codes], numbers)
    for position in np.flatnonzero(shape_ok & bad[codes]):
        verdict = verdicts[codes[position]]
        assert verdict is not None
        code, message, fix = verdict
        # The column is not in the table yet, so the cell is quoted here.
        problems.append(table.problem(code, int(position), spec.name, message, fix,
                                      value=values[codes[position]]))
    return column


def _is_blank(text: str, missing_values: frozenset[str]) -> bool:
    """Return True when the cell holds no value under the schema's missing values."""
    return not text.strip() or text in missing_values


def _to_number(text: str) -> float:
    """Return the number text is written as, or NaN if it is not plainly one."""
    return float(text) if _NUMBER.fullmatch(text) else np.nan


def _cell_verdict(spec: FieldSpec, text: str, blank: bool, marker_hint: bool,
                  exact: bool) -> CodedVerdict:
    """Return what is wrong with one cell under its field's schema, or None if nothing is."""
    if blank:
        if not spec.required:
            return None
        about = f" This column holds: {spec.description}" if spec.description else ""
        return ("required-blank", f"`{spec.name}` is blank, but every row needs one.",
                f"Fill in the cell.{about}")
    # Key columns (exact) and constrained ones are compared exactly by the stock frictionless
    # check, so a space the site's loader would trim still breaks the published package.
    if (spec.type == "string" and (exact or spec.pattern or spec.enum)
            and text != text.strip()):
        return ("surrounding-space", f"'{text}' has a space before or after it.",
                f"Delete the space: write {text.strip()}.")
    if (verdict := _type_verdict(spec, text, marker_hint)) is not None:
        return ("type-error", *verdict)
    if (verdict := _constraint_verdict(spec, text)) is not None:
        return ("constraint-error", *verdict)
    if spec.type == "string" and (verdict := unsafe_text_verdict(text)) is not None:
        return ("unsafe-text", *verdict)
    return None


def _type_verdict(spec: FieldSpec, text: str, marker_hint: bool) -> Verdict:
    """Return what stops a filled cell being of its field's type, or None."""
    if spec.numeric:
        return _number_verdict(text, spec.type == "integer", marker_hint)
    if spec.type == "boolean":
        if text in spec.true_values or text in spec.false_values:
            return None
        return (f"'{text}' is not true or false.",
                f"Write {spec.true_values[0]} or {spec.false_values[0]}.")
    if spec.type == "date":
        return date_verdict(text)
    # Types this package does not use (year, datetime, ...) are left to the stock frictionless
    # check; strings need no type check.
    return None


def _number_verdict(text: str, whole: bool, marker_hint: bool) -> Verdict:
    """Return what stops text being a number (a whole number if whole), in plain words."""
    pattern = _WHOLE if whole else _NUMBER
    if pattern.fullmatch(text):
        return None
    kind = "a whole number" if whole else "a number"
    stripped = text.strip()
    if pattern.fullmatch(stripped):
        return (f"'{text}' has a space before or after the number.",
                f"Delete the space: write {stripped}.")
    lowered = stripped.lower()
    if lowered in _SUPPRESSED and marker_hint:
        return (f"'{text}' is not a number.",
                "Leave the cell blank and put [c] in the `status` column to show the figure is "
                "suppressed.")
    if lowered in _NOT_AVAILABLE:
        fix = ("Leave the cell blank and put [x] in the `status` column to show the figure is "
               "not available." if marker_hint else "Leave the cell blank if there is no figure.")
        return (f"'{text}' is not a number.", fix)
    if _DECIMAL_COMMA.fullmatch(stripped) and not _THOUSANDS.fullmatch(stripped):
        written = stripped.replace(",", ".")
        return (f"'{text}' is not {kind}: it uses a comma as the decimal point.",
                f"Use a full stop for the decimal point: write {written}.")
    found = [noun for symbol, noun in _SYMBOLS.items() if symbol in stripped]
    cleaned = stripped
    for symbol in _SYMBOLS:
        cleaned = cleaned.replace(symbol, "")
    if found and _NUMBER.fullmatch(cleaned):
        has = " and ".join(f"a {noun}" for noun in found)
        without = " or ".join(f"the {noun}" for noun in found)
        if whole and not _WHOLE.fullmatch(cleaned):
            return (f"'{text}' is not a whole number.", f"Write a whole number, without {without}.")
        suffix = " The measure's unit already says it is a percentage." if "%" in stripped else ""
        return (f"'{text}' is not a number: it has {has} in it.",
                f"Write {cleaned} without {without}.{suffix}")
    if whole and _NUMBER.fullmatch(stripped):
        number = float(stripped)
        if number.is_integer():
            return (f"'{text}' is not written as a whole number.",
                    f"Write {int(number)}, without the decimal point.")
        return (f"'{text}' is not a whole number, but this column only holds whole numbers.",
                "Write a whole number, e.g. 12.")
    example = "12" if whole else "12 or 12.5"
    return (f"'{text}' is not {kind}.",
            f"Write the number with digits only, e.g. {example} (no words, letters or symbols).")


def _constraint_verdict(spec: FieldSpec, text: str) -> Verdict:
    """Return which of its field's constraints a well-typed cell breaks, or None."""
    value: Any = text.strip()
    if spec.numeric:
        value = float(text)
    if spec.enum is not None:
        allowed = [str(option) for option in spec.enum]
        options = [float(option) for option in spec.enum] if spec.numeric else allowed
        if value not in options:
            near = [option for option in allowed if option.lower() == str(value).strip().lower()]
            blank_ok = "" if spec.required else " (or leave the cell blank)"
            fix = (f"Write {near[0]} exactly as shown." if near
                   else f"Write one of: {', '.join(allowed)}{blank_ok}.")
            return (f"'{text}' is not one of the values allowed in `{spec.name}`.", fix)
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        return _pattern_verdict(spec, value)
    if spec.numeric:
        low, high = spec.minimum, spec.maximum
        span = (f"from {_plain(low)} to {_plain(high)}" if low is not None and high is not None
                else f"of {_plain(low)} or more" if low is not None
                else f"of {_plain(high)} or less")
        if low is not None and value < low:
            return (f"'{text}' is less than {_plain(low)}, the smallest value allowed in "
                    f"`{spec.name}`.", f"Write a number {span}.")
        if high is not None and value > high:
            return (f"'{text}' is more than {_plain(high)}, the largest value allowed in "
                    f"`{spec.name}`.", f"Write a number {span}.")
    return None


def _plain(number: float | None) -> str:
    """Return a schema bound without a needless decimal point."""
    return f"{number:g}" if number is not None else ""


def _slug(text: str) -> str:
    """Return text as the id it was probably meant to be."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


# Patterns in datapackage.json, explained; a pattern not listed here gets a general message.
_PATTERN_HELP: dict[str, Callable[[str], Verdict]] = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": lambda text: (
        f"'{text}' is not a valid id: ids use only lower-case letters, digits and single hyphens.",
        f"Write {_slug(text)} instead." if _slug(text)
        else "Use lower-case letters, digits and hyphens, e.g. residential-burglary.",
    ),
    r"^[1-6]\.[1-9][0-9]?$": lambda text: (
        f"'{text}' is not an action number.",
        "Write the action's number as the strategy prints it, e.g. 2.3 (priority, full stop, "
        "number).",
    ),
    r"^(all|[a-z_]+=[a-z0-9_-]+)$": lambda text: (
        f"'{text}' is not a breakdown this site can read.",
        "Write all for the whole measure, or dimension=value in lower case with no spaces, "
        "e.g. risk_level=high or gender=female.",
    ),
    r"^[EKNSW][0-9]{8}$": lambda text: (
        f"'{text}' is not an ONS area code.",
        "Write the area's nine-character ONS code, a capital letter and eight digits as ONS "
        "publishes it, or leave it blank.",
    ),
    r"^[0-9]{4}(/[0-9]{2}|-Q[0-9]|-[0-9]{2}(/[0-9]{4}-[0-9]{2})?)?$": lambda text: period_verdict(text) or (
        f"'{text}' is not a period code.", HOW_TO_WRITE_PERIOD),
}


def _pattern_verdict(spec: FieldSpec, text: str) -> Verdict:
    """Return why text does not match its field's pattern, explained if the pattern is known."""
    explain = _PATTERN_HELP.get(spec.pattern or "")
    if explain is not None:
        return explain(text)
    about = f": {spec.description}" if spec.description else ""
    return (f"'{text}' is not written the way `{spec.name}` needs.",
            f"Write it in the same form as the other rows of this column{about}")
