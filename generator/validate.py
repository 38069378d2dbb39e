"""Check a data package against its Table Schemas and the site's rules; collect every problem.

Two layers, both reported in the words of the person who edits the CSV files:

* schema checks, driven entirely by datapackage.json: the header, cell types, required cells,
  enum/pattern/minimum/maximum constraints, unique and primary keys, foreign keys;
* domain rules the schema cannot state: periods, units, status markers, disclosure control,
  and text that would be unsafe once published.

Every column is checked once per distinct value (``pandas.factorize``), so a million observation
rows with a few thousand distinct values cost little more than reading the file. Domain rules
look only at cells that passed the schema checks, so one mistake is reported once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from frictionless import Package

from generator.load import DESCRIPTOR_NAME, decode_text, read_cells, record_layout
from generator.model import (
    DEFAULT_DISCLOSURE_MAX_COUNT,
    MARKERS_WITHOUT_VALUE,
    TOTAL_BREAKDOWN,
    Marker,
    Unit,
)
from generator.narrative_safety import find_unsafe_markup
from generator.periods import PeriodError, parse_period
from generator.report import Problem, Report

Verdict = tuple[str, str] | None  # (what is wrong, how to fix it); None when the cell is fine
Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

# The resources load.py reads; a descriptor without one of them cannot be built into a site.
RESOURCES = ("priorities", "actions", "indicators", "areas", "population", "observations",
             "series_breaks", "releases", "revisions")
# The site has nothing to show without these; the other files may hold just a header row.
MUST_HAVE_ROWS = frozenset({"priorities", "actions", "indicators", "areas"})

# Table Schema's default spellings of true and false.
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")

_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_WHOLE = re.compile(r"-?\d+")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UK_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_NOT_AVAILABLE = frozenset({"n/a", "na", "n.a.", "-", "--", "..", "x", "[x]", "?", "none", "null",
                            "nan", "unknown", "tbc", "not available", "missing"})
_SUPPRESSED = frozenset({"c", "[c]", "*", "**", "suppressed", "<5", "< 5"})

# Text that a browser would treat as markup, or a spreadsheet as a formula, is unsafe to publish:
# the site's pages, downloads and search index all carry these cells.
# Every way of smuggling in code needs one of these characters; most cells have none.
_MARKUP_HINT = re.compile(r"[<:{&]")
# Data cells are plain text, so unlike narrative pages they may hold no tag at all.
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_FORMULA_START = ("=", "+", "@")
_PERCENT_WORDS = re.compile(r"%|\bper\s?cent\b", re.IGNORECASE)
_DIMENSION = re.compile(r"[a-z_]+")

# Values of the observations' `unit` and their scale against numerator / denominator.
_UNIT_WORDS = {
    Unit.COUNT.value: "a count",
    Unit.PERCENTAGE.value: "a percentage",
    Unit.RATE_PER_1000.value: "a rate per 1,000 people",
    Unit.RATE_PER_10000.value: "a rate per 10,000 people",
    Unit.PER_INDIVIDUAL.value: "a number per individual",
}
_SCALE = {Unit.PERCENTAGE.value: 100.0, Unit.RATE_PER_1000.value: 1000.0,
          Unit.RATE_PER_10000.value: 10000.0, Unit.PER_INDIVIDUAL.value: 1.0}
_MARKER_MEANING = {Marker.SUPPRESSED: "suppressed", Marker.NOT_AVAILABLE: "not available",
                   Marker.PROVISIONAL: "provisional", Marker.REVISED: "revised",
                   Marker.BREAK: "a break in the series"}
_WITHOUT_VALUE = frozenset(marker.value for marker in MARKERS_WITHOUT_VALUE)

_HOW_TO_WRITE_PERIOD = (
    "Write 2023 for a calendar year, 2023/24 for a financial year (April to March), 2023-Q2 for "
    "a calendar quarter or 2023-04 for a month."
)
_SAVE_AS_UTF8 = "In Excel choose Save As → CSV UTF-8 (Comma delimited)."


def validate_package(data_dir: Path, today: date | None = None) -> Report:
    """Check every file of the data package in data_dir and report every problem found."""
    # `today` decides what counts as a future period or release; tests and benchmarks pin it.
    today = today or date.today()
    label = f"{data_dir.resolve().name}/"
    problems: list[Problem] = []
    resources = _read_package(data_dir, label, problems)
    if resources is None:
        return Report(label, tuple(problems))
    tables: dict[str, Table] = {}
    for spec in resources:
        table = _read_table(data_dir, label, spec, problems)
        if table is not None:
            tables[spec.name] = table
    for table in tables.values():
        problems.extend(_foreign_key_problems(table, tables))
    problems.extend(_domain_problems(tables, today))
    counts = {name: len(table) for name, table in tables.items()}
    return Report(label, tuple(problems), counts)


# --- The descriptor -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One column of a Table Schema, reduced to what the checks use."""

    name: str
    type: str
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = DEFAULT_TRUE
    false_values: tuple[str, ...] = DEFAULT_FALSE

    @classmethod
    def from_descriptor(cls, descriptor: Mapping[str, Any]) -> FieldSpec:
        """Read a field from its Table Schema descriptor."""
        constraints = descriptor.get("constraints", {})
        enum = constraints.get("enum")
        return cls(
            name=str(descriptor["name"]),
            type=str(descriptor.get("type", "string")),
            description=str(descriptor.get("description", "")),
            required=bool(constraints.get("required", False)),
            unique=bool(constraints.get("unique", False)),
            enum=tuple(enum) if enum is not None else None,
            pattern=constraints.get("pattern"),
            minimum=constraints.get("minimum"),
            maximum=constraints.get("maximum"),
            true_values=tuple(descriptor.get("trueValues", DEFAULT_TRUE)),
            false_values=tuple(descriptor.get("falseValues", DEFAULT_FALSE)),
        )

    @property
    def numeric(self) -> bool:
        """Return True for number and integer columns."""
        return self.type in ("number", "integer")


