"""The JSON API and downloads in the built site match the data, and the data page documents them."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from generator.figures.compute import compute_figures
from generator.figures.disclosure import apply_disclosure
from generator.figures.results import IndicatorFigures
from generator.package.load import load_package
from tests.site.sitebuild import ROOT
from tests.site.sitedata import rows

REQUIRED = {"id", "title", "unit", "polarity", "target", "latest", "change", "status",
            "status_label", "summary", "url", "data", "download"}


@pytest.fixture(scope="module")
def computed() -> dict[str, IndicatorFigures]:
    return compute_figures(apply_disclosure(load_package(ROOT / "data")))


def load(site: Path, path: str) -> dict[str, object]:
    document: dict[str, object] = json.loads((site / path).read_text(encoding="utf-8"))
    return document


def test_index_has_every_measure_with_its_computed_latest_figure(
    built_site: Path, computed: dict[str, IndicatorFigures]
) -> None:
    entries = load(built_site, "api/indicators.json")["indicators"]
    assert isinstance(entries, list)
    assert [entry["id"] for entry in entries] == [row["id"] for row in sorted(
        rows("indicators"), key=lambda r: (int(r["priority"]), int(r["order"])))]
    assert len(entries) == 36
    for entry in entries:
        assert set(entry) >= REQUIRED, entry["id"]
        figures = computed[entry["id"]]
        assert entry["status"] == figures.status.value
        if figures.latest is None:
            assert entry["latest"] is None
        else:
            assert entry["latest"]["value"] == pytest.approx(figures.latest.value)
            assert entry["latest"]["period"] == figures.latest.period.code
        assert (built_site / entry["data"]).is_file()
        assert (built_site / entry["download"]).is_file()
        assert (built_site / entry["url"] / "index.html").is_file()


def test_each_measure_file_lists_its_published_observations(built_site: Path) -> None:
    published = {(o["indicator"], o["area"], o["period"], o["breakdown"]) for o in rows("observations")}
    seen = set()
    for indicator in rows("indicators"):
        document = load(built_site, f"api/indicators/{indicator['id']}.json")
        for obs in document["observations"]:  # type: ignore[attr-defined]
            seen.add((indicator["id"], obs["area"], obs["period"], obs["breakdown"]))
    assert seen == published


def test_downloads_are_the_published_files(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / "data" / "safer-sutton-data.zip") as archive:
        names = set(archive.namelist())
    assert "datapackage.json" in names
    for resource in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]:
        assert (built_site / "data" / resource["path"]).is_file()
    reader = csv.DictReader(io.StringIO((built_site / "data/indicators/total-offences-rate.csv")
                                        .read_text(encoding="utf-8")))
    assert {row["indicator"] for row in reader} == {"total-offences-rate"}


def documented_fields(section: str) -> set[str]:
    """Return the backticked field names in the first column of a section's tables in api.md."""
    text = (ROOT / "content" / "api.md").read_text(encoding="utf-8")
    part = text.split(f"\n## {section}", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in part.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
    return names


def test_api_page_documents_every_field_of_the_index(built_site: Path) -> None:
    index = load(built_site, "api/indicators.json")
    entry = index["indicators"][0]  # type: ignore[index]
    documented = documented_fields("api/indicators.json")
    assert documented == set(index) | set(entry)


def test_api_page_documents_every_field_of_a_measure_file(built_site: Path) -> None:
    index = load(built_site, "api/indicators.json")
    document = load(built_site, "api/indicators/total-offences-rate.json")
    extra = set(document) - set(index["indicators"][0])  # type: ignore[index]
    documented = documented_fields("api/indicators/&lt;id&gt;.json")
    assert extra <= documented, extra - documented
    assert documented <= set(document)
