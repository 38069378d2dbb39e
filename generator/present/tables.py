"""Data tables: what a table holds, and its accessible HTML.

A measure's page carries a table of every figure behind its chart (a row per period, a column per
area), so at London scale there are over a hundred thousand cells to write. They are joined here in
plain Python rather than by a template loop: the markup is fixed, every text is escaped once, and it
costs a small fraction of rendering each cell through jinja2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator.present.context import described


@dataclass(frozen=True)
class TableRow:
    """One row of a data table."""

    heading: str = described("the row's heading, e.g. a period's label")
    cells: tuple[str, ...] = described("the row's other cells, already written as text")


@dataclass(frozen=True)
class Table:
    """A data table: the first column holds row headings, the rest numbers or markers."""

    id: str = described("the table's id, which the chart beside it names")
    caption: str = described("what the table holds, in words")
    columns: tuple[str, ...] = described("the column headings, the row headings' first")
    rows: tuple[TableRow, ...] = described("the rows, in order")
    text_cells: int = field(default=0, metadata={
        "help": "how many cells after the row heading hold words, not numbers"})


def table_html(table: Table) -> Markup:
    """Return the table in a keyboard-scrollable region, headings scoped, numbers right-aligned."""
    id_ = _text(table.id)
    head = "".join(
        f'<th scope="col"{_NUMBER if index > table.text_cells else ""}>{_text(column)}</th>'
        for index, column in enumerate(table.columns)
    )
    # Each cell's class depends only on its position, so every row shares one list of openings.
    openings = [
        "<td" + (_NUMBER if index >= table.text_cells else "") + ">"
        for index in range(max((len(row.cells) for row in table.rows), default=0))
    ]
    body = "".join(
        '<tr><th scope="row">' + _text(row.heading) + "</th>"
        # A row may have fewer cells than the widest (never more), hence strict=False.
        + "".join(opening + _text(cell) + "</td>"
                  for opening, cell in zip(openings, row.cells, strict=False))
        + "</tr>\n"
        for row in table.rows
    )
    return Markup(
        f'<div class="ss-table" role="region" aria-labelledby="{id_}-caption" tabindex="0">\n'
        f'<table id="{id_}">\n'
        f'<caption id="{id_}-caption">{_text(table.caption)}</caption>\n'
        f"<thead>\n<tr>{head}</tr>\n</thead>\n"
        f"<tbody>\n{body}</tbody>\n</table>\n</div>\n"
    )


_NUMBER = ' class="ss-num"'


def _text(value: str) -> str:
    # The same five replacements as markupsafe.escape (which jinja2 uses), so a table reads the
    # same either way, but returning a plain str: markupsafe builds a Markup object per call,
    # which costs more than the escaping itself over a hundred thousand cells.
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))