@dataclass(frozen=True)
class ForeignKey:
    """Columns whose values must appear in another resource's columns."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class ResourceSpec:
    """One CSV file of the package and its Table Schema."""

    name: str
    path: str
    fields: tuple[FieldSpec, ...]
    missing_values: frozenset[str]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def header(self) -> tuple[str, ...]:
        """Return the column names in the order the header row must list them."""
        return tuple(spec.name for spec in self.fields)


def _read_package(data_dir: Path, label: str, problems: list[Problem]) -> list[ResourceSpec] | None:
    """Return the resources datapackage.json describes, or None (with problems) if unusable."""
    file = f"{label}{DESCRIPTOR_NAME}"
    path = data_dir / DESCRIPTOR_NAME
    if not path.is_file():
        problems.append(Problem(
            file, None, None, None,
            "datapackage.json is missing, so there is no description of the data files.",
            "Run the command from the project folder, or point --data-dir at the folder that "
            "holds datapackage.json; if you deleted it, restore it from the last published "
            "version.",
        ))
        return None
    raw = path.read_bytes()
    try:
        descriptor = json.loads(decode_text(raw))
    except UnicodeDecodeError as error:
        problems.append(Problem(
            file, raw.count(b"\n", 0, error.start) + 1, None, None,
            "This file is not saved as UTF-8, so some of its characters cannot be read.",
            "Save it again with the UTF-8 encoding (in the GitHub editor this is automatic).",
        ))
        return None
    except json.JSONDecodeError as error:
        problems.append(Problem(
            file, error.lineno, None, None,
            f"This file is not valid JSON: {_json_error_words(error.msg)} "
            f"(line {error.lineno}, character {error.colno}).",
            "Look at that line and the one before it for a missing or extra comma, quote mark or "
            "bracket, or undo your last change to the file.",
        ))
        return None
    return _resource_specs(data_dir, file, descriptor, problems)


def _json_error_words(message: str) -> str:
    words = {
        "Expecting ',' delimiter": "a comma is missing between two items",
        "Expecting ':' delimiter": "a colon is missing after a name",
        "Expecting value": "a value is missing, or text is not inside double quotes",
        "Expecting property name enclosed in double quotes":
            "a name is not inside double quotes, or there is a comma after the last item",
        "Unterminated string starting at": "a closing quote mark is missing",
        "Extra data": "there is more text after the final closing bracket",
    }
    return words.get(message, message[:1].lower() + message[1:])


def _resource_specs(
    data_dir: Path, file: str, descriptor: Any, problems: list[Problem]
) -> list[ResourceSpec] | None:
    already = len(problems)

    def problem(message: str, fix: str) -> None:
        problems.append(Problem(file, None, None, None, message, fix))

    undo = ("Undo your last change to datapackage.json: it describes the columns of every data "
            "file, and only needs editing when a column is added or changed.")
    for text in _descriptor_errors(json.dumps(descriptor, sort_keys=True)):
        problem(f"This is not a valid data package description: {text.rstrip('.')}.", undo)
    if len(problems) > already:
        return None
    specs: list[ResourceSpec] = []
    for resource in descriptor["resources"]:
        name, resource_path = str(resource.get("name", "")), resource.get("path")
        if not isinstance(resource_path, str) or not resource_path.endswith(".csv"):
            problem(f"The resource `{name}` must point to one CSV file, but its path is "
                    f"{json.dumps(resource_path)}.", undo)
            continue
        if not (data_dir / resource_path).resolve().is_relative_to(data_dir.resolve()):
            problem(f"The resource `{name}` points outside the data folder ({resource_path}).",
                    undo)
            continue
        schema = resource.get("schema", {})
        if not isinstance(schema, dict):
            problem(f"The resource `{name}` must describe its columns inside datapackage.json, "
                    "not in a separate file.", undo)
            continue
        specs.append(ResourceSpec(
            name=name,
            path=resource_path,
            fields=tuple(FieldSpec.from_descriptor(spec) for spec in schema.get("fields", [])),
            missing_values=frozenset(schema.get("missingValues", [""])),
            primary_key=_names(schema.get("primaryKey", ())),
            foreign_keys=tuple(
                ForeignKey(_names(key["fields"]), str(key["reference"].get("resource", "")) or name,
                           _names(key["reference"]["fields"]))
                for key in schema.get("foreignKeys", [])
            ),
        ))
    by_name = {spec.name: spec for spec in specs}
    for missing in (name for name in RESOURCES if name not in by_name):
        problem(f"datapackage.json does not describe the `{missing}` file, which the site needs.",
                undo)
    for spec in specs:
        for key in spec.foreign_keys:
            target = by_name.get(key.resource)
            unknown = [name for name in key.reference if target and name not in target.header]
            if target is None or unknown or len(key.fields) != len(key.reference):
                problem(f"The resource `{spec.name}` refers to `{key.resource}` columns "
                        f"{', '.join(key.reference)}, which datapackage.json does not describe.",
                        undo)
    return None if len(problems) > already else specs


@lru_cache(maxsize=8)
def _descriptor_errors(descriptor: str) -> tuple[str, ...]:
    """Return frictionless's complaints about a descriptor (cached: it rarely changes)."""
    try:
        report = Package.validate_descriptor(json.loads(descriptor))
    except Exception as failure:  # noqa: BLE001 - frictionless raises many kinds on odd input
        return (str(failure),)
    return tuple(str(error.message) for error in report.errors)


