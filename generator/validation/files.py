"""Read one resource's CSV file: its bytes, encoding, header and row shape, then each column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from generator.package.csv_cells import CsvCells, read_cells, record_layout
from generator.package.load import decode_text
from generator.validation.cells import check_column
from generator.validation.descriptor import ResourceSpec
from generator.validation.keys import key_fields
from generator.validation.report import Problem
from generator.validation.table import MUST_HAVE_ROWS, Table


def read_table(data_dir: Path, label: str, spec: ResourceSpec,
               problems: list[Problem]) -> Table | None:
    """Read one resource's file and run its schema checks, or return None if it cannot be read."""
    file = f"{label}{spec.path}"
    path = data_dir / spec.path
    expected = ",".join(spec.header)
    if not path.is_file():
        problems.append(Problem(
            "file-missing", file, None, None, None, f"{spec.path} is missing from the data folder.",
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
            "file-empty", file, None, None, None,
            "This file is empty: it does not even have a header row.",
            f"Put back the header row ({expected}) and the rows below it; if you saved it from "
            "a spreadsheet, check that you saved the right sheet.",
        ))
        return None
    cells = read_cells(text)
    if not_utf8 is not None:
        problems.append(_encoding_problem(file, raw, not_utf8, cells.header))
    problems.extend(_header_problems(file, cells.header, spec.header))
    table = Table(spec, file, cells.rows)
    _check_cells(table, cells, problems)
    if spec.name in MUST_HAVE_ROWS and len(table) == 0:
        problems.append(Problem(
            "file-without-rows", file, None, None, None,
            "This file has a header row but no data rows.",
            "Put the rows back (restore them from the last published version): the site needs "
            "at least one.",
        ))
    return table


def _check_cells(table: Table, cells: CsvCells, problems: list[Problem]) -> None:
    """Check each row's shape, then each column against its field's schema."""
    shape_ok = cells.widths == len(cells.header)
    for position in np.flatnonzero(~shape_ok):
        width = int(cells.widths[position])
        problems.append(table.problem(
            "cell-count", int(position), None,
            f"This row has {width} cells but the header row has {len(cells.header)} columns, so "
            "its cells are in the wrong columns.",
            "Look for a comma too many or too few; text that contains a comma must be inside "
            'double quotes, e.g. "April, May and June".',
        ))
    # A column named twice is read from its first appearance (the duplicate is reported above).
    first_position = {name: i for i, name in reversed(list(enumerate(cells.header)))}
    keys = key_fields(table.spec)
    for field_spec in table.spec.fields:
        if field_spec.name in first_position:
            column_at = first_position[field_spec.name]
            # When every row is shorter than the header, the frame has no column at this
            # position: read it as empty (the short rows are already reported above).
            series = (cells.cells[column_at] if column_at in cells.cells
                      else pd.Series([""] * len(cells.rows), dtype=object))
            table.columns[field_spec.name] = check_column(
                table, field_spec, series, shape_ok, field_spec.name in keys, problems)


def _decode_leniently(raw: bytes) -> str:
    """Return the text of a file that is not UTF-8, so every other check can still run."""
    # Most non-UTF-8 files come from Excel's "CSV (Comma delimited)", which writes Windows-1252.
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
    """Return the problem of a file that is not UTF-8, pointing at its first unreadable byte."""
    row, cell = _byte_position(raw, error.start)
    bad = raw[error.start]
    shown = bytes([bad]).decode("cp1252", errors="replace")
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    line_end = raw.find(b"\n", error.start)
    line = raw[line_start: None if line_end < 0 else line_end].decode("cp1252", errors="replace")
    return Problem(
        "file-encoding", file, row, header[cell] if cell < len(header) else None, line.strip(),
        f"This file is not saved as UTF-8, so some characters cannot be read. The first is in "
        f"this row: the byte 0x{bad:02X}, which is '{shown}' in the older Windows-1252 encoding.",
        "In Excel choose Save As → CSV UTF-8 (Comma delimited). Other programs call it "
        "'Unicode (UTF-8)'.",
    )


def _header_problems(file: str, header: Sequence[str], expected: Sequence[str]) -> list[Problem]:
    """Compare the header row with the schema's columns and say exactly what differs."""
    if tuple(header) == tuple(expected):
        return []
    should = f"The header row should be: {','.join(expected)}"

    def at(code: str, column: str | None, value: str | None, message: str, fix: str) -> Problem:
        return Problem(code, file, 1, column, value, message, fix)

    problems: list[Problem] = []
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if not name.strip():
            problems.append(at("label-blank", None, name, f"Column {index} of the header row has no name.",
                               "Delete that column (or a stray comma in the header row). "
                               f"{should}"))
        elif name in seen:
            problems.append(at("label-duplicate", name, name, f"The column `{name}` appears twice.",
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
        problems.append(at("label-renamed", wrong, wrong,
                           f"The column `{right}` has been renamed to `{wrong}`{hint}.",
                           f"Rename it back to `{right}`. {should}"))
    for name in missing:
        if name not in renamed.values():
            problems.append(at("label-missing", name, None, f"The column `{name}` is missing.",
                               f"Add the column back, with its values. {should}"))
    for name in extra:
        if name not in renamed:
            problems.append(at("label-extra", name, name, f"There is an extra column `{name}` that the data "
                               "package does not describe.",
                               f"Delete the column (or ask for it to be added to datapackage.json "
                               f"first). {should}"))
    if not problems:
        problems.append(at("label-order", None, ",".join(header), "The columns are in the wrong order.",
                           f"Put them back in this order. {should}"))
    return problems

