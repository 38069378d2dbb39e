"""Read CSV files as the data package writes them: UTF-8, any line endings, blank rows skipped.

Three readers for three jobs: ``read_rows`` gives dicts (small files), ``read_column_chunks``
gives columns a few thousand rows at a time (the observations, by far the largest file), and
``read_cells`` gives every cell exactly as written, with each row's width, for validation.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, islice, repeat
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

_ROWS_PER_BLOCK = 256
ROWS_PER_CHUNK = 8192  # rows read_column_chunks hands over at a time

_QUOTE, _COMMA, _NEWLINE = ord('"'), ord(","), ord("\n")
_BLOCK = 1 << 20  # bytes scanned at a time by record_layout


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 bytes, dropping a byte-order mark and turning every line ending into \\n."""
    # Files saved from Excel often start with a BOM or use CRLF, and files edited in two tools
    # can mix line endings: all harmless, so normalised here rather than rejected. Bytes that are
    # not UTF-8 raise UnicodeDecodeError, and the validator reports where.
    text = raw.decode("utf-8-sig")
    # The check is one fast scan; most files have no carriage returns to replace.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_text(path: Path) -> str:
    """Read a text file as UTF-8, tolerating a byte-order mark and any mix of line endings."""
    return decode_text(path.read_bytes())


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield each data row of a CSV file as a dict of stripped strings, skipping blank lines."""
    header, records = _records(path)
    # A column named twice reads from its last appearance, so only those cells decide blankness.
    named_once = len(set(header)) == len(header)
    for record in records:
        row = dict(zip(header, map(str.strip, record), strict=True))
        if named_once or any(row.values()):
            yield row


def _records(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """Return the header and an iterator of the non-blank data rows, each as wide as the header.

    Cells missing from a short row read as blank; cells beyond the header are ignored.
    """
    reader = csv.reader(io.StringIO(read_text(path)))
    header = next(reader, [])
    width = len(header)

    def records() -> Iterator[list[str]]:
        for record in reader:
            if len(record) != width:
                record = _fit(record, width)
            # Joined, the cells are blank exactly when each one is.
            if "".join(record).strip():
                yield record

    return header, records()


def _fit(record: list[str], width: int) -> list[str]:
    """Pad a short row with blank cells, or cut a long one, to the header's width."""
    return (record + [""] * width)[:width]


def read_column_chunks(path: Path) -> tuple[list[str], Iterator[list[list[str]]]]:
    """Return a CSV file's header and its cells, a column at a time, ROWS_PER_CHUNK rows at a time.

    Cells are as written (not stripped); rows are fitted to the header as read_rows fits them
    (short rows padded with blanks, long ones cut), and rows whose cells are all blank are left
    out.

    A caller that turns each chunk into records before reading the next never holds every cell
    of a large file at once: a hundred thousand rows are a million cells, about 70 MB.
    """
    lines, final_newline = _split_lines(read_text(path))
    reader = csv.reader(_lines_from(lines, 0, final_newline))
    header = next(reader, [])
    width = len(header)
    start = reader.line_num

    def chunks() -> Iterator[list[list[str]]]:
        columns: list[list[str]] = [[] for _ in header]
        # A block of lines at a time: nearly every block is plain (see _plain_columns) and is
        # split without the csv module; the rest are read by csv.reader, which may carry on
        # past the block to finish a record holding line breaks. So every block starts where
        # a record starts.
        position = start
        while position < len(lines):
            block = lines[position: position + _ROWS_PER_BLOCK]
            cells: Sequence[Sequence[str]] | None = _plain_columns(block, width)
            if cells is None:
                block_reader = csv.reader(_lines_from(lines, position, final_newline))
                cells = _columns_of(list(islice(block_reader, _ROWS_PER_BLOCK)), width)
                position += block_reader.line_num
            else:
                position += len(block)
            for column, new_cells in zip(columns, cells, strict=True):
                column.extend(new_cells)
            if width and len(columns[0]) >= ROWS_PER_CHUNK:
                yield columns
                columns = [[] for _ in header]
        if width and columns[0]:
            yield columns

    return header, chunks()


def _split_lines(text: str) -> tuple[list[str], bool]:
    """Return the lines of decoded text, and whether the last one ended with a newline."""
    lines = text.split("\n")
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    return lines, final_newline


def _lines_from(lines: list[str], start: int, final_newline: bool) -> Iterator[str]:
    """Yield lines[start:] as io.StringIO yields them: each with its newline, if it had one."""
    last = len(lines) - 1
    yield from map(add, map(lines.__getitem__, range(start, last)), repeat("\n"))
    if start <= last:
        yield lines[last] + "\n" if final_newline else lines[last]


def _plain_columns(block: list[str], width: int) -> list[list[str]] | None:
    """Split a block of lines into columns without the csv module, where that is exact.

    Splitting at commas reads a line as csv.reader does when the line has no quote character
    and is no longer than csv.reader allows a cell to be. This returns None unless every line
    of the block is like that, holds a full row of cells and is not a blank row.
    """
    # Speed: one split of the whole block and a slice per column, instead of csv.reader making
    # a list per row that then has to be checked and turned into columns: reading a large file
    # takes about a third less time.
    cells = ",".join(block)
    if '"' in cells or {*map(str.count, block, repeat(","))} != {width - 1}:
        return None
    if max(map(len, block)) > csv.field_size_limit():
        return None
    flat = cells.split(",")
    columns = [flat[index::width] for index in range(width)]
    # A row is blank only if its first cell is, which is rare: csv.reader then reads the block.
    return columns if all(map(str.strip, columns[0])) else None