def _names(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(str(name) for name in value)


# --- Reading and checking one CSV file ----------------------------------------------------------


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

    @property
    def usable(self) -> bool:
        """Return True when other files may be checked against this one."""
        return len(self) > 0 or self.spec.name not in MUST_HAVE_ROWS

    def problem(self, position: int | None, column: str | None, message: str, fix: str,
                value: str | None = None) -> Problem:
        """Return a problem at a data row (by position) and column, quoting the cell."""
        if value is None and column in self.columns and position is not None:
            value = self.columns[column].raw(position)
        row = None if position is None else int(self.rows[position])
        return Problem(self.file, row, column, value, message, fix)


def _read_table(data_dir: Path, label: str, spec: ResourceSpec,
                problems: list[Problem]) -> Table | None:
    """Read one resource's file and run its schema checks, or return None if it cannot be read."""
    file = f"{label}{spec.path}"
    path = data_dir / spec.path
    expected = ",".join(spec.header)
    if not path.is_file():
        problems.append(Problem(
            file, None, None, None, f"{spec.path} is missing from the data folder.",
            f"Put the file back (restore it from the last published version), or, if it was "
            f"renamed, rename it back to {spec.path}.",
        ))
        return None
    raw = path.read_bytes()
    not_utf8: UnicodeDecodeError | None = None
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as error:
        not_utf8, text = error, _decode_leniently(raw)
    if not text.strip():
        problems.append(Problem(
            file, None, None, None, "This file is empty: it does not even have a header row.",
            f"Put back the header row ({expected}) and the rows below it; if you saved it from "
            "a spreadsheet, check that you saved the right sheet.",
        ))
        return None
    cells = read_cells(text)
    if not_utf8 is not None:
        problems.append(_encoding_problem(file, raw, not_utf8, cells.header))
    problems.extend(_header_problems(file, cells.header, spec.header))
    table = Table(spec, file, cells.rows)
    shape_ok = cells.widths == len(cells.header)
    for position in np.flatnonzero(~shape_ok):
        width = int(cells.widths[position])
        problems.append(table.problem(
            int(position), None,
            f"This row has {width} cells but the header row has {len(cells.header)} columns, so "
            "its cells are in the wrong columns.",
            "Look for a comma too many or too few; text that contains a comma must be inside "
            'double quotes, e.g. "Sutton, Croydon and Bromley".',
        ))
    first_position = {name: i for i, name in reversed(list(enumerate(cells.header)))}
    for field_spec in spec.fields:
        if field_spec.name in first_position:
            series = cells.cells[first_position[field_spec.name]]
            table.columns[field_spec.name] = _check_column(
                table, field_spec, series, shape_ok, problems)
    if spec.name in MUST_HAVE_ROWS and len(table) == 0:
        problems.append(Problem(
            file, None, None, None, "This file has a header row but no data rows.",
            "Put the rows back (restore them from the last published version): the site needs "
            "at least one.",
        ))
    problems.extend(_key_problems(table))
    return table


def _decode_leniently(raw: bytes) -> str:
    # Most non-UTF-8 files come from Excel's "CSV (Comma delimited)", which writes Windows-1252;
    # reading them that way lets every other check still run.
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Return the spreadsheet row and the cell index of the byte at offset."""
    before = raw[:offset]
    ends, separators = record_layout(np.frombuffer(before, dtype=np.uint8), b'"' in before)
    if not before or before.endswith(b"\n"):
        return ends.size + 1, 0  # the byte starts a new row
    return ends.size, int(separators[-1])  # the last record is the one the byte is in


def _encoding_problem(file: str, raw: bytes, error: UnicodeDecodeError,
                      header: Sequence[str]) -> Problem:
    row, cell = _byte_position(raw, error.start)
    bad = raw[error.start]
    shown = bytes([bad]).decode("cp1252", errors="replace")
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    line_end = raw.find(b"\n", error.start)
    line = raw[line_start: None if line_end < 0 else line_end].decode("cp1252", errors="replace")
    return Problem(
        file, row, header[cell] if cell < len(header) else None, line.strip(),
        f"This file is not saved as UTF-8, so some characters cannot be read. The first is in "
        f"this row: the byte 0x{bad:02X}, which is '{shown}' in the older Windows-1252 encoding.",
        f"{_SAVE_AS_UTF8} Other programs call it 'Unicode (UTF-8)'.",
    )


def _header_problems(file: str, header: Sequence[str], expected: Sequence[str]) -> list[Problem]:
    """Compare the header row with the schema's columns and say exactly what differs."""
    if tuple(header) == tuple(expected):
        return []
    should = f"The header row should be: {','.join(expected)}"

    def at(column: str | None, value: str | None, message: str, fix: str) -> Problem:
        return Problem(file, 1, column, value, message, fix)

    problems: list[Problem] = []
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if not name.strip():
            problems.append(at(None, name, f"Column {index} of the header row has no name.",
                               "Delete that column (or a stray comma in the header row). "
                               f"{should}"))
        elif name in seen:
            problems.append(at(name, name, f"The column `{name}` appears twice.",
                               f"Delete one of the two columns. {should}"))
        seen.add(name)
    missing = [name for name in expected if name not in header]
    extra = [name for name in dict.fromkeys(header) if name.strip() and name not in expected]
    renamed = {
        wrong: right for wrong, right in zip(header, expected, strict=False)
        if wrong in extra and right in missing
    }
    for wrong, right in renamed.items():
        hint = " (check for spaces or capital letters)" if wrong.strip().lower() == right else ""
        problems.append(at(wrong, wrong,
                           f"The column `{right}` has been renamed to `{wrong}`{hint}.",
                           f"Rename it back to `{right}`. {should}"))
    for name in missing:
        if name not in renamed.values():
            problems.append(at(name, None, f"The column `{name}` is missing.",
                               f"Add the column back, with its values. {should}"))
    for name in extra:
        if name not in renamed:
            problems.append(at(name, name, f"There is an extra column `{name}` that the data "
                               "package does not describe.",
                               f"Delete the column (or ask for it to be added to datapackage.json "
                               f"first). {should}"))
    if not problems:
        problems.append(at(None, ",".join(header), "The columns are in the wrong order.",
                           f"Put them back in this order. {should}"))
    return problems


def _check_column(table: Table, spec: FieldSpec, series: pd.Series[Any], shape_ok: Mask,
                  problems: list[Problem]) -> Column:
    """Check every cell of a column against its field's schema, once per distinct value."""
    found, uniques = pd.factorize(series)
    codes = np.asarray(found, dtype=np.intp)
    values = [str(value) for value in uniques]
    marker_hint = "status" in table.spec.header
    exact = spec.name in _key_fields(table.spec)
    verdicts = [_cell_verdict(spec, value, table.spec.missing_values, marker_hint, exact)
                for value in values]
    blank = np.array([_is_blank(value, table.spec.missing_values) for value in values], bool)
    bad = np.array([verdict is not None for verdict in verdicts], bool)
    numbers = np.array(
        [_to_number(value) if spec.numeric and not b and not f else np.nan
         for value, b, f in zip(values, bad, blank, strict=True)], dtype=np.float64,
    )
    column = Column(spec, codes, values, shape_ok & ~bad[codes], ~blank[codes], numbers)
    for position in np.flatnonzero(shape_ok & bad[codes]):
        verdict = verdicts[codes[position]]
        assert verdict is not None
        message, fix = verdict
        problems.append(table.problem(int(position), spec.name, message, fix,
                                      value=values[codes[position]]))
    return column


def _key_fields(spec: ResourceSpec) -> set[str]:
    """Return the columns that identify rows or point at other files."""
    keys = {*spec.primary_key, *(field.name for field in spec.fields if field.unique)}
    for key in (*spec.foreign_keys, *DOMAIN_REFERENCES.get(spec.name, ())):
        keys.update(key.fields)
    return keys


def _is_blank(text: str, missing_values: frozenset[str]) -> bool:
    return not text.strip() or text in missing_values


def _to_number(text: str) -> float:
    return float(text) if _NUMBER.fullmatch(text) else np.nan


# --- What is wrong with one cell ----------------------------------------------------------------


def _cell_verdict(spec: FieldSpec, text: str, missing_values: frozenset[str],
                  marker_hint: bool, exact: bool) -> Verdict:
    """Return what is wrong with one cell under its field's schema, or None if nothing is."""
    if _is_blank(text, missing_values):
        if not spec.required:
            return None
        about = f" This column holds: {spec.description}" if spec.description else ""
        return (f"`{spec.name}` is blank, but every row needs one.",
                f"Fill in the cell.{about}")
    # Key columns (exact) and constrained ones are compared exactly by the stock frictionless
    # check, so a space the site's loader would trim still breaks the published package.
    if (spec.type == "string" and (exact or spec.pattern or spec.enum)
            and text != text.strip()):
        return (f"'{text}' has a space before or after it.",
                f"Delete the space: write {text.strip()}.")
    verdict = _type_verdict(spec, text, marker_hint)
    if verdict is None:
        verdict = _constraint_verdict(spec, text)
    if verdict is None and spec.type == "string":
        verdict = unsafe_text_verdict(text)
    return verdict


def _type_verdict(spec: FieldSpec, text: str, marker_hint: bool) -> Verdict:
    if spec.type in ("number", "integer"):
        return _number_verdict(text, spec.type == "integer", marker_hint)
    if spec.type == "boolean":
        if text in spec.true_values or text in spec.false_values:
            return None
        return (f"'{text}' is not true or false.",
                f"Write {spec.true_values[0]} or {spec.false_values[0]}.")
    if spec.type == "date":
        return _date_verdict(text)
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
    symbols = {",": "comma", "%": "% sign", "£": "£ sign", "$": "$ sign", "+": "+ sign",
               " ": "space"}
    found = [noun for symbol, noun in symbols.items() if symbol in stripped]
    cleaned = stripped
    for symbol in symbols:
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


def _date_verdict(text: str) -> Verdict:
    if _ISO_DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return (f"'{text}' is not a real date.", "Check the day and the month.")
        return None
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


def _constraint_verdict(spec: FieldSpec, text: str) -> Verdict:
    value: Any = text.strip()
    if spec.numeric:
        value = float(text)
    if spec.enum is not None:
        allowed = [str(option) for option in spec.enum]
        options = [float(option) for option in spec.enum] if spec.numeric else allowed
        matches = value in options
        if not matches:
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
    return f"{number:g}" if number is not None else ""


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def period_verdict(text: str) -> Verdict:
    """Return what is wrong with a period code, in the words of generator.periods, or None."""
    try:
        parse_period(text)
    except PeriodError as error:
        # The messages end with the remedy ("..., so write 2023/24"); it belongs in the fix.
        for joint in (", so write ", ": write "):
            what, found, remedy = str(error).partition(joint)
            if found:
                return (f"{what}.", f"Write {remedy}." if joint == ", so write "
                        else _HOW_TO_WRITE_PERIOD)
        return (f"{error}.", _HOW_TO_WRITE_PERIOD)
    return None


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
        "Write the nine-character ONS code, e.g. E09000029 for Sutton, or leave it blank.",
    ),
    r"^[0-9]{4}(/[0-9]{2}|-Q[0-9]|-[0-9]{2})?$": lambda text: period_verdict(text) or (
        f"'{text}' is not a period code.", _HOW_TO_WRITE_PERIOD),
}


