"""Write the figures spreadsheet as .xlsx: an instructions sheet, then a sheet per priority.

openpyxl is imported inside the functions so that the command line stays quick to start. The
filled-in file is read back by generator.returns.reading.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.package.model import Marker
from generator.publish.disk import write_bytes_atomic
from generator.returns import (
    COLUMNS,
    INSTRUCTIONS_SHEET,
    column_letter,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# Empty rows at the foot of each sheet for figures the template did not foresee.
SPARE_ROWS = 10

# Columns that only describe the measure; the import never reads them.
DESCRIPTIVE = frozenset({"title", "unit", "target", "period_label"})
# Columns that say which figure a row is; fixed on published figures so a correction stays one.
KEY = frozenset({"indicator", "area", "period", "breakdown"})
# Typed as text so that Excel keeps 2026-04 and 2023/24 as written instead of making dates.
TEXT_COLUMNS = frozenset({"indicator", "area", "period", "breakdown", "status", "note"})

_FIXED_FILL = "EDEDED"
_HEADER_FILL = "D0D0D0"
MARKER_CHOICES = ", ".join(marker.value for marker in Marker)


@dataclass(frozen=True)
class TemplateRow:
    """One row of a priority sheet as the template writes it."""

    indicator: str
    title: str
    unit: str
    target: str
    area: str
    period: str
    period_label: str
    breakdown: str
    value: float | None
    status: str
    note: str
    published: bool  # True for a figure already in the data: its key cells are locked


@dataclass(frozen=True)
class TemplateSheet:
    """A priority's sheet."""

    name: str
    rows: tuple[TemplateRow, ...]


@dataclass(frozen=True)
class Template:
    """The whole workbook: instructions, one sheet per priority, and the time it is stamped with."""

    instructions: tuple[str, ...]  # lines; '# ' starts a heading
    sheets: tuple[TemplateSheet, ...]
    stamp: datetime
    author: str  # the partnership, named in the file's properties


# Writing ------------------------------------------------------------------------------------


def write_template(template: Template, path: Path) -> None:
    """Write the template to path as an .xlsx file that is identical for identical input."""
    write_bytes_atomic(path, template_bytes(template))


def template_bytes(template: Template) -> bytes:
    """Return the template as the bytes of an .xlsx file, identical for identical input."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)  # a new workbook always starts with one worksheet
    _write_instructions(first, template.instructions)
    for sheet in template.sheets:
        _write_sheet(workbook.create_sheet(sheet.name), sheet.rows)
    return _deterministic_bytes(workbook, template.stamp, template.author)


def _write_instructions(sheet: Worksheet, lines: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = 110
    for number, line in enumerate(lines, start=1):
        cell = sheet.cell(row=number, column=1, value=line.removeprefix("# "))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=14)
        elif line.startswith("# "):
            cell.font = Font(bold=True, size=12)
    sheet.protection.sheet = True


def _write_sheet(sheet: Worksheet, rows: Sequence[TemplateRow]) -> None:
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    fixed = PatternFill("solid", fgColor=_FIXED_FILL)
    for index, spec in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=spec.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        sheet.column_dimensions[column_letter(spec.key)].width = spec.width
    last_row = len(rows) + SPARE_ROWS + 1
    for number in range(2, last_row + 1):
        template_row = rows[number - 2] if number - 2 < len(rows) else None
        for index, spec in enumerate(COLUMNS, start=1):
            value = getattr(template_row, spec.key) if template_row else None
            cell = sheet.cell(row=number, column=index, value=_cell_value(value))
            locked = _is_locked(spec.key, template_row)
            cell.protection = Protection(locked=locked)
            if locked:
                cell.fill = fixed
            if spec.key in TEXT_COLUMNS:
                cell.number_format = "@"
    markers = DataValidation(
        type="list", formula1=f'"{",".join(marker.value for marker in Marker)}"', allow_blank=True,
        showErrorMessage=True, errorTitle="Status marker",
        error=f"Choose one of {MARKER_CHOICES}, or leave the cell empty.",
    )
    values = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorTitle="Value",
        error="Type the figure only: digits and a decimal point, no commas or % sign.",
    )
    sheet.add_data_validation(markers)
    sheet.add_data_validation(values)
    markers.add(f"{column_letter('status')}2:{column_letter('status')}{last_row}")
    values.add(f"{column_letter('value')}2:{column_letter('value')}{last_row}")
    sheet.freeze_panes = "A2"
    # No password: the protection only stops accidental edits of the fixed cells.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _cell_value(value: object) -> str | int | float | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return value if isinstance(value, str | int) else str(value)


def _is_locked(key: str, row: TemplateRow | None) -> bool:
    if key in DESCRIPTIVE:
        return True
    if row is None:
        return False  # spare rows: the editor says which figure it is
    if key in {"indicator", "area"}:
        return True
    return key in KEY and row.published


def _deterministic_bytes(workbook: Workbook, stamp: datetime, author: str) -> bytes:
    """Return the workbook's bytes with every timestamp set to stamp."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.creator = author
    workbook.properties.lastModifiedBy = author
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which overwrites 'modified' with the current time.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    # The zip entries still carry the time of writing; copy them with the stamp instead.
    output = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
