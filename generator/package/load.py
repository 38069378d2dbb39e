"""Read the data package from disk into the typed model (I/O only; validate first).

CSV files are read as the data package writes them: UTF-8, any line endings, blank rows
skipped. ``read_rows`` gives dicts (small files); ``read_column_chunks`` gives columns a few
thousand rows at a time (the observations, by far the largest file). Validation reads cells
exactly as written instead (generator.package.csv_cells).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import compress, islice, repeat
from operator import add, attrgetter
from pathlib import Path
from typing import Any, TypeVar

from generator.memory import collector_paused
from generator.package.model import (
    Action,
    DataPackage,
    Observation,
    Priority,
    Release,
    SeriesBreak,
)
from generator.package.periods import parse_period
from generator.package.records import (
    area,
    indicator,
    marker,
    optional_float,
    optional_int,
    population,
    revision,
    source,
)

DESCRIPTOR_NAME = "datapackage.json"

_T = TypeVar("_T")
_ROWS_PER_BLOCK = 256
ROWS_PER_CHUNK = 8192  # rows of observations read and converted at a time
_ORDER_KEY = attrgetter("order_key")


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


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Return the parsed datapackage.json."""
    descriptor: dict[str, Any] = json.loads(read_text(data_dir / DESCRIPTOR_NAME))
    return descriptor


def resource_path(data_dir: Path, descriptor: dict[str, Any], name: str) -> Path:
    """Return the file path of the named resource, refusing paths that leave data_dir."""
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            path = data_dir / str(resource["path"])
            # A path such as ../../secret.csv would read (and publish) a file from elsewhere.
            if not path.resolve().is_relative_to(data_dir.resolve()):
                raise ValueError(
                    f"resource '{name}' points outside the data folder: {resource['path']}")
            return path
    raise KeyError(f"datapackage.json has no resource called '{name}'")


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


def _observations(path: Path) -> list[Observation]:
    """Read the observations resource a column at a time: it is by far the largest file.

    The observations come back sorted by indicator, area, breakdown and period.
    """
    header, chunks = read_column_chunks(path)
    if len(set(header)) != len(header):
        # A column named twice reads from its last appearance, as read_rows has it.
        rows = list(read_rows(path))
        header = list(dict.fromkeys(header))
        chunks = iter([[[row[name] for row in rows] for name in header]] if rows else [])
    observations: list[Observation] = []
    keys: list[tuple[str, str, str, tuple[date, date, str, str]]] = []
    # A chunk of rows at a time, so the raw cells of only one chunk are held at once.
    for chunk in chunks:
        _add_observations(dict(zip(header, chunk, strict=True)), observations, keys)
    # The sort keys were zipped from the columns in C, rather than read from each observation
    # by a Python key function. Row numbers are sorted and equal keys keep their file order
    # (the sort is stable), exactly as sorting the observations themselves does.
    return list(map(observations.__getitem__, sorted(range(len(observations)), key=keys.__getitem__)))


def _add_observations(
    columns: dict[str, list[str]],
    observations: list[Observation],
    keys: list[tuple[str, str, str, tuple[date, date, str, str]]],
) -> None:
    """Convert one chunk's columns into observations and their sort keys, appended in order."""
    count = len(next(iter(columns.values())))

    def column(name: str, convert: Callable[[str], _T], *, required: bool = False) -> list[_T]:
        if name not in columns:
            if required:
                raise KeyError(name)
            return [convert("")] * count
        # Most columns repeat a few values (ids, periods, markers, denominators) many times:
        # each distinct text is stripped and converted once.
        converted = {text: convert(text.strip()) for text in set(columns[name])}
        if len(converted) == 1:
            # A column holding one value throughout (often all blank) needs no lookups.
            return list(converted.values()) * count
        return list(map(converted.__getitem__, columns[name]))

    # The columns are converted in this order, so a chunk with several faults reports the
    # same one first as it always has.
    indicators = column("indicator", str, required=True)
    areas = column("area", str, required=True)
    periods = column("period", parse_period, required=True)
    breakdowns = column("breakdown", str, required=True)
    observations.extend(map(
        Observation, indicators, areas, periods, breakdowns,
        column("value", optional_float),
        column("status", marker),
        column("numerator", optional_int),
        column("denominator", optional_int),
        column("vintage", str, required=True),
        column("note", str),
    ))
    keys.extend(zip(indicators, areas, breakdowns, map(_ORDER_KEY, periods), strict=True))


def load_package(data_dir: Path) -> DataPackage:
    """Load every resource of the data package in data_dir into the typed model."""
    with collector_paused():
        return _load_package(data_dir)


def _load_package(data_dir: Path) -> DataPackage:
    # Imported here: load_wards reads its files with this module's readers.
    from generator.package.load_wards import load_ward_boundaries, load_ward_counts

    descriptor = read_descriptor(data_dir)

    def rows(name: str) -> list[dict[str, str]]:
        path = resource_path(data_dir, descriptor, name)
        return list(read_rows(path)) if path.exists() else []

    path = resource_path(data_dir, descriptor, "observations")
    observations = _observations(path) if path.exists() else []
    return DataPackage(
        priorities=tuple(
            Priority(int(r["number"]), r["slug"], r["title"], r["short_title"], r["summary"])
            for r in rows("priorities")
        ),
        actions=tuple(Action(r["id"], int(r["priority"]), r["text"]) for r in rows("actions")),
        indicators=tuple(
            sorted(map(indicator, rows("indicators")), key=lambda i: (i.priority, i.order))
        ),
        areas=tuple(map(area, rows("areas"))),
        population=tuple(map(population, rows("population"))),
        observations=tuple(observations),
        series_breaks=tuple(
            SeriesBreak(r["indicator"], r["period"], r["description"]) for r in rows("series_breaks")
        ),
        releases=tuple(
            sorted(
                (Release(date.fromisoformat(r["date"]), r["title"], r["note"]) for r in rows("releases")),
                key=lambda release: release.date,
            )
        ),
        revisions=tuple(map(revision, rows("revisions"))),
        sources=tuple(map(source, rows("sources"))),
        ward_counts=load_ward_counts(data_dir, descriptor),
        ward_boundaries=load_ward_boundaries(data_dir, descriptor),
        descriptor=descriptor,
    )