def _pattern_verdict(spec: FieldSpec, text: str) -> Verdict:
    explain = _PATTERN_HELP.get(spec.pattern or "")
    if explain is not None:
        return explain(text)
    about = f": {spec.description}" if spec.description else ""
    return (f"'{text}' is not written the way `{spec.name}` needs.",
            f"Write it in the same form as the other rows of this column{about}")


def unsafe_text_verdict(text: str) -> Verdict:
    """Return why text would be unsafe to publish (markup or a spreadsheet formula), or None."""
    if _MARKUP_HINT.search(text):
        active = find_unsafe_markup(text)
        if active:
            return (f"This text contains {active[0].what}, which could run as a program in "
                    "readers' browsers once published, so it is unsafe.",
                    "Delete it and write plain text only (no < > tags and no script links).")
        if tag := _TAG.search(text):
            return (f"This text contains web-page code ({tag.group(0)[:40]}), which the website "
                    "would treat as code rather than words once published, so it is unsafe.",
                    "Remove the tag and write plain text only, without < > tags.")
    start = text.lstrip(" ")
    if start[:1] in ("\t", "\n", "\r"):
        return ("This text starts with a tab or line break. Spreadsheets can treat text that "
                "starts this way as a formula when someone opens the downloaded file, which is "
                "unsafe.", "Delete the tab or line break at the start of the cell.")
    stripped = text.strip()
    first, second = stripped[:1], stripped[1:2]
    # A minus sign before a number (-5, -0.5) is ordinary text; before anything else it is not.
    if first in _FORMULA_START or (first == "-" and second and second not in "0123456789."):
        return (f"This text starts with {first}, so a spreadsheet would run it as a formula when "
                "someone opens the downloaded file, which is unsafe.",
                f"Delete the {first} at the start, or start the text with a word.")
    return None


