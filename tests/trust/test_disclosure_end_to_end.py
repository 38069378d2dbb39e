"""A small count and the figures that would give it away appear nowhere in the built site.

The project is a copy of the shipped one with quarterly IDVA referrals by risk level added:

| period  | all  | high         | medium | standard |
| ------- | ---- | ------------ | ------ | -------- |
| 2024-Q1 | 9317 | 3            | 2873   | 6441     |
| 2024-Q2 | 9826 | [c] (source) | 4193   | 5631     |

High risk is withheld (a count under 5 in Q1; marked [c] by the source in Q2). Publishing the
other three figures would give it away by subtraction, so medium, the next-smallest, must be
withheld too. Q1's medium row also carries a note repeating 2873, and the revision log an earlier
value of 7253. The measure is set not sensitive in the copy, so validation lets the true small
count in and only disclosure control stands between it and the site (it controls every measure).
2873, 7253 and 4193 appear nowhere in the shipped data, so a plain text search for them (and for
2,873, 7,253 and 4,193) means something.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site.sitebuild import ROOT, build_site, copy_inputs, describe, write_config
from tests.validation.packages import read_table, write_table

MEASURE = "idva-referrals"
THRESHOLD = 4  # the default disclosure_max_count, which idva-referrals keeps
Q1, Q2 = "2024-Q1", "2024-Q2"
LABELS = {Q1: "January to March 2024", Q2: "April to June 2024"}
HIGH, MEDIUM, STANDARD = "risk_level=high", "risk_level=medium", "risk_level=standard"
TOTAL = "all"
# (period, breakdown, value, status, note) as written in data/observations.csv.
ROWS = (
    (Q1, TOTAL, "9317", "", ""),
    (Q1, HIGH, "3", "", ""),
    (Q1, MEDIUM, "2873", "", "Includes 2873 referrals recorded late"),
    (Q1, STANDARD, "6441", "", ""),
    (Q2, TOTAL, "9826", "", ""),
    (Q2, HIGH, "", "[c]", ""),
    (Q2, MEDIUM, "4193", "", ""),
    (Q2, STANDARD, "5631", "", ""),
)
PUBLISHED = {(Q1, TOTAL): 9317.0, (Q1, STANDARD): 6441.0, (Q2, TOTAL): 9826.0, (Q2, STANDARD): 5631.0}
WITHHELD = {(Q1, HIGH), (Q1, MEDIUM), (Q2, HIGH), (Q2, MEDIUM)}
DISTINCTIVE = ("2873", "7253", "4193", "2,873", "7,253", "4,193")  # withheld true values and the
# withheld earlier value, as written and as the site formats them
BREAKDOWN_LABELS = {"Risk level: high": HIGH, "Risk level: medium": MEDIUM,
                    "Risk level: standard": STANDARD}

Cell = float | None  # None: withheld
VINTAGE = "return-2026-11-25"


@dataclass(frozen=True)
class Copy:
    """One published copy of the measure's figures: where it was found, and its cells."""

    where: str
    cells: dict[tuple[str, str], Cell]  # (period, breakdown) -> value
    markers: dict[tuple[str, str], str]  # (period, breakdown) -> status marker as published


