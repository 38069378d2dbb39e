"""Keys across rows and files: unique columns, primary keys and references to other files."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from generator.validation.descriptor import ForeignKey, ResourceSpec
from generator.validation.report import Problem
from generator.validation.table import Column, Mask, Table

# References datapackage.json does not declare as foreign keys (yet), checked the same way.
DOMAIN_REFERENCES = {
    "revisions": (
        ForeignKey(("area",), "areas", ("id",)),
        ForeignKey(("indicator", "area", "period", "breakdown"), "observations",
                   ("indicator", "area", "period", "breakdown")),
    ),
}


def key_fields(spec: ResourceSpec) -> set[str]:
    """Return the columns that identify rows or point at other files."""
    keys = {*spec.primary_key, *(field.name for field in spec.fields if field.unique)}
    for key in _references(spec):
        keys.update(key.fields)
    return keys


def _references(spec: ResourceSpec) -> tuple[ForeignKey, ...]:
    """Return the resource's declared foreign keys and the site's own references."""
    return (*spec.foreign_keys, *DOMAIN_REFERENCES.get(spec.name, ()))


def key_problems(table: Table) -> Iterator[Problem]:
    """Report rows that repeat a value of a unique column or of the primary key."""
    keys: set[tuple[str, ...]] = {(spec.name,) for spec in table.spec.fields if spec.unique}
    if table.spec.primary_key:
        keys.add(table.spec.primary_key)
    for key in sorted(keys):
        if not table.has(*key):
            continue
        positions = np.flatnonzero(table.present(*key))
        combined = _combined_codes([table.columns[name].key_codes[positions] for name in key])
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
    """Return the problem of a row whose key is already used by the row at first."""
    first_row = int(table.rows[first])
    if len(key) == 1:
        name = key[0]
        return table.problem(
            "duplicate-value", position, name,
            f"'{table.columns[name].raw(position)}' is already used in row {first_row}; each "
            f"`{name}` must be different.",
            "Change one of the two rows, or delete it if it is a copy of the other.",
        )
    values = ", ".join(table.columns[name].raw(position).strip() for name in key)
    return table.problem(
        "duplicate-row", position, None,
        f"This row has the same {_listed(key)} as row {first_row} ({values}).",
        "Each row must differ in at least one of those columns: delete the copy, or correct the "
        "one that is wrong.",
        value=values,
    )


def _listed(names: Sequence[str]) -> str:
    """Return column names as a sentence lists them: `a`, `b` and `c`."""
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def reference_problems(tables: Mapping[str, Table]) -> Iterator[Problem]:
    """Report values that do not appear in the file their reference points at."""
    for table in tables.values():
        for key in _references(table.spec):
            yield from _missing_references(table, key, tables)


def _missing_references(table: Table, key: ForeignKey,
                        tables: Mapping[str, Table]) -> Iterator[Problem]:
    """Report the rows of table whose key is not among the values it refers to."""
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
            shown = column.text(int(position))
            yield table.problem(
                "unknown-reference", int(position), key.fields[0], f"'{shown}' is not in {where}.",
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
                "unknown-reference", int(position), None, f"'{shown}' is not in {where}.",
                f"Check each of {_listed(key.fields)} against {target.file}.", value=shown,
            )


def _value_set(column: Column) -> set[str]:
    """Return the canonical values of the column's valid, non-blank cells."""
    return {column.canonical[code] for code in np.unique(column.codes[column.present])}


def _row_keys(table: Table, names: Sequence[str],
              keep: Mask | None = None) -> tuple[npt.NDArray[np.intp], list[tuple[str, ...]]]:
    """Return the rows whose named cells are all valid and filled, with their canonical values."""
    present = table.present(*names)
    positions = np.flatnonzero(present if keep is None else present & keep)
    columns = [table.columns[name] for name in names]
    values = [[column.canonical[code] for code in column.codes[positions]] for column in columns]
    return positions, list(zip(*values, strict=True))