def _columns_of(records: list[list[str]], width: int) -> Sequence[Sequence[str]]:
    """Fit csv.reader's records to the header, drop the blank ones and return the columns."""
    # The rows are checked with map() rather than one by one in Python, which is several times
    # faster; nearly every row is already fitted and none is blank.
    if {*map(len, records)} != {width}:
        records = [record if len(record) == width else _fit(record, width) for record in records]
    # Joined, the cells are blank exactly when each one is.
    joined = list(map(str.strip, map("".join, records)))
    if not all(joined):
        records = list(compress(records, joined))
    return list(zip(*records, strict=True)) if records else [() for _ in range(width)]


@dataclass(frozen=True)
class CsvCells:
    """A CSV file's cells exactly as written, for checking many rows at once.

    ``cells`` has one column per cell position (0, 1, ...; as many as the widest row) holding
    strings, "" where a row is short. Blank rows are left out; ``rows`` keeps each remaining row's
    spreadsheet row number (the header is row 1) and ``widths`` how many cells it really has.
    """

    header: tuple[str, ...]
    cells: pd.DataFrame
    rows: npt.NDArray[np.int64]
    widths: npt.NDArray[np.int64]


def read_cells(text: str) -> CsvCells:
    """Split decoded CSV text into its header and a frame of cell strings."""
    import numpy as np

    # pandas' C parser is fast but pads short rows silently, so the cell count of every row
    # comes from a separate pass over the bytes.
    encoded = text.encode("utf-8")
    ends, separators = record_layout(np.frombuffer(encoded, dtype=np.uint8), b'"' in encoded)
    if ends.size == 0:
        return _cells_from_rows([])
    starts = np.concatenate(([0], ends[:-1] + 1))
    widths = separators + 1
    blank = (ends - starts) == separators
    header = next(csv.reader([encoded[: int(ends[0])].decode("utf-8")]), [])
    keep = np.flatnonzero(~blank[1:])
    if int(ends[0]) + 1 < len(encoded) and keep.size:
        frame = _parse_body(encoded, int(ends[0]) + 1, int(widths[1:].max()))
        if frame is not None and len(frame) == ends.size - 1:
            return CsvCells(
                header=tuple(header),
                cells=frame.iloc[keep].reset_index(drop=True),
                rows=(keep + 2).astype(np.int64),
                widths=widths[1:][keep],
            )
        # The two passes disagree only on malformed quoting; the csv module then decides alone.
        return _cells_from_rows(list(csv.reader(io.StringIO(text))))
    return CsvCells(tuple(header), _empty_frame(len(header)), np.zeros(0, np.int64),
                    np.zeros(0, np.int64))


def record_layout(
    data: npt.NDArray[np.uint8], quoted: bool
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Return where each record ends and how many separating commas it holds."""
    import numpy as np

    # A comma or newline separates unless an odd number of quotes precedes it (a doubled quote
    # inside a quoted cell keeps the parity even). Scanning in blocks that fit the processor's
    # cache makes a large file several times faster than one pass over the whole.
    ends: list[npt.NDArray[np.int64]] = []
    commas_at_ends: list[npt.NDArray[np.int64]] = []
    commas, parity = 0, 0
    for offset in range(0, data.size, _BLOCK):
        block = data[offset: offset + _BLOCK]
        newline, comma = block == _NEWLINE, block == _COMMA
        if quoted:
            quotes = block == _QUOTE
            # A uint8 running count wraps at 256, which keeps its parity.
            outside = ((np.cumsum(quotes, dtype=np.uint8) + parity) & 1) == 0
            parity = (parity + int(np.count_nonzero(quotes))) & 1
            newline &= outside
            comma &= outside
        found_newlines, found_commas = np.flatnonzero(newline), np.flatnonzero(comma)
        ends.append(found_newlines + offset)
        commas_at_ends.append(commas + np.searchsorted(found_commas, found_newlines))
        commas += found_commas.size
    record_ends = np.concatenate(ends) if ends else np.zeros(0, np.int64)
    counts = np.concatenate(commas_at_ends) if ends else np.zeros(0, np.int64)
    if data.size > (int(record_ends[-1]) + 1 if record_ends.size else 0):
        # The last record has no newline after it.
        record_ends = np.append(record_ends, data.size)
        counts = np.append(counts, commas)
    return record_ends.astype(np.int64), np.diff(counts, prepend=0).astype(np.int64)


def _parse_body(encoded: bytes, start: int, width: int) -> pd.DataFrame | None:
    import pandas as pd

    stream = io.BytesIO(encoded)
    stream.seek(start)
    try:
        return pd.read_csv(
            stream, header=None, names=list(range(width)), dtype=object,
            na_filter=False, keep_default_na=False, skip_blank_lines=False, encoding="utf-8",
            engine="c", low_memory=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None


def _empty_frame(width: int) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({i: pd.Series([], dtype=object) for i in range(width)})


def _cells_from_rows(records: list[list[str]]) -> CsvCells:
    import numpy as np
    import pandas as pd

    if not records:
        return CsvCells((), _empty_frame(0), np.zeros(0, np.int64), np.zeros(0, np.int64))
    header, body = records[0], records[1:]
    keep = [i for i, record in enumerate(body) if any(record)]
    width = max((len(body[i]) for i in keep), default=len(header))
    frame = pd.DataFrame(
        [body[i] + [""] * (width - len(body[i])) for i in keep],
        columns=list(range(width)), dtype=object,
    ) if keep else _empty_frame(width)
    return CsvCells(
        header=tuple(header),
        cells=frame,
        rows=np.array([i + 2 for i in keep], dtype=np.int64),
        widths=np.array([len(body[i]) for i in keep], dtype=np.int64),
    )
