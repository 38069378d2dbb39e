"""Read a filled-in figures spreadsheet back, cell by cell, collecting every problem.

openpyxl is imported inside the functions so that the command line stays quick to start.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import ReturnFileError
from generator.package.model import TOTAL_BREAKDOWN, Marker
from generator.package.periods import PeriodError, parse_period
from generator.publish.cells import number_text
from generator.returns import COLUMNS, INSTRUCTIONS_SHEET, ReturnedRow, ReturnProblem
from generator.returns.sheet import MARKER_CHOICES

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# Records a problem with the cell being read: report(message, fix).
CellReport = Callable[[str, str], None]

_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_MARKERS = {marker.value: marker for marker in Marker}



def read_return(
    path: Path, sheet_names: Collection[str], home_area: str
) -> tuple[list[ReturnedRow], list[ReturnProblem]]:
    """Return the figures typed into each priority sheet, and every problem found on the way."""
    workbook = _open(path)
    rows: list[ReturnedRow] = []
    problems: list[ReturnProblem] = []
    for name in workbook.sheetnames:
        if name == INSTRUCTIONS_SHEET:
            continue
        if name not in sheet_names:
            problems.append(ReturnProblem(
                name, None, None, name, f"'{name}' is not one of the template's sheets",
                "move its rows to the right priority sheet and delete it; the sheets are "
                + ", ".join(f"'{sheet}'" for sheet in [INSTRUCTIONS_SHEET, *sheet_names]),
            ))
            continue
        sheet = workbook[name]
        sheet_problems = list(_structure_problems(sheet))
        problems.extend(sheet_problems)
        if any(problem.row == 1 for problem in sheet_problems):
            continue  # without the template's headings the cells cannot be read safely
        sheet_rows, row_problems = _read_rows(sheet, home_area)
        rows.extend(sheet_rows)
        problems.extend(row_problems)
    return rows, problems


def _open(path: Path) -> Workbook:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.is_file():
        raise ReturnFileError(f"{path} does not exist; check the file name and folder")
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ReturnFileError(
            f"{path.name} is not an Excel workbook: in Excel choose File > Save As > "
            "Excel Workbook (.xlsx), then import that file"
        )
    try:
        return load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ReturnFileError(
            f"{path.name} cannot be opened as an Excel workbook ({error}); open it in Excel, "
            "save it as Excel Workbook (.xlsx) and try again"
        ) from error


def _ref(index: int) -> str:
    """Return the column key for a position inside the layout, else its letter."""
    from openpyxl.utils import get_column_letter

    return COLUMNS[index - 1].key if index <= len(COLUMNS) else get_column_letter(index)


def _structure_problems(sheet: Worksheet) -> Iterator[ReturnProblem]:
    """Yield problems with the header row, merged cells, formulas and cells outside the layout."""
    yield from _header_problems(sheet)
    for merged in sorted(sheet.merged_cells.ranges, key=lambda cells: (cells.min_row, cells.min_col)):
        yield ReturnProblem(
            sheet.title, merged.min_row, _ref(merged.min_col), str(merged.coord),
            f"cells {merged.coord} are merged",
            "select them and choose Merge & Center > Unmerge Cells, then put each figure in its "
            "own row",
        )
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row), start=1):
        for index, cell in enumerate(row, start=1):
            if _is_formula(cell):
                yield ReturnProblem(
                    sheet.title, number, _ref(index), str(cell.value),
                    f"the cell holds the formula {cell.value}",
                    "type the figure itself (copy the cell, then Paste Special > Values)",
                )
            elif number > 1 and index > len(COLUMNS) and not _blank(cell.value):
                yield ReturnProblem(
                    sheet.title, number, _ref(index), _text(cell.value),
                    f"column {_letter(index)} is outside the template but holds "
                    f"'{_text(cell.value)}'",
                    "move it to the Note column or delete it",
                )


def _header_problems(sheet: Worksheet) -> Iterator[ReturnProblem]:
    expected = [spec.header for spec in COLUMNS]
    width = max(sheet.max_column, len(expected))
    found = [_text(sheet.cell(row=1, column=index).value) for index in range(1, width + 1)]
    normalised = [heading.casefold() for heading in found]
    for index, heading in enumerate(expected, start=1):
        if normalised[index - 1] == heading.casefold():
            continue
        if heading.casefold() in normalised:
            where = normalised.index(heading.casefold()) + 1
            yield ReturnProblem(
                sheet.title, 1, _ref(index), found[index - 1],
                f"the heading '{heading}' should be in this column but is in column "
                f"{_letter(where)}",
                "put the columns back in the template's order (do not insert, delete or move "
                "columns), or start again from a fresh template",
            )
        else:
            shown = f"'{found[index - 1]}'" if found[index - 1] else "nothing"
            yield ReturnProblem(
                sheet.title, 1, _ref(index), found[index - 1],
                f"the heading should be '{heading}' but is {shown}",
                f"type the heading '{heading}' back exactly as the template has it",
            )
    for index in range(len(expected) + 1, width + 1):
        if found[index - 1] and found[index - 1].casefold() not in map(str.casefold, expected):
            yield ReturnProblem(
                sheet.title, 1, _ref(index), found[index - 1],
                f"the heading '{found[index - 1]}' is not one of the template's columns",
                "delete this column; put remarks in the Note column",
            )


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _is_formula(cell: Cell | MergedCell) -> bool:
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    value = cell.value
    return (
        cell.data_type == "f"
        or isinstance(value, ArrayFormula | DataTableFormula)
        or (isinstance(value, str) and value.startswith("="))
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _read_rows(sheet: Worksheet, home_area: str) -> tuple[list[ReturnedRow], list[ReturnProblem]]:
    rows: list[ReturnedRow] = []
    problems: list[ReturnProblem] = []
    cells_by_row = sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=len(COLUMNS))
    for number, cells in enumerate(cells_by_row, start=2):
        by_key = {spec.key: cell for spec, cell in zip(COLUMNS, cells, strict=False)}
        if all(_blank(by_key[key].value) for key in ("indicator", "period", "value", "status", "note")):
            continue  # an unused spare row, or nothing but the fixed descriptions
        if any(_is_formula(cell) or cell.coordinate in sheet.merged_cells for cell in cells):
            continue  # already reported by _structure_problems
        row, row_problems = _read_row(sheet.title, number, by_key, home_area)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    return rows, problems


def _read_row(
    sheet: str, number: int, cells: dict[str, Cell | MergedCell], home_area: str
) -> tuple[ReturnedRow | None, list[ReturnProblem]]:
    problems: list[ReturnProblem] = []

    def problem(key: str, value: object, message: str, fix: str) -> None:
        problems.append(ReturnProblem(sheet, number, key, _text(value), message, fix))

    indicator = _text(cells["indicator"].value)
    if not indicator:
        problem("indicator", None, "the row has a figure but no indicator id",
                "type the measure's id, as in the Indicator id column of the rows above")
    period = _period(cells["period"].value, lambda message, fix: problem(
        "period", cells["period"].value, message, fix))
    value = _number(cells["value"], lambda message, fix: problem(
        "value", cells["value"].value, message, fix))
    marker = _marker(cells["status"].value, lambda message, fix: problem(
        "status", cells["status"].value, message, fix))
    if problems or period is None:
        return None, problems
    row = ReturnedRow(
        sheet=sheet,
        row=number,
        indicator=indicator,
        area=_text(cells["area"].value) or home_area,
        period=period,
        breakdown=_text(cells["breakdown"].value) or TOTAL_BREAKDOWN,
        value=value,
        marker=marker,
        note=_text(cells["note"].value),
    )
    return row, problems


def _period(value: object, report: CellReport) -> str | None:
    if _blank(value):
        report("the period is empty", "type a period code such as 2026-Q3 or 2025/26")
        return None
    if isinstance(value, datetime | date):
        if value.day == 1:
            # Excel turns a typed 2026-04 into 1 April 2026; the month is what was meant.
            return f"{value.year}-{value.month:02d}"
        report(f"Excel has turned the period into the date {value:%d/%m/%Y}",
               "format the cell as Text and type the period code again, e.g. 2026-04")
        return None
    code = _text(value)
    try:
        return parse_period(code).code
    except PeriodError as error:
        report(str(error), "use a period code as listed on the 'How to fill this in' sheet")
        return None


def _number(cell: Cell | MergedCell, report: CellReport) -> float | None:
    value = cell.value
    if _blank(value):
        return None
    if isinstance(value, bool):
        report(f"{value} is not a number", "type the figure, or leave the cell empty")
        return None
    if isinstance(value, int | float):
        if "%" in str(cell.number_format):
            report(
                f"the cell is formatted as a percentage, so Excel stored {number_text(value)} "
                f"for {number_text(value * 100)}%",
                f"format the cell as General and type {number_text(value * 100)}",
            )
            return None
        return float(value)
    if isinstance(value, datetime | date):
        report("Excel has turned the figure into a date",
               "format the cell as General and type the figure again")
        return None
    text = str(value).strip()
    if _PLAIN_NUMBER.match(text):
        return float(text)  # a number stored as text is still unambiguous
    if _GROUPED_NUMBER.match(text):
        report(f"'{text}' is not a number", f"write {text.replace(',', '')} without the comma")
    elif text.endswith("%") and _PLAIN_NUMBER.match(text[:-1].strip()):
        report(f"'{text}' is not a number", f"write {text[:-1].strip()} without the % sign")
    else:
        report(f"'{text}' is text, not a number",
               "type the figure using digits and a decimal point only; if there is no figure, "
               "leave Value empty and choose a status marker")
    return None


def _marker(value: object, report: CellReport) -> Marker | None:
    if _blank(value):
        return None
    text = _text(value).lower()
    if text in _MARKERS:
        return _MARKERS[text]
    report(f"'{_text(value)}' is not a status marker",
           f"choose one from the list ({MARKER_CHOICES}) or leave the cell empty")
    return None
