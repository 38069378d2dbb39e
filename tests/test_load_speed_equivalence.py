"""The fast CSV and observation readers give exactly what the plain csv-module reading gives."""

from __future__ import annotations

import csv
import io
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.package.load import load_package, read_column_chunks, read_rows, read_text
from generator.package.model import Marker, Observation
from generator.package.periods import parse_period

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"

# Quotes, commas, line breaks, blanks and NUL: everything that decides how a line splits.
PIECES = ["a", "b", ",", ",", '"', '""', "\n", "\n", " ", "\t", "é", "\0", "x y"]


def columns_read_by_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """The reference reading: csv.reader row by row, fitted to the header, blank rows dropped."""
    reader = csv.reader(io.StringIO(read_text(path)))
    header = next(reader, [])
    width = len(header)
    rows = [(row + [""] * width)[:width] for row in reader]
    rows = [row for row in rows if "".join(row).strip()]
    return header, [[row[index] for row in rows] for index in range(width)]


def outcome(read: Callable[[Path], object], path: Path) -> object:
    """Return what reading gives, or the type and message of the error it raises."""
    try:
        return read(path)
    except Exception as error:
        return type(error), str(error)


def columns_read_in_chunks(path: Path) -> tuple[list[str], list[list[str]]]:
    """The fast reading: read_column_chunks, its chunks joined back together."""
    header, chunks = read_column_chunks(path)
    columns: list[list[str]] = [[] for _ in header]
    for chunk in chunks:
        for column, cells in zip(columns, chunk, strict=True):
            column.extend(cells)
    return header, columns


def random_lines(rng: random.Random, lines: int) -> str:
    """Return lines of random pieces: quotes, commas and line breaks across any block edge."""
    return "\n".join("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
                     for _ in range(lines))


def test_read_columns_matches_csv_reader_on_random_text(tmp_path: Path) -> None:
    rng = random.Random(1)
    path = tmp_path / "x.csv"
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 50)))
        path.write_text(text, encoding="utf-8")
        assert outcome(columns_read_in_chunks, path) == outcome(columns_read_by_csv, path), text


def test_read_columns_matches_csv_reader_on_long_random_files(tmp_path: Path) -> None:
    # Hundreds of lines, so quoted line breaks, blank rows and ragged rows fall across the
    # edges of the blocks and chunks the fast reader splits a file into.
    rng = random.Random(2)
    path = tmp_path / "x.csv"
    for _ in range(40):
        path.write_text("a,b,c\n" + random_lines(rng, rng.randint(200, 3000)), encoding="utf-8")
        assert outcome(columns_read_in_chunks, path) == outcome(columns_read_by_csv, path)


def test_read_columns_keeps_csv_readers_cell_size_limit(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "x.csv"
    limit = csv.field_size_limit(4)
    try:
        for _ in range(500):
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
            path.write_text(text, encoding="utf-8")
            assert outcome(columns_read_in_chunks, path) == outcome(columns_read_by_csv, path), text
    finally:
        csv.field_size_limit(limit)


def observations_read_by_rows(path: Path) -> list[Observation]:
    """The reference: one observation per row from read_rows, then a stable sort."""
    observations = [
        Observation(
            row["indicator"], row["area"], parse_period(row["period"]), row["breakdown"],
            float(row["value"]) if row["value"] else None,
            Marker(row["status"]) if row["status"] else None,
            int(float(row["numerator"])) if row["numerator"] else None,
            int(float(row["denominator"])) if row["denominator"] else None,
            row["vintage"], row["note"],
        )
        for row in read_rows(path)
    ]
    return sorted(observations,
                  key=lambda obs: (obs.indicator, obs.area, obs.breakdown, obs.period.order_key))


@pytest.mark.parametrize("seed", [3, 256])
def test_observations_are_read_and_sorted_as_row_by_row_reading_does(
    tmp_path: Path, seed: int
) -> None:
    shutil.copytree(MINIMAL, tmp_path, dirs_exist_ok=True)
    rng = random.Random(seed)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["indicator", "area", "period", "period_label", "breakdown", "value",
                     "status", "numerator", "denominator", "vintage", "note"])
    for _ in range(9000):  # more than one block of lines and one chunk of rows
        # Few distinct keys, so many rows share one and must keep their order in the file.
        writer.writerow([
            rng.choice(["b", "a", " a"]), rng.choice(["sutton", "london"]),
            rng.choice(["2023-04", "2023-Q2", "2023", "2023/24", " 2022/23"]), "label",
            rng.choice(["all", "male"]), rng.choice(["", "1.5", " 2 ", "3"]),
            rng.choice(["", "", "[c]", "[p]"]), rng.choice(["", "12", " 7"]),
            rng.choice(["", "100"]), rng.choice(["v1", "v2"]),
            rng.choice(["", "", "", "with, comma", "two\nlines", 'a "quote"', "  "]),
        ])
        if rng.random() < 0.02:
            stream.write(rng.choice(["\n", ",,,\n", " , \n", "a,sutton,2023\n"]))
    path = tmp_path / "observations.csv"
    path.write_text(stream.getvalue(), encoding="utf-8")
    assert list(load_package(tmp_path).observations) == observations_read_by_rows(path)