# --- Keys across rows and files -----------------------------------------------------------------


def _key_problems(table: Table) -> Iterator[Problem]:
    """Report rows that repeat a value of a unique column or of the primary key."""
    keys: set[tuple[str, ...]] = {(spec.name,) for spec in table.spec.fields if spec.unique}
    if table.spec.primary_key:
        keys.add(table.spec.primary_key)
    for key in sorted(keys):
        if not table.has(*key):
            continue
        columns = [table.columns[name] for name in key]
        positions = np.flatnonzero(np.logical_and.reduce([column.present for column in columns]))
        combined = _combined_codes([column.key_codes[positions] for column in columns])
        repeated = np.bincount(combined)[combined] > 1
        first: dict[int, int] = {}
        for position, code in zip(positions[repeated], combined[repeated], strict=True):
            if int(code) in first:
                yield _duplicate_problem(table, key, int(position), first[int(code)])
            else:
                first[int(code)] = int(position)


def _combined_codes(parts: Sequence[npt.NDArray[np.intp]]) -> npt.NDArray[np.int64]:
    """Return one code per row that is equal exactly when every part is equal."""
    combined = np.zeros(len(parts[0]) if parts else 0, dtype=np.int64)
    for part in parts:
        size = int(part.max()) + 1 if part.size else 1
        # Renumbering after each step keeps codes below the row count, so this cannot overflow.
        combined = np.asarray(pd.factorize(combined * size + part)[0], dtype=np.int64)
    return combined


def _duplicate_problem(table: Table, key: tuple[str, ...], position: int, first: int) -> Problem:
    first_row = int(table.rows[first])
    if len(key) == 1:
        name = key[0]
        return table.problem(
            position, name,
            f"'{table.columns[name].raw(position)}' is already used in row {first_row}; each "
            f"`{name}` must be different.",
            "Change one of the two rows, or delete it if it is a copy of the other.",
        )
    values = ", ".join(table.columns[name].raw(position).strip() for name in key)
    return table.problem(
        position, None,
        f"This row has the same {_listed(key)} as row {first_row} ({values}).",
        "Each row must differ in at least one of those columns: delete the copy, or correct the "
        "one that is wrong.",
        value=values,
    )


def _listed(names: Sequence[str]) -> str:
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def _foreign_key_problems(table: Table, tables: Mapping[str, Table]) -> Iterator[Problem]:
    """Report values that do not appear in the file their foreign key refers to."""
    for key in table.spec.foreign_keys:
        yield from _reference_problems(table, key, tables)


def _reference_problems(table: Table, key: ForeignKey,
                        tables: Mapping[str, Table]) -> Iterator[Problem]:
    target = tables.get(key.resource)
    # A missing or empty target file is reported already; listing every row as well would bury it.
    if target is None or not target.usable or not target.has(*key.reference):
        return
    if not table.has(*key.fields):
        return
    plural = "s" if len(key.reference) > 1 else ""
    where = f"{target.file} (column{plural} {_listed(key.reference)})"
    if len(key.fields) == 1:
        column = table.columns[key.fields[0]]
        known = _value_set(target.columns[key.reference[0]])
        unknown = column.present & column.take_bool(
            [value not in known for value in column.canonical])
        for position in np.flatnonzero(unknown):
            shown = column.texts[column.codes[position]]
            yield table.problem(
                int(position), key.fields[0], f"'{shown}' is not in {where}.",
                f"Check the spelling against {target.file}, or add '{shown}' there first.",
            )
        return
    positions, wanted = _row_keys(table, key.fields)
    # Only target rows sharing a first value can match, which keeps a big target file cheap.
    firsts = {values[0] for values in wanted}
    first_column = target.columns[key.reference[0]]
    candidates = first_column.take_bool([value in firsts for value in first_column.canonical])
    _, existing = _row_keys(target, key.reference, candidates)
    known_keys = set(existing)
    for position, values in zip(positions, wanted, strict=True):
        if values not in known_keys:
            shown = ", ".join(values)
            yield table.problem(
                int(position), None, f"'{shown}' is not in {where}.",
                f"Check each of {_listed(key.fields)} against {target.file}.", value=shown,
            )


def _value_set(column: Column) -> set[str]:
    return {column.canonical[code] for code in np.unique(column.codes[column.present])}


def _row_keys(table: Table, names: Sequence[str],
              keep: Mask | None = None) -> tuple[npt.NDArray[np.intp], list[tuple[str, ...]]]:
    """Return the rows whose named cells are all valid and filled, with their canonical values."""
    columns = [table.columns[name] for name in names]
    present = np.logical_and.reduce([column.present for column in columns])
    positions = np.flatnonzero(present if keep is None else present & keep)
    values = [[column.canonical[code] for code in column.codes[positions]] for column in columns]
    return positions, list(zip(*values, strict=True))


# --- Domain rules -------------------------------------------------------------------------------

# References datapackage.json does not declare as foreign keys (yet), checked the same way.
DOMAIN_REFERENCES = {
    "revisions": (
        ForeignKey(("area",), "areas", ("id",)),
        ForeignKey(("indicator", "area", "period", "breakdown"), "observations",
                   ("indicator", "area", "period", "breakdown")),
    ),
}
_UNITS = tuple(_UNIT_WORDS)  # a unit's position here stands for it in per-row arrays
_COUNT, _PERCENTAGE = _UNITS.index(Unit.COUNT.value), _UNITS.index(Unit.PERCENTAGE.value)