def make_project(root: Path) -> Path:
    """Copy the shipped project and add the figures above; return its mkdocs.yml."""
    copy_inputs(ROOT, root)
    data = root / "data"
    indicators = read_table(data / "indicators.csv")
    header = indicators[0]
    [row] = [row for row in indicators if row[header.index("id")] == MEASURE]
    assert row[header.index("disclosure_max_count")] in ("", str(THRESHOLD))
    row[header.index("sensitive")] = "false"
    write_table(data / "indicators.csv", indicators)

    observations = read_table(data / "observations.csv")
    columns = observations[0]
    for period, breakdown, value, status, note in ROWS:
        cells = {"indicator": MEASURE, "area": "sutton", "period": period,
                 "period_label": LABELS[period], "breakdown": breakdown, "value": value,
                 "status": status, "vintage": VINTAGE, "note": note}
        observations.append([cells.get(column, "") for column in columns])
    write_table(data / "observations.csv", observations)

    revisions = read_table(data / "revisions.csv")
    earlier = {"indicator": MEASURE, "area": "sutton", "period": Q1, "breakdown": MEDIUM,
               "previous_value": "7253", "revised_in": "2026-11-25", "revised_by": VINTAGE,
               "reason": "Late referrals added"}
    revisions.append([earlier.get(column, "") for column in revisions[0]])
    write_table(data / "revisions.csv", revisions)

    sources = read_table(data / "sources.csv")
    source = {"id": VINTAGE, "publisher": "Test partner", "dataset": "Test return",
              "released": "2026-11-25", "period_start": "2025-01", "period_end": "2025-06",
              "licence": "Open Government Licence v3.0", "conversion": "false"}
    sources.append([source.get(column, "") for column in sources[0]])
    write_table(data / "sources.csv", sources)
    return write_config(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project once for every test in this file."""
    root = tmp_path_factory.mktemp("disclosure")
    result = build_site(make_project(root), root / "site")
    if result.returncode != 0:
        pytest.fail(f"The disclosure project did not build:\n{describe(result)}", pytrace=False)
    return root / "site"


def every_file(site: Path) -> Iterator[tuple[str, bytes]]:
    """Yield every built file by path, with the members of zips and gzips opened up."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name, content = path.relative_to(site).as_posix(), path.read_bytes()
        yield name, content
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                for member in archive.namelist():
                    yield f"{name}!{member}", archive.read(member)
        elif name.endswith(".gz"):
            yield f"{name}!", gzip.decompress(content)


def theme_files() -> set[str]:
    """Return the hashes of the theme's own files, which the build copies unchanged."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None, "mkdocs-material is not installed"
    folders = (Path(spec.origin).parent / "templates", ROOT / "site_templates")
    return {hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in folders for path in folder.rglob("*") if path.is_file()}


def number(text: str) -> Cell:
    return None if text.strip() in ("", "[c]") else float(text.replace(",", ""))


def csv_copies(where: str, content: bytes) -> Iterator[Copy]:
    records = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    if not records or not {"indicator", "period", "breakdown", "value"} <= set(records[0]):
        return
    mine = [record for record in records if record["indicator"] == MEASURE]
    if mine:
        yield Copy(where, {(r["period"], r["breakdown"]): number(r["value"]) for r in mine},
                   {(r["period"], r["breakdown"]): r["status"] for r in mine})


def json_copies(where: str, document: object) -> Iterator[Copy]:
    """Yield each list of observations of the measure anywhere in a JSON document."""
    cells: dict[tuple[str, str], Cell] = {}
    markers: dict[tuple[str, str], str] = {}

    def walk(node: object, measure: str | None) -> None:
        if isinstance(node, dict):
            measure = node.get("indicator", node.get("id", measure))
            if {"period", "breakdown", "value"} <= node.keys() and measure == MEASURE:
                key = (node["period"], node["breakdown"])
                value = node["value"]
                cells[key] = None if value is None else float(value)
                markers[key] = node.get("status") or ""
            for child in node.values():
                walk(child, measure)
        elif isinstance(node, list):
            for child in node:
                walk(child, measure)

    walk(document, None)
    if cells:
        yield Copy(where, cells, markers)


def html_copies(where: str, content: bytes) -> Iterator[Copy]:
    """Yield what a page's tables show together (totals by period, breakdown), and its JSON."""
    soup = BeautifulSoup(content.decode("utf-8"), "html.parser")
    labels = {label: period for period, label in LABELS.items()}
    cells: dict[tuple[str, str], Cell] = {}
    for table in soup.find_all("table"):
        for row in table.select("tbody tr"):
            texts = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            if not texts or texts[0] not in labels:
                continue
            if len(texts) == 3 and texts[1] in BREAKDOWN_LABELS:
                cells[(labels[texts[0]], BREAKDOWN_LABELS[texts[1]])] = number(texts[2])
            elif len(texts) == 2 and MEASURE in str(table.get("id", "")):
                cells[(labels[texts[0]], TOTAL)] = number(texts[1])
    if cells:
        yield Copy(f"{where} (tables)", cells,
                   {key: "[c]" if value is None else "" for key, value in cells.items()})
    for script in soup.find_all("script", type="application/json"):
        yield from json_copies(f"{where} (script {script.get('id')})", json.loads(script.string or ""))


def copies(site: Path) -> list[Copy]:
    found: list[Copy] = []
    for where, content in every_file(site):
        if where.endswith(".csv"):
            found.extend(csv_copies(where, content))
        elif where.endswith(".json"):
            found.extend(json_copies(where, json.loads(content)))
        elif where.endswith(".html"):
            found.extend(html_copies(where, content))
    return found


def test_the_figures_reach_every_copy_a_reader_can_get(site: Path) -> None:
    # Unless the published cells are found, the checks below could pass by finding nothing.
    found = {copy.where.split(" (")[0] for copy in copies(site)}
    assert {
        "data/observations.csv",
        f"data/indicators/{MEASURE}.csv",
        "data/safer-sutton-data.zip!observations.csv",
        f"api/indicators/{MEASURE}.json",
        f"indicators/{MEASURE}/index.html",
    } <= found
    for copy in copies(site):
        for key, value in copy.cells.items():
            if key in PUBLISHED:
                assert value == PUBLISHED[key], f"{copy.where}: {key}"


def test_every_copy_withholds_the_small_count_and_the_cell_that_would_give_it_away(
    site: Path,
) -> None:
    for copy in copies(site):
        for key in WITHHELD & copy.cells.keys():
            assert copy.cells[key] is None, f"{copy.where} publishes {key}: {copy.cells[key]}"
            assert copy.markers[key] == "[c]", f"{copy.where} does not mark {key} [c]"


def test_no_withheld_cell_can_be_worked_out_by_subtraction(site: Path) -> None:
    checked = []
    for copy in copies(site):
        by_period: dict[str, dict[str, Cell]] = defaultdict(dict)
        for (period, breakdown), value in copy.cells.items():
            by_period[period][breakdown] = value
        for period, cells in by_period.items():
            parts = {key: value for key, value in cells.items() if key != TOTAL}
            hidden = [key for key, value in parts.items() if value is None]
            total = cells.get(TOTAL)
            if total is None or not hidden or len(parts) < 3:
                continue
            # One equation (total = sum of parts) recovers one unknown: two hidden cells stay
            # hidden, and their sum must not itself be a small count.
            remainder = total - sum(value for value in parts.values() if value is not None)
            assert len(hidden) >= 2, f"{copy.where}, {period}: {hidden[0]} = {remainder}"
            assert remainder > THRESHOLD, f"{copy.where}, {period}: hidden cells add to {remainder}"
            checked.append((copy.where, period))
    assert len(checked) >= 10, f"too few copies had a total and all its parts: {checked}"


def test_the_withheld_numbers_appear_nowhere_in_the_site(site: Path) -> None:
    theme = theme_files()
    pattern = re.compile(r"(?<![\w.])(" + "|".join(DISTINCTIVE) + r")(?:\.0+)?(?!\w|\.\d)")
    scanned: list[str] = []
    for where, content in every_file(site):
        if hashlib.sha256(content).hexdigest() in theme:
            continue  # an unchanged theme file is the same in every build: no data reaches it
        if where.endswith((".zip", ".gz")):
            continue  # opened up by every_file
        text = content.decode("utf-8")  # a binary file made by the build must be opened up above
        hits = [text[max(0, m.start() - 60):m.end() + 60] for m in pattern.finditer(text)]
        assert hits == [], f"{where} shows a withheld figure: {hits}"
        scanned.append(where)
    assert {"search/search_index.json", "sitemap.xml.gz!", "data/revisions.csv",
            "releases/index.html"} <= set(scanned)


def test_the_revision_log_withholds_the_earlier_value(site: Path) -> None:
    records = list(csv.DictReader(io.StringIO((site / "data" / "revisions.csv").read_text())))
    [revision] = [r for r in records if r["indicator"] == MEASURE]
    assert (revision["previous_value"], revision["previous_status"]) == ("", "[c]")
