"""Read Census populations into data/population.csv, and their areas into data/areas.csv.

``python -m generator import-population FILE`` reads a table of London boroughs' Census 2011 and
Census 2021 usual resident populations and writes the home borough, its comparators and London
(the 32 boroughs policed by the Metropolitan Police). Both output files are replaced entirely:
areas are defined by the census table, and the crime importer divides by these populations.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.config import REPO_ROOT
from generator.importers.datafiles import descriptor_of
from generator.importers.london import (
    LONDON_ID,
    LONDON_NAME,
    MPS_BOROUGHS,
    area_id,
)
from generator.importers.problems import InputError, report, shown
from generator.package.load import read_text, resource_path
from generator.publish.disk import write_resource

CODE = "area_code"
NAME = "area_name"
CENSUS_COLUMNS = {
    2011: "census_2011_usual_residents",
    2021: "census_2021_usual_residents_rounded_100",
}
REQUIRED = (CODE, NAME, *CENSUS_COLUMNS.values())

SOURCES = {
    2011: "ONS Census 2011 usual resident population; OGL v3.0",
    2021: (
        "ONS Census 2021 first results (rounded to the nearest 100) via ONS census-population "
        "explainer; OGL v3.0"
    ),
}
BOROUGH_NOTES = {2011: "", 2021: "rounded to the nearest 100"}
LONDON_NOTES = {
    2011: (
        "sum of the 32 borough figures; the City of London, which has its own police force, "
        "is not included"
    ),
    2021: (
        "sum of 32 borough figures each rounded to the nearest 100; the City of London, which has "
        "its own police force, is not included"
    ),
}


@dataclass(frozen=True)
class CensusRow:
    """One borough's Census populations."""

    code: str
    name: str
    population: dict[int, int]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-population options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "The census table needs one row per London borough and the columns\n  "
        + "\n  ".join(REQUIRED) + "\n"
        "London's population is the sum of the 32 boroughs other than the City of London.\n"
        "areas.csv and population.csv are replaced entirely; run import-mps afterwards\n"
        "with the same --area, --comparators and --london options."
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the Census borough population CSV")
    parser.add_argument(
        "--area", default="Sutton", help="the home borough (default: Sutton)",
    )
    parser.add_argument(
        "--comparators", default="Croydon,Bromley",
        help="comma-separated boroughs to compare with (default: Croydon,Bromley); "
             "give '' for none",
    )
    parser.add_argument(
        "--london", action=argparse.BooleanOptionalAction, default=True,
        help="also write London, the 32 boroughs policed by the Metropolitan Police (default: on)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=REPO_ROOT / "data",
        help="the data package directory to update (default: data/ in this project)",
    )


def run(args: argparse.Namespace) -> int:
    """Write areas.csv and population.csv and report what was written."""
    comparators = [name.strip() for name in args.comparators.split(",") if name.strip()]
    try:
        summary = import_population(
            census_path=args.file, home=args.area, comparators=comparators,
            london=args.london, data_dir=args.data_dir,
        )
    except InputError as error:
        return report(error)
    print(summary)
    return 0


def import_population(
    *, census_path: Path, home: str, comparators: Sequence[str], london: bool, data_dir: Path,
) -> str:
    """Replace areas.csv and population.csv in data_dir and return a one-line summary."""
    descriptor = descriptor_of(data_dir)
    rows = read_census(census_path)
    chosen = _chosen(census_path, rows, [home, *comparators])
    areas: list[dict[str, str]] = []
    population: list[dict[str, str]] = []
    for position, row in enumerate(chosen):
        identifier = area_id(row.name)
        areas.append({
            "id": identifier, "name": row.name, "ons_code": row.code, "kind": "borough",
            "is_home": "true" if position == 0 else "false",
        })
        for year, count in row.population.items():
            population.append(_population_row(identifier, year, count, BOROUGH_NOTES[year]))
    if london:
        areas.append({
            "id": LONDON_ID, "name": LONDON_NAME, "ons_code": "", "kind": "police_force_area",
            "is_home": "false",
        })
        for year in CENSUS_COLUMNS:
            total = sum(row.population[year] for row in rows if row.code in MPS_BOROUGHS.values())
            population.append(_population_row(LONDON_ID, year, total, LONDON_NOTES[year]))
    population.sort(key=lambda item: (item["area"], item["year"]))
    areas_path = resource_path(data_dir, descriptor, "areas")
    population_path = resource_path(data_dir, descriptor, "population")
    write_resource(areas_path, descriptor, "areas", areas)
    write_resource(population_path, descriptor, "population", population)
    return (
        f"Wrote {len(areas)} areas to {shown(areas_path)} and {len(population)} Census "
        f"populations to {shown(population_path)}."
    )


def _population_row(area: str, year: int, count: int, note: str) -> dict[str, str]:
    return {
        "area": area, "year": str(year), "population": str(count), "source": SOURCES[year],
        "note": note,
    }


def read_census(path: Path) -> list[CensusRow]:
    """Read the census table, raising InputError that lists every problem found."""
    name = shown(path)
    try:
        reader = csv.DictReader(io.StringIO(read_text(path)))
    except FileNotFoundError:
        raise InputError([f"{name}: there is no such file; check the path."]) from None
    header = [column.strip() for column in reader.fieldnames or []]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise InputError([
            f"{name}: the header is {','.join(header)!r} but the census table needs the columns "
            f"{', '.join(REQUIRED)}; missing: {', '.join(missing)}."
        ])
    problems: list[str] = []
    rows: list[CensusRow] = []
    for row_number, raw in enumerate(reader, start=2):
        record = {
            key.strip(): (value or "").strip() for key, value in raw.items() if key is not None
        }
        counts: dict[int, int] = {}
        for year, column in CENSUS_COLUMNS.items():
            cell = record.get(column, "")
            if cell.isdigit() and int(cell) > 0:
                counts[year] = int(cell)
            else:
                problems.append(
                    f"{name}, row {row_number}, column {column}: {cell!r} is not a population; "
                    "write a whole number with no commas."
                )
        if len(counts) == len(CENSUS_COLUMNS):
            rows.append(CensusRow(record[CODE], record[NAME], counts))
    problems.extend(_coverage_problems(name, rows))
    if problems:
        raise InputError(problems)
    return rows


def _coverage_problems(name: str, rows: list[CensusRow]) -> list[str]:
    # London's total is only right if each of the 32 boroughs is there exactly once.
    problems: list[str] = []
    for borough, code in MPS_BOROUGHS.items():
        matches = [row for row in rows if row.code == code]
        if len(matches) != 1:
            problems.append(
                f"{name}: needs exactly one row for {borough} ({code}) to add up London; "
                f"found {len(matches)}."
            )
    return problems


def _chosen(path: Path, rows: list[CensusRow], wanted: Sequence[str]) -> list[CensusRow]:
    by_name = {row.name.casefold(): row for row in rows if row.code in MPS_BOROUGHS.values()}
    chosen: list[CensusRow] = []
    problems: list[str] = []
    for name in wanted:
        row = by_name.get(name.strip().casefold())
        if row is None:
            problems.append(
                f"{shown(path)}: has no London borough policed by the Metropolitan Police called "
                f"{name!r}. The boroughs it names are: "
                f"{', '.join(sorted(row.name for row in by_name.values()))}."
            )
        elif row not in chosen:
            chosen.append(row)
    if problems:
        raise InputError(problems)
    return chosen