@dataclass(frozen=True)
class IndicatorFacts:
    """What the observation rules need to know about one indicator."""

    unit: str
    sensitive: bool
    max_count: int
    breakdowns: frozenset[str] | None  # None when the list itself is wrong (reported there)


def _domain_problems(tables: Mapping[str, Table], today: date) -> Iterator[Problem]:
    facts = _indicator_facts(tables.get("indicators"))
    if (actions := tables.get("actions")) is not None:
        yield from _action_problems(actions)
    if (indicators := tables.get("indicators")) is not None:
        yield from _indicator_problems(indicators)
    if (areas := tables.get("areas")) is not None:
        yield from _area_problems(areas)
    if (observations := tables.get("observations")) is not None:
        yield from _period_problems(observations, "period", today, label="period_label")
        if facts is not None:
            yield from _observation_problems(observations, facts)
    for name in ("series_breaks", "revisions"):
        if (table := tables.get(name)) is not None:
            yield from _period_problems(table, "period", today)
    for name, keys in DOMAIN_REFERENCES.items():
        if (table := tables.get(name)) is not None:
            for key in keys:
                yield from _reference_problems(table, key, tables)
    if (releases := tables.get("releases")) is not None:
        yield from _release_problems(releases, today)


def _indicator_facts(indicators: Table | None) -> dict[str, IndicatorFacts] | None:
    needed = ("id", "unit", "sensitive", "disclosure_max_count", "breakdowns")
    if indicators is None or not indicators.usable or not indicators.has(*needed):
        return None
    ids, units, sensitive, max_counts, breakdowns = (indicators.columns[name] for name in needed)
    facts: dict[str, IndicatorFacts] = {}
    for position in np.flatnonzero(ids.present & units.present):
        max_count = max_counts.numbers[max_counts.codes[position]]
        facts[ids.texts[ids.codes[position]]] = IndicatorFacts(
            unit=units.texts[units.codes[position]],
            sensitive=bool(sensitive.ok[position])
            and sensitive.raw(int(position)) in sensitive.spec.true_values,
            max_count=DEFAULT_DISCLOSURE_MAX_COUNT
            if np.isnan(max_count) or not max_counts.ok[position] else int(max_count),
            breakdowns=_breakdown_names(breakdowns.texts[breakdowns.codes[position]]),
        )
    return facts


def _breakdown_names(text: str) -> frozenset[str] | None:
    names = [part.strip() for part in text.split("|")] if text else []
    return frozenset(names) if all(_DIMENSION.fullmatch(name) for name in names) else None


def _action_problems(actions: Table) -> Iterator[Problem]:
    """Action 2.3 belongs to priority 2: its number says so."""
    if not actions.has("id", "priority"):
        return
    ids, priorities = actions.columns["id"], actions.columns["priority"]
    for position in np.flatnonzero(ids.present & priorities.present):
        action = ids.texts[ids.codes[position]]
        priority = f"{priorities.numbers[priorities.codes[position]]:g}"
        prefix = action.split(".", 1)[0]
        if prefix != priority:
            yield actions.problem(
                int(position), "priority",
                f"Action {action} is listed under priority {priority}, but its number says it "
                f"belongs to priority {prefix}.",
                f"Change `priority` to {prefix}, or correct the action number.",
            )


def _indicator_problems(indicators: Table) -> Iterator[Problem]:
    yield from _order_problems(indicators)
    if indicators.has("unit"):
        units = indicators.columns["unit"]
        for value_name, text_name, what in (
            ("target_value", "target_text", "target"),
            ("strategy_figure_value", "strategy_figure_text", "strategy figure"),
        ):
            if indicators.has(value_name):
                yield from _target_value_problems(indicators, units, value_name, what)
            if indicators.has(text_name):
                yield from _target_text_problems(indicators, units, text_name, what)
    if indicators.has("breakdowns"):
        column = indicators.columns["breakdowns"]
        for position in np.flatnonzero(column.present):
            text = column.texts[column.codes[position]]
            if _breakdown_names(text) is None:
                yield indicators.problem(
                    int(position), "breakdowns",
                    f"'{text}' is not a list of breakdown names this site can read.",
                    "Use lower-case letters and underscores, with | between names, e.g. "
                    "risk_level|gender|referral_source.",
                )


def _order_problems(indicators: Table) -> Iterator[Problem]:
    """Two measures of one priority cannot share a place in its table."""
    if not indicators.has("priority", "order"):
        return
    priorities, orders = indicators.columns["priority"], indicators.columns["order"]
    seen: dict[tuple[float, float], int] = {}
    for position in np.flatnonzero(priorities.present & orders.present):
        key = (float(priorities.numbers[priorities.codes[position]]),
               float(orders.numbers[orders.codes[position]]))
        if key not in seen:
            seen[key] = int(position)
            continue
        yield indicators.problem(
            int(position), "order",
            f"Priority {key[0]:g} already has a measure at order {key[1]:g} (row "
            f"{int(indicators.rows[seen[key]])}).",
            "Give each measure of a priority its own `order`: 1 for the first row of the "
            "strategy's table, 2 for the next, and so on.",
        )


def _unit_breach(unit: str, number: float) -> str:
    """Return why a number cannot be in the unit, or "" if it can."""
    if unit == Unit.PERCENTAGE.value and not 0 <= number <= 100:
        return "a percentage runs from 0 to 100"
    if unit == Unit.COUNT.value and number < 0:
        return "a count cannot be negative"
    if unit == Unit.COUNT.value and not float(number).is_integer():
        return "a count is a whole number"
    if number < 0:
        return "it cannot be negative"
    return ""


