"""Read ONS Table C2: police recorded crime by Community Safety Partnership, England and Wales.

The table has a few lines of title and notes, then a header row, then one row per police force
area (its subtotal, with no partnership code), per partnership, and per force's offences that no
partnership could be given ("Unassigned"). Only the partnership rows are read. Counts keep the
ONS number formatting ("12,935 " with a thousands separator and a trailing space), and [x]
marks a figure that is not available.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.importers.mps_file import normalised_header
from generator.importers.problems import InputError, shown
from generator.importers.sources import SourceRelease, verified_file
from generator.importers.upstream_table import UpstreamTable, read_upstream_table
from generator.package.load import read_text

CSP_CODE, CSP_NAME, LA_CODE, LA_NAME = (
    "communitysafetypartnershipcode", "communitysafetypartnershipname", "localauthoritycode",
    "localauthorityname")
LAYOUT = ("a header row (within the first rows, under the title and notes) with the columns "
          "Community Safety Partnership code, Community Safety Partnership name, Local Authority "
          "code, Local Authority name and one column per offence group")
NOT_AVAILABLE = "[x]"
_HEADER_SEARCH_ROWS = 20
_CODE = re.compile(r"^[EW]\d{8}$")
_ONS_COUNT = re.compile(r"^\d{1,3}(,\d{3})*$")


@dataclass(frozen=True)
class Partnership:
    """One Community Safety Partnership's row: its codes, and a count (or None) per group."""

    code: str
    name: str
    local_authority: str | None  # the ONS code, None where the table names none
    counts: Mapping[str, int | None]  # by offence-group column key; None where ONS gives [x]
    where: str  # file and row, for messages


def read_partnerships(release: SourceRelease, groups: Mapping[str, str]) -> list[Partnership]:
    """Return every partnership row, with its counts for the offence groups (key -> heading)."""
    if len(release.files) != 1:
        raise InputError([f"{shown(release.folder)}: an ONS partnership release holds one "
                          f"file, but its manifest lists {len(release.files)}."])
    path = verified_file(release, release.files[0].name)
    table = read_upstream_table(path, header_row=_header_row(path))
    table.require((CSP_CODE, CSP_NAME, LA_CODE, LA_NAME, *groups), LAYOUT)
    problems: list[str] = []
    partnerships: dict[str, Partnership] = {}
    for index in range(table.rows):
        code = str(table.columns[CSP_CODE][index]).strip()
        if not code:
            continue  # a force's subtotal, or its offences no partnership could be given
        if not _CODE.match(code):
            problems.append(f"{table.where(index)}: {code!r} is not an ONS partnership code.")
            continue
        if code in partnerships:
            problems.append(f"{table.where(index)}: repeats partnership {code} from "
                            f"{partnerships[code].where}.")
            continue
        local = str(table.columns[LA_CODE][index]).strip()
        partnerships[code] = Partnership(
            code=code,
            name=" ".join(str(table.columns[CSP_NAME][index]).split()),
            local_authority=local if _CODE.match(local) else None,
            counts={key: _ons_count(table, index, key, heading, problems)
                    for key, heading in groups.items()},
            where=table.where(index),
        )
    if problems:
        raise InputError(problems)
    if not partnerships:
        raise InputError([f"{shown(path)}: has no partnership rows."])
    return list(partnerships.values())


def _header_row(path: Path) -> int:
    """Return the row number of the header: the first row naming the partnership code column."""
    records = csv.reader(io.StringIO(read_text(path)))
    for number, record in enumerate(records, start=1):
        if number > _HEADER_SEARCH_ROWS:
            break
        if CSP_CODE in {normalised_header(cell) for cell in record}:
            return number
    raise InputError([f"{shown(path)}: no header row naming the Community Safety Partnership "
                      f"code column in its first {_HEADER_SEARCH_ROWS} rows; this is not the "
                      f"ONS table the importer knows, which has {LAYOUT}."])


def _ons_count(table: UpstreamTable, index: int, key: str, heading: str,
               problems: list[str]) -> int | None:
    """Return a count written the ONS way ("12,935 "), None for [x], else add a problem."""
    text = str(table.columns[key][index]).strip()
    if text == NOT_AVAILABLE:
        return None
    if _ONS_COUNT.match(text):
        return int(text.replace(",", ""))
    problems.append(f"{table.where(index)}, column {heading!r}: {text!r} is not a count (ONS "
                    "writes counts like 12,935, and [x] where a figure is not available).")
    return None
