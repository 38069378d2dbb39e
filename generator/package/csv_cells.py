"""Split CSV text into its cells exactly as written, with each row's width, for validation.

Validation checks every cell of a file, however it is broken, so it reads the text without the
loader's forgiveness: short and long rows keep their width, and nothing is stripped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

_QUOTE, _COMMA, _NEWLINE = ord('"'), ord(","), ord("\n")
_BLOCK = 1 << 20  # bytes scanned at a time by record_layout


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