def _target_value_problems(indicators: Table, units: Column, name: str,
                           what: str) -> Iterator[Problem]:
    values = indicators.columns[name]
    for position in np.flatnonzero(values.present & units.present):
        unit = units.texts[units.codes[position]]
        number = float(values.numbers[values.codes[position]])
        if wrong := _unit_breach(unit, number):
            words = _UNIT_WORDS.get(unit, unit)
            example = "25.3 for 25.3%" if unit == Unit.PERCENTAGE.value else "209"
            yield indicators.problem(
                int(position), name,
                f"The {what} {number:g} cannot be right: this measure is {words}, and {wrong}.",
                f"Write the {what} in the measure's unit ({words}), e.g. {example}.",
            )


def _target_text_problems(indicators: Table, units: Column, name: str,
                          what: str) -> Iterator[Problem]:
    texts = indicators.columns[name]
    for position in np.flatnonzero(texts.present & units.present):
        unit = units.texts[units.codes[position]]
        text = texts.texts[texts.codes[position]]
        percent = bool(_PERCENT_WORDS.search(text))
        if percent and unit != Unit.PERCENTAGE.value:
            yield indicators.problem(
                int(position), name,
                f"The {what} is written as a percentage, but this measure is "
                f"{_UNIT_WORDS.get(unit, unit)}, so it would be shown in the wrong unit.",
                f"Write the {what} in the measure's unit, or change `unit` to percentage if the "
                "measure is one.",
            )
        elif not percent and unit == Unit.PERCENTAGE.value and re.search(r"\d", text):
            yield indicators.problem(
                int(position), name,
                f"The {what} does not say it is a percentage, but this measure is one.",
                "Write it as the strategy does, with the % sign, e.g. 'target 25.3%'.",
            )


def _area_problems(areas: Table) -> Iterator[Problem]:
    """Exactly one area is the partnership's own: every page compares the others with it."""
    if not areas.has("is_home") or len(areas) == 0:
        return
    column = areas.columns["is_home"]
    home = np.flatnonzero(column.present & column.take_bool(
        [value in column.spec.true_values for value in column.uniques]))
    if home.size == 0 and column.ok.all():
        yield areas.problem(None, "is_home", "No area has `is_home` set to true.",
                            "Set `is_home` to true for Sutton and to false for every other area.")
    for position in home[1:]:
        yield areas.problem(
            int(position), "is_home",
            f"Only one area can be the partnership's own, but row {int(areas.rows[home[0]])} "
            "also has `is_home` set to true.",
            "Set `is_home` to true for Sutton only, and to false for every other area.",
        )


