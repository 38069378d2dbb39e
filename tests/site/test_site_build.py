"""Builds are all-or-nothing and reproducible; plain `mkdocs build --strict` runs the pipeline too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build.worker import PARALLEL_SWITCH
from tests.site.sitebuild import (
    ROOT,
    SHIPPED_CONFIG,
    build_site,
    copy_inputs,
    describe,
    file_bytes,
    mkdocs_build,
    write_config,
)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """Return a copy of the shipped data/ and content/ with its own mkdocs.yml and an old site/."""
    copy_inputs(ROOT, tmp_path)
    write_config(tmp_path)
    old = tmp_path / "site"
    (old / "nested").mkdir(parents=True)
    (old / "index.html").write_text("<p>The site as it was before this build.</p>\n")
    (old / "nested" / "figures.csv").write_bytes(b"a,b\n1,2\n")
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_failed_and_site_untouched(project: Path, before: dict[str, bytes]) -> str:
    result = build_site(project / "mkdocs.yml", project / "site")
    assert result.returncode == 1, describe(result)
    assert file_bytes(project / "site") == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert leftovers == [], "the staging directory was not cleaned up"
    return result.stdout + result.stderr


def test_invalid_data_fails_the_build_and_leaves_the_old_site(project: Path) -> None:
    before = file_bytes(project / "site")
    observations = project / "data" / "observations.csv"
    lines = observations.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[5] = '"1,234"'  # the value column, written the way a spreadsheet might
    lines[1] = ",".join(fields)
    observations.write_text("".join(lines), encoding="utf-8")
    output = assert_failed_and_site_untouched(project, before)
    assert "observations.csv" in output


def test_plain_mkdocs_build_also_stops_on_invalid_data_before_writing(project: Path) -> None:
    before = file_bytes(project / "site")
    replace_in(project / "data" / "indicators.csv", ",rate_per_1000,", ",rate_per_100,")
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 1, describe(result)
    assert "is not valid" in result.stderr and "indicators.csv" in result.stderr
    assert file_bytes(project / "site") == before


def test_a_failure_while_the_worker_runs_leaves_nothing_behind(project: Path) -> None:
    # Unsafe narrative fails the build while the worker process is writing the downloads beside
    # the site: plain `mkdocs build` must stop it and remove its staging folder too.
    page = project / "content" / "about" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script>alert(1)</script>\n',
                    encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", project / "fresh-site")
    assert result.returncode == 1, describe(result)
    assert "content/about/index.md" in result.stderr
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".")]
    assert leftovers == [], "the worker's staging folder was left behind"


def test_unsafe_narrative_fails_the_build_naming_file_and_line(project: Path) -> None:
    before = file_bytes(project / "site")
    page = project / "content" / "priorities" / "safe-from-crime.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(5, '<img src="x.png" onerror="alert(1)">')
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = assert_failed_and_site_untouched(project, before)
    assert "content/priorities/safe-from-crime.md, line 6" in output
    assert "onerror" in output


def test_a_strict_mode_warning_fails_the_build_and_leaves_the_old_site(project: Path) -> None:
    before = file_bytes(project / "site")
    replace_in(project / "content" / "overview.md", "[How status is judged]",
               "[a page that does not exist](no-such-page.md) [How status is judged]")
    output = assert_failed_and_site_untouched(project, before)
    assert "no-such-page.md" in output


def test_a_successful_build_replaces_the_old_site_whole(project: Path) -> None:
    result = build_site(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, describe(result)
    assert not (project / "site" / "nested").exists()
    assert (project / "site" / "indicators" / "total-offences-rate" / "index.html").is_file()
    assert (project / "site").stat().st_mode & 0o755 == 0o755
    assert "make serve" in result.stdout
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_two_builds_of_the_same_commit_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    # The second build is plain `mkdocs build --strict` (no SOURCE_DATE_EPOCH from the build
    # command), so this also shows the hooks alone run the pipeline and pin every date.
    result = mkdocs_build(SHIPPED_CONFIG, tmp_path / "site")
    assert result.returncode == 0, describe(result)
    first, second = file_bytes(built_site), file_bytes(tmp_path / "site")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []


def test_one_process_and_two_build_the_same_bytes(built_site: Path, tmp_path: Path) -> None:
    # The worker process (measures' page bodies, downloads) is an optimisation only: with it
    # switched off, as under `mkdocs serve`, every file is the same.
    result = mkdocs_build(SHIPPED_CONFIG, tmp_path / "site", env={PARALLEL_SWITCH: "0"})
    assert result.returncode == 0, describe(result)
    first, second = file_bytes(built_site), file_bytes(tmp_path / "site")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    assert any(path.startswith("api/indicators/") for path in first)


COUNT_READS = """
import collections, json, os, sys
from pathlib import Path

data = Path(sys.argv[1]).resolve()
opened = collections.Counter()


def count(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = Path(os.fsdecode(args[0])).resolve()
        if path.parent == data:
            opened[path.name] += 1


sys.addaudithook(count)
from generator.cli import main

code = main(["build", "--config-file", sys.argv[2], "--site-dir", sys.argv[3]])
print(json.dumps({"code": code, "opened": opened}))
"""


def test_a_build_reads_each_data_file_once_to_validate_and_once_to_load(
    project: Path, tmp_path: Path
) -> None:
    # One process (no worker), so every read is seen: validation reads each file once and the
    # loader once; nothing reads data/ again to build the pages or the downloads.
    result = subprocess.run(
        [sys.executable, "-c", COUNT_READS, str(project / "data"), str(project / "mkdocs.yml"),
         str(tmp_path / "built")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, PARALLEL_SWITCH: "0"},
    )
    assert result.returncode == 0, describe(result)
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["code"] == 0
    resources = {path.name for path in (project / "data").iterdir()
                 if path.suffix in (".csv", ".geojson")}
    assert counts["opened"] == {name: 2 for name in resources | {"datapackage.json"}}
