"""Machine-readable outputs: safe, reproducible, well-formed, and free of withheld figures."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from frictionless import validate

from generator.figures.compute import compute_figures
from generator.figures.disclosure import apply_disclosure
from generator.package.model import DataPackage, Marker, Polarity
from generator.present.urls import API_INDEX, DATA_PACKAGE, data_zip
from generator.publish.cells import cell_text, number_text, stored_number
from generator.publish.downloads import (
    api_outputs,
    download_outputs,
    output_batches,
    output_paths,
)
from generator.publish.package_copy import data_package_files
from tests.builders import (
    CROYDON,
    DESCRIPTOR,
    HOME,
    LONDON,
    PARTNERSHIP,
    count_indicator,
    indicator,
    obs,
    package,
    percentage_indicator,
    revision,
)

DATA_ZIP = data_zip(PARTNERSHIP)
# What the published copy of the descriptor holds: data/'s, and where the site is.
PUBLISHED_DESCRIPTOR = {**DESCRIPTOR, "homepage": PARTNERSHIP.site_url}

BURGLARY = indicator()
IDVA = count_indicator(breakdowns=("gender", "risk_level"))
MARAC = percentage_indicator(polarity=Polarity.LOWER_IS_BETTER)
NO_FIGURES = count_indicator("community-tension-reports", title="Community tension reports", order=2)


def sample_package() -> DataPackage:
    """Return a package with rates, breakdowns, a percentage, a revision and a measure without data."""
    return package(
        (BURGLARY, IDVA, MARAC, NO_FIGURES),
        (
            obs(BURGLARY.id, "2022/23", 3.6, numerator=754, denominator=209_500),
            obs(BURGLARY.id, "2023/24", 2.93, numerator=614, denominator=209_500),
            obs(BURGLARY.id, "2023/24", 4.1, area=CROYDON.id),
            obs(IDVA.id, "2023/24", 1017),
            obs(IDVA.id, "2023/24", 3, breakdown="gender=female",
                note="Includes 3 victims referred by housing."),
            obs(IDVA.id, "2023/24", 1014, breakdown="gender=male"),
            obs(IDVA.id, "2023/24", 517, breakdown="risk_level=high"),
            obs(IDVA.id, "2023/24", 500, breakdown="risk_level=standard"),
            obs(MARAC.id, "2024-Q1", 26.0, numerator=112, denominator=431),
            obs(MARAC.id, "2024-Q2", 0.696, numerator=3, denominator=431),
        ),
        revisions=(revision(IDVA.id, "2023/24", 1013, breakdown="gender=male"),),
    )


def all_outputs(source: DataPackage | None = None) -> dict[str, bytes]:
    """Run disclosure, compute and both publishers, as a build does."""
    controlled = apply_disclosure(source or sample_package())
    figures = compute_figures(controlled)
    return {**download_outputs(controlled, PARTNERSHIP), **api_outputs(controlled, figures, PARTNERSHIP)}


def every_file(outputs: dict[str, bytes]) -> dict[str, bytes]:
    """Return the outputs with the zip's members added, so scans see inside it too."""
    files = dict(outputs)
    with zipfile.ZipFile(io.BytesIO(outputs[DATA_ZIP])) as archive:
        files.update({f"zip:{name}": archive.read(name) for name in archive.namelist()})
    return files