def _pair_rows(first: Column, second: Column, rows: Mask,
               wrong: Callable[[int, int], bool]) -> Mask:
    """Return the rows whose pair of values is wrong, judging each distinct pair once."""
    width = max(len(second.uniques), 1)
    pairs = first.codes.astype(np.int64) * width + second.codes
    bad = [pair for pair in pd.unique(pairs[rows]) if wrong(int(pair) // width, int(pair) % width)]
    return rows & np.isin(pairs, bad) if bad else np.zeros_like(rows)


def _period_problems(table: Table, name: str, today: date,
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
        yield table.problem(int(position), name, *verdict)
    future = column.take_bool([period is not None and period.start > today for period in periods])
    for position in np.flatnonzero(present & future):
        period = periods[column.codes[position]]
        assert period is not None
        yield table.problem(
            int(position), name,
            f"'{period.code}' is in the future: it starts on {_day(period.start)}, after today "
            f"({_day(today)}).",
            "Figures can only be given for periods that have started: check the year and the "
            "month or quarter.",
        )
    if label is None or not table.has(label):
        return
    labels = table.columns[label]

    def mismatch(period_code: int, label_code: int) -> bool:
        period = periods[period_code]
        return period is not None and period.label != labels.texts[label_code]

    for position in np.flatnonzero(_pair_rows(column, labels, present & labels.present, mismatch)):
        period = periods[column.codes[position]]
        assert period is not None
        yield table.problem(
            int(position), label,
            f"'{labels.texts[labels.codes[position]]}' is not the label of period {period.code}: "
            f"it should be '{period.label}'.",
            f"Write {period.label} in `{label}` (or correct `{name}` if the period is the "
            "mistake).",
        )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _observation_problems(obs: Table, facts: Mapping[str, IndicatorFacts]) -> Iterator[Problem]:
    """Check figures against their indicator's unit, their status marker and disclosure rules."""
    if not obs.has("indicator", "value", "status"):
        return
    indicator, value_column, status = (obs.columns[name]
                                       for name in ("indicator", "value", "status"))
    found = [facts.get(text) for text in indicator.texts]
    known = indicator.present & indicator.take_bool([fact is not None for fact in found])
    unit = np.asarray([_UNITS.index(fact.unit) if fact and fact.unit in _UNITS else -1
                       for fact in found], dtype=np.int64)[indicator.codes]
    value = value_column.number_rows()
    has_value = value_column.present
    withheld = status.take_bool([text in _WITHOUT_VALUE for text in status.texts])

    breach = known & has_value & (
        (value < 0)
        | ((unit == _PERCENTAGE) & (value > 100))
        | ((unit == _COUNT) & (value != np.floor(value)))
    )
    for position in np.flatnonzero(breach):
        unit_name = _UNITS[unit[position]]
        yield obs.problem(
            int(position), "value",
            f"'{value_column.raw(int(position))}' cannot be right: this measure is "
            f"{_UNIT_WORDS[unit_name]}, and {_unit_breach(unit_name, float(value[position]))}.",
            _unit_fix(unit_name),
        )
    yield from _marker_problems(obs, value_column, status, withheld)
    if obs.has("numerator", "denominator"):
        scale = np.asarray([_SCALE.get(fact.unit, np.nan) if fact else np.nan for fact in found],
                           dtype=np.float64)[indicator.codes]
        yield from _ratio_problems(obs, known & has_value & ~breach, scale, value)
    limit = np.asarray([fact.max_count if fact and fact.sensitive else 0 for fact in found],
                       dtype=np.float64)[indicator.codes]
    sensitive = known & (limit > 0)
    if sensitive.any():
        shown = sensitive & status.ok & ~withheld & has_value & (unit == _COUNT)
        yield from _disclosure_problems(obs, "value", shown & (value >= 1) & (value <= limit),
                                        limit)
        if obs.has("numerator"):
            numerator = obs.columns["numerator"].number_rows()
            yield from _disclosure_problems(
                obs, "numerator", sensitive & (numerator >= 1) & (numerator <= limit), limit)
    if obs.has("breakdown"):
        yield from _breakdown_problems(obs, indicator, found)


def _unit_fix(unit: str) -> str:
    if unit == Unit.PERCENTAGE.value:
        return "Write the percentage as a number from 0 to 100, e.g. 28.1 for 28.1%."
    if unit == Unit.COUNT.value:
        return "Write the count as a whole number of 0 or more."
    return "Check the figure: it must be 0 or more."


def _marker_problems(obs: Table, value: Column, status: Column,
                     withheld: Mask) -> Iterator[Problem]:
    """A figure and its status marker must agree: [c] and [x] mean there is no figure."""
    checked = value.ok & status.ok
    for position in np.flatnonzero(checked & value.filled & withheld):
        marker = Marker(status.texts[status.codes[position]])
        yield obs.problem(
            int(position), "value",
            f"The value is {value.raw(int(position))} but `status` is {marker.value} "
            f"({_MARKER_MEANING[marker]}), which means there is no figure to show.",
            "If the figure must not be shown, leave the value blank; if it can be published, "
            f"delete {marker.value} from `status`.",
        )
    for position in np.flatnonzero(checked & ~value.filled & ~withheld):
        written = status.texts[status.codes[position]]
        message = (
            f"The value is blank but `status` is {written} ({_MARKER_MEANING[Marker(written)]}), "
            "which describes a figure." if written
            else "The value is blank and `status` does not say why."
        )
        yield obs.problem(
            int(position), "value", message,
            "Write the figure in `value`, or put [c] in `status` if it is suppressed or [x] if "
            "it is not available.",
        )


def _ratio_problems(obs: Table, rows: Mask, scale: Floats, value: Floats) -> Iterator[Problem]:
    """A rate or percentage given with its numerator and denominator must equal their ratio."""
    numerator, denominator = obs.columns["numerator"], obs.columns["denominator"]
    rows = rows & numerator.present & denominator.present & ~np.isnan(scale)
    if not rows.any():
        return
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = numerator.number_rows() / denominator.number_rows() * scale
    # Published values are rounded; a tolerance of one decimal place (or 0.5%) allows for that.
    tolerance = np.maximum(0.051, 0.005 * np.abs(expected))
    for position in np.flatnonzero(rows & ~(np.abs(value - expected) <= tolerance)):
        times = "" if scale[position] == 1 else f" × {scale[position]:,.0f}"
        yield obs.problem(
            int(position), "value",
            f"The value {obs.columns['value'].raw(int(position))} does not match `numerator` ÷ "
            f"`denominator`: {numerator.raw(int(position))} ÷ {denominator.raw(int(position))}"
            f"{times} = {expected[position]:.2f}.",
            "Correct the value, the numerator or the denominator so that they agree.",
        )


def _disclosure_problems(obs: Table, name: str, rows: Mask, limit: Floats) -> Iterator[Problem]:
    """Counts from 1 to the limit could identify people in a sensitive measure."""
    for position in np.flatnonzero(rows):
        what = "The value" if name == "value" else "The numerator"
        fix = ("Leave the value blank and put [c] in status, so the site shows it as suppressed."
               if name == "value" else
               "Leave the numerator blank; if the value would reveal it, leave the value blank "
               "and put [c] in status too.")
        yield obs.problem(
            int(position), name,
            f"{what} {obs.columns[name].raw(int(position))} is a count from 1 to "
            f"{limit[position]:g} in a measure about people who could be identified (it is "
            "marked sensitive in indicators.csv), so it must not be published.",
            fix,
        )


def _breakdown_problems(obs: Table, indicator: Column,
                        found: Sequence[IndicatorFacts | None]) -> Iterator[Problem]:
    """A breakdown's dimension must be one its indicator lists."""
    breakdown = obs.columns["breakdown"]

    def unlisted(indicator_code: int, breakdown_code: int) -> bool:
        fact, text = found[indicator_code], breakdown.texts[breakdown_code]
        return (fact is not None and fact.breakdowns is not None and text != TOTAL_BREAKDOWN
                and text.split("=", 1)[0] not in fact.breakdowns)

    rows = _pair_rows(indicator, breakdown, indicator.present & breakdown.present, unlisted)
    for position in np.flatnonzero(rows):
        fact = found[indicator.codes[position]]
        assert fact is not None and fact.breakdowns is not None
        text = breakdown.texts[breakdown.codes[position]]
        dimension = text.split("=", 1)[0]
        yield obs.problem(
            int(position), "breakdown",
            f"'{text}' breaks the measure down by `{dimension}`, which indicators.csv does not "
            f"list for {indicator.texts[indicator.codes[position]]} (it lists: "
            f"{', '.join(sorted(fact.breakdowns)) or 'none'}).",
            f"Use one of the listed breakdowns, or add {dimension} to the measure's `breakdowns` "
            "in indicators.csv first.",
        )


def _release_problems(releases: Table, today: date) -> Iterator[Problem]:
    """A release cannot be dated after today: the site would claim a publication yet to happen."""
    if not releases.has("date"):
        return
    column = releases.columns["date"]
    future = column.take_bool([_ISO_DATE.fullmatch(text) is not None and _date_verdict(text) is None
                               and date.fromisoformat(text) > today for text in column.texts])
    for position in np.flatnonzero(column.present & future):
        yield releases.problem(
            int(position), "date",
            f"'{column.texts[column.codes[position]]}' is in the future (today is {_day(today)}).",
            "Give the date the release is published, and add the row on or after that day.",
        )
