"""Reading ONS Table C2 (every Community Safety Partnership): ONS number formats, [x], layout."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.importers.csp_table import read_partnerships
from generator.importers.mps_file import normalised_header
from generator.importers.problems import InputError
from generator.importers.sources import read_release

from .releases import SOURCES, copied_release, rewrite_file

RELEASE = "ons-csp-2025-06"
NAME = "policeforceareatablesyejune25final_TableC2_uk-data-atlas.csv"
GROUPS = {normalised_header(heading): heading for heading in (
    "Total recorded crime (excluding fraud)", "Sexual offences", "Residential burglary")}


def _raw_rows() -> list[list[str]]:
    with (SOURCES / RELEASE / NAME).open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_every_partnership_row_is_read_and_no_subtotal_or_unassigned_row() -> None:
    raw = [row for row in _raw_rows()[8:] if row[2].strip()]
    partnerships = read_partnerships(read_release(SOURCES / RELEASE), GROUPS)
    assert [p.code for p in partnerships] == [row[2].strip() for row in raw]
    assert not any(p.name.startswith("Unassigned") for p in partnerships)


def test_ons_number_formatting_is_read_as_the_count_it_shows() -> None:
    partnerships = {p.code: p for p in read_partnerships(read_release(SOURCES / RELEASE), GROUPS)}
    header = [" ".join(cell.split()) for cell in _raw_rows()[7]]
    for row in _raw_rows()[8:]:
        if row[2].strip() in ("E22000214", "E22000346"):
            read = partnerships[row[2].strip()]
            for key, heading in GROUPS.items():
                text = row[header.index(heading)]
                assert read.counts[key] == int(text.strip().replace(",", "")), (text, heading)
    assert partnerships["E22000214"].local_authority == "E09000029"


def test_a_partnership_of_several_local_authorities_has_none_named() -> None:
    partnerships = read_partnerships(read_release(SOURCES / RELEASE), GROUPS)
    combined = [p for p in partnerships if p.local_authority is None]
    assert combined and all(p.counts for p in combined)


def _replace_cell(old: bytes, code: str, heading: str, new: str) -> bytes:
    # The header's cells hold line breaks, so the whole text is read as CSV, not line by line.
    rows = list(csv.reader(io.StringIO(old.decode("utf-8-sig"))))
    header = [" ".join(cell.split()) for cell in rows[7]]
    for row in rows:
        if len(row) > 2 and row[2] == code:
            row[header.index(heading)] = new
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_figure_marked_x_is_read_as_not_available(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, RELEASE)
    rewrite_file(folder, NAME, lambda old: _replace_cell(old, "E22000214", "Sexual offences", "[x]"))
    partnerships = {p.code: p for p in read_partnerships(read_release(folder), GROUPS)}
    assert partnerships["E22000214"].counts[normalised_header("Sexual offences")] is None


def test_a_count_that_is_not_written_the_ons_way_is_refused_naming_row_and_column(
    tmp_path: Path,
) -> None:
    folder = copied_release(tmp_path, RELEASE)
    rewrite_file(folder, NAME, lambda old: _replace_cell(old, "E22000214", "Sexual offences", "4l0"))
    with pytest.raises(InputError) as caught:
        read_partnerships(read_release(folder), GROUPS)
    assert "'4l0' is not a count" in str(caught.value) and "'Sexual offences'" in str(caught.value)
    assert f"{NAME}, row " in str(caught.value)


def test_a_table_without_an_offence_group_is_refused_naming_it(tmp_path: Path) -> None:
    folder = copied_release(tmp_path, RELEASE)
    groups = {**GROUPS, normalised_header("Knife crime"): "Knife crime"}
    with pytest.raises(InputError) as caught:
        read_partnerships(read_release(folder), groups)
    assert "'knifecrime'" in str(caught.value) and "not a layout" in str(caught.value)