def csv_rows(content: bytes) -> list[dict[str, str]]:
    """Return the rows of a CSV file."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


# ---- CSV safety -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","click")', "+44 20 7946 0000", "-3 on last year",
     "@SUM(A1:A2)", "\tindented", "\rreturn"],
)
def test_text_that_a_spreadsheet_would_run_is_defused(text: str) -> None:
    assert cell_text(text, defuse=True) == "'" + text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-3.2, "-3.2"), (209.0, "209"), (2.93, "2.93"), (0.1 + 0.2, "0.3"), (7, "7"), (None, ""),
     (True, "true"), (date(2025, 3, 31), "2025-03-31"), (Marker.SUPPRESSED, "[c]"),
     ("Sutton", "Sutton"), ("", "")],
)
def test_other_cells_are_written_as_they_are(value: Any, expected: str) -> None:
    assert cell_text(value, defuse=True) == expected


def test_every_csv_defuses_formulas_but_keeps_negative_numbers() -> None:
    attack = '=HYPERLINK("http://evil.example")'
    source = package(
        (BURGLARY,),
        (obs(BURGLARY.id, "2023/24", -3.2, note=attack, vintage="@v1"),),
    )
    outputs = all_outputs(source)
    for path in (f"data/indicators/{BURGLARY.id}.csv", "data/observations.csv"):
        (row,) = csv_rows(outputs[path])
        assert row["note"] == "'" + attack, path
        assert row["vintage"] == "'@v1", path
        assert row["value"] == "-3.2", path
    # The JSON is not opened by spreadsheets, so it keeps the text exactly.
    document = json.loads(outputs[f"api/indicators/{BURGLARY.id}.json"])
    assert document["observations"][0]["note"] == attack


def test_columns_of_every_type_are_written_as_the_cell_writer_writes_them() -> None:
    # The resources are written a column at a time; each cell must still read as cell_text
    # writes it, whether its column is text, a number, a flag or a date.
    outputs = all_outputs()
    indicators = csv_rows(outputs["data/indicators.csv"])
    assert [row["sensitive"] for row in indicators] == ["false", "true", "true", "true"]
    assert indicators[0]["target_value"] == ""
    assert csv_rows(outputs["data/releases.csv"])[0]["date"] == "2025-03-31"
    assert csv_rows(outputs["data/areas.csv"])[0]["is_home"] == "true"


@pytest.mark.parametrize(
    "value",
    [0.1 + 0.2, 2.93, -3.2, 209.0, -0.0, 1e-5, 2.5e-7, 123456789.123, 1e17, 1 / 3, 1e-11, 7, -12],
)
def test_numbers_read_back_as_written(value: float) -> None:
    # What a download writes and what the API gives are the same number.
    written = number_text(value)
    assert "e" not in written and not written.endswith(".")
    assert repr(stored_number(value)) == repr(float(written) if "." in written else int(written))


# ---- order of rows --------------------------------------------------------------------------


def test_indicator_files_list_areas_in_order_with_the_total_first_then_periods() -> None:
    # "age=..." sorts before "all", and areas.csv lists Sutton before Croydon and London.
    cells = [
        obs(IDVA.id, period, value, area=area, breakdown=breakdown)
        for area in (LONDON.id, CROYDON.id, HOME.id)
        for breakdown, value in (("gender=female", 40), ("age=18-24", 30), ("all", 100))
        for period in ("2023/24", "2022/23")
    ]
    outputs = all_outputs(package((IDVA,), tuple(cells)))
    expected = [
        (area, breakdown, period)
        for area in (HOME.id, CROYDON.id, LONDON.id)
        for breakdown in ("all", "age=18-24", "gender=female")
        for period in ("2022/23", "2023/24")
    ]
    rows = csv_rows(outputs[f"data/indicators/{IDVA.id}.csv"])
    assert [(r["area"], r["breakdown"], r["period"]) for r in rows] == expected
    assert [r["area_name"] for r in rows[:6]] == ["Sutton"] * 6
    document = json.loads(outputs[f"api/indicators/{IDVA.id}.json"])
    assert [(o["area"], o["breakdown"], o["period"]) for o in document["observations"]] == expected
    # The data package's own copy keeps its order: by area id, breakdown, then period.
    resource = csv_rows(outputs["data/observations.csv"])
    assert [(r["area"], r["breakdown"], r["period"]) for r in resource] == sorted(expected)


def test_a_package_without_observations_still_publishes_every_file() -> None:
    outputs = all_outputs(package((BURGLARY, IDVA), ()))
    assert csv_rows(outputs[f"data/indicators/{BURGLARY.id}.csv"]) == []
    assert json.loads(outputs[f"api/indicators/{IDVA.id}.json"])["observations"] == []
    assert csv_rows(outputs["data/observations.csv"]) == []


# ---- withheld figures appear nowhere --------------------------------------------------------


def test_withheld_figures_appear_in_no_output() -> None:
    files = every_file(all_outputs())
    for path, content in files.items():
        # 1014 (male) would give away 1017 - 1014 = 3 women; 1013 is male's earlier value;
        # 0.696% of 431 is 3 people.
        for secret in (b"1014", b"1013", b"0.696", b"3 victims"):
            assert secret not in content, (path, secret)


def test_withheld_cells_are_published_as_c_with_no_number() -> None:
    outputs = all_outputs()
    rows = {row["breakdown"]: row for row in csv_rows(outputs[f"data/indicators/{IDVA.id}.csv"])}
    assert (rows["gender=female"]["value"], rows["gender=female"]["status"]) == ("", "[c]")
    assert (rows["gender=male"]["value"], rows["gender=male"]["status"]) == ("", "[c]")
    document = json.loads(outputs[f"api/indicators/{IDVA.id}.json"])
    cells = {o["breakdown"]: o for o in document["observations"]}
    assert cells["gender=female"]["value"] is None
    assert cells["gender=female"]["status"] == "[c]"
    assert cells["gender=female"]["display"] == "[c]"
    assert cells["risk_level=high"]["value"] == 517


def test_no_withheld_cell_can_be_worked_out_from_the_api() -> None:
    outputs = all_outputs()
    for path, content in outputs.items():
        if not path.startswith("api/indicators/"):
            continue
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for o in json.loads(content)["observations"]:
            groups.setdefault((o["area"], o["period"]), []).append(o)
        for cells in groups.values():
            total = next((c["value"] for c in cells if c["breakdown"] == "all"), None)
            if total is None:
                continue
            dimensions: dict[str, list[dict[str, Any]]] = {}
            for c in cells:
                if c["breakdown"] != "all":
                    dimensions.setdefault(c["breakdown"].split("=")[0], []).append(c)
            for members in dimensions.values():
                hidden = [c for c in members if c["value"] is None]
                rest = total - sum(c["value"] for c in members if c["value"] is not None)
                assert len(hidden) != 1, (path, members)
                if hidden:
                    assert not 1 <= rest <= 4, (path, members)


def test_revision_log_copy_blanks_the_earlier_value_of_a_withheld_figure() -> None:
    (row,) = csv_rows(all_outputs()["data/revisions.csv"])
    assert (row["previous_value"], row["previous_status"]) == ("", "[c]")


# ---- reproducible ---------------------------------------------------------------------------


def test_outputs_are_byte_for_byte_reproducible() -> None:
    assert all_outputs() == all_outputs()


def test_outputs_do_not_depend_on_input_order() -> None:
    source = sample_package()
    shuffled = package(
        source.indicators, tuple(reversed(source.observations)), revisions=source.revisions
    )
    assert all_outputs(shuffled) == all_outputs(source)


def test_zip_has_fixed_dates_permissions_and_order() -> None:
    with zipfile.ZipFile(io.BytesIO(all_outputs()[DATA_ZIP])) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert "datapackage.json" in names
        assert {r["path"] for r in DESCRIPTOR["resources"]} <= set(names)
        for info in infos:
            assert info.date_time == (2025, 3, 31, 0, 0, 0)
            assert info.external_attr >> 16 == 0o644
            assert archive.read(info.filename) == all_outputs()[f"data/{info.filename}"]


def test_zip_without_a_release_uses_a_fixed_date() -> None:
    outputs = all_outputs(package((BURGLARY,), (), releases=()))
    with zipfile.ZipFile(io.BytesIO(outputs[DATA_ZIP])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_api_files_are_sorted_compact_and_end_with_a_newline() -> None:
    for path, content in all_outputs().items():
        if path.startswith("api/"):
            text = content.decode("utf-8")
            assert text.endswith("}\n"), path
            assert text == json.dumps(
                json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def test_data_package_copy_is_sorted_indented_and_ends_with_a_newline() -> None:
    text = all_outputs()[DATA_PACKAGE].decode("utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_numbers_are_written_as_stored() -> None:
    outputs = all_outputs()
    index = json.loads(outputs[API_INDEX])
    entries = {e["id"]: e for e in index["indicators"]}
    assert entries[BURGLARY.id]["latest"]["value"] == 2.93
    assert entries[BURGLARY.id]["change"]["absolute"] == -0.67
    assert b'"value":1017,' in outputs[f"api/indicators/{IDVA.id}.json"]
    rows = csv_rows(outputs[f"data/indicators/{BURGLARY.id}.csv"])
    assert [r["value"] for r in rows] == ["3.6", "2.93", "4.1"]


# ---- API shape ------------------------------------------------------------------------------

INDEX_KEYS = {
    "id": str, "priority": int, "title": str, "unit": str, "polarity": str, "status": str,
    "summary": str, "url": str, "data": str,
}


def test_index_lists_every_indicator_with_the_required_keys() -> None:
    index = json.loads(all_outputs()[API_INDEX])
    assert index["release"] == {"date": "2025-03-31", "title": "Spring 2025"}
    assert index["licence"]["title"] == "Open Government Licence v3.0"
    assert [e["id"] for e in index["indicators"]] == [BURGLARY.id, IDVA.id, MARAC.id, NO_FIGURES.id]
    for entry in index["indicators"]:
        for key, kind in INDEX_KEYS.items():
            assert isinstance(entry[key], kind), (entry["id"], key)
        assert 1 <= entry["priority"] <= 6
        assert entry["url"] == f"indicators/{entry['id']}/"
        assert entry["data"] == f"api/indicators/{entry['id']}.json"
        assert "target" in entry and "latest" in entry


def test_index_entry_with_figures() -> None:
    entries = {e["id"]: e for e in json.loads(all_outputs()[API_INDEX])["indicators"]}
    burglary = entries[BURGLARY.id]
    assert burglary["latest"] == {
        "period": "2023/24", "period_label": "2023/24", "value": 2.93, "status": None,
        "display": "2.9 per 1,000 residents",
    }
    assert burglary["status"] == "improving"
    assert burglary["target"] is None
    marac = entries[MARAC.id]
    assert marac["target"] == {"value": 25.3, "text": "target 25.3%", "period": None}
    # The latest quarter is withheld, so the latest figure is the quarter before.
    assert marac["latest"]["period_label"] == "January to March 2024"
    assert marac["status"] == "target_not_met"


def test_index_entry_without_figures() -> None:
    entries = {e["id"]: e for e in json.loads(all_outputs()[API_INDEX])["indicators"]}
    empty = entries[NO_FIGURES.id]
    assert empty["latest"] is None
    assert empty["change"] is None
    assert empty["status"] == "no_data"
    assert empty["summary"] == "Community tension reports: no figures published yet."


def test_package_with_no_observations_at_all_still_publishes() -> None:
    outputs = all_outputs(package((NO_FIGURES,), ()))
    document = json.loads(outputs[f"api/indicators/{NO_FIGURES.id}.json"])
    assert document["observations"] == []
    assert document["latest"] is None
    assert csv_rows(outputs[f"data/indicators/{NO_FIGURES.id}.csv"]) == []


def test_indicator_file_has_metadata_and_observations() -> None:
    document = json.loads(all_outputs()[f"api/indicators/{BURGLARY.id}.json"])
    for key in ("measure", "outcome", "definition", "method", "source", "publisher", "owner",
                "frequency", "breakdowns", "strategy_figure", "series_breaks", "release",
                "licence", "summary", "status", "url"):
        assert key in document, key
    assert document["licence"]["attribution"] == BURGLARY.licence
    first = document["observations"][0]
    assert set(first) >= {"area", "period", "period_label", "breakdown", "value", "status",
                          "note", "vintage"}
    # Sutton first (areas.csv order), then Croydon.
    assert [(o["area"], o["period"]) for o in document["observations"]] == [
        ("sutton", "2022/23"), ("sutton", "2023/24"), ("croydon", "2023/24"),
    ]


def test_indicator_csv_has_the_documented_columns() -> None:
    content = all_outputs()[f"data/indicators/{BURGLARY.id}.csv"].decode("utf-8")
    assert content.splitlines()[0] == (
        "indicator,area,area_name,period,period_label,breakdown,value,status,note,vintage"
    )
    assert csv_rows(content.encode())[2]["area_name"] == "Croydon"


# ---- data package copy ----------------------------------------------------------------------


def test_data_package_copy_validates(tmp_path: Path) -> None:
    outputs = all_outputs()
    for path, content in outputs.items():
        if path.startswith("data/") and path.count("/") == 1 and path != DATA_ZIP:
            (tmp_path / path.removeprefix("data/")).write_bytes(content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_zip_is_itself_a_valid_data_package(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(all_outputs()[DATA_ZIP])) as archive:
        archive.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_copy_columns_follow_the_schema() -> None:
    files = data_package_files(apply_disclosure(sample_package()), PARTNERSHIP)
    assert json.loads(files["datapackage.json"]) == PUBLISHED_DESCRIPTOR
    for resource in DESCRIPTOR["resources"]:
        if "schema" not in resource:  # the ward outlines: GeoJSON, not a table
            assert json.loads(files[resource["path"]])["type"] == "FeatureCollection"
            continue
        header = files[resource["path"]].decode("utf-8").splitlines()[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
    assert json.loads(all_outputs()[DATA_PACKAGE]) == PUBLISHED_DESCRIPTOR


def test_copy_needs_a_descriptor() -> None:
    bare = replace(package((BURGLARY,), ()), descriptor={})
    with pytest.raises(ValueError, match="descriptor"):
        data_package_files(bare, PARTNERSHIP)


def test_output_batches_are_exactly_the_files_output_paths_announces() -> None:
    # A build announces every address before the worker writes a file (to check permanent
    # links), so the two lists must never drift apart.
    data = apply_disclosure(sample_package())
    figures = compute_figures(data)
    batches = list(output_batches(data, figures, PARTNERSHIP))
    written = [path for batch in batches for path in batch]
    assert sorted(written) == output_paths(data, PARTNERSHIP)
    assert len(written) == len(set(written)), "a file is written twice"
    # The first batch is the data package, whose sizes the data page lists.
    assert DATA_ZIP in batches[0] and DATA_PACKAGE in batches[0]
    assert API_INDEX in batches[1]
    assert {**batches[0], **batches[1]} == {
        **download_outputs(data, PARTNERSHIP), **api_outputs(data, figures, PARTNERSHIP)}
