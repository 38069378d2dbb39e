"""Every invalid fixture, laid over a buildable project, builds nothing and leaves site/ alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.site.sitebuild import ROOT, build_site, describe, file_bytes, write_config
from tests.trust.projects import old_site, staging_leftovers
from tests.validation.packages import EXPECTED, FIXTURES, TODAY, package_with, validation_fixtures

INVALID = validation_fixtures()


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge every fixture on the day the corpus is written for (future-period stays future)."""
    monkeypatch.setenv("GENERATOR_TODAY", TODAY.isoformat())


def project(root: Path, fixture: Path | None) -> Path:
    """Make root a project: the minimal package with the fixture over it, and shipped content/."""
    package_with(fixture, root)
    shutil.copytree(ROOT / "content", root / "content")
    return write_config(root)


def expected_message(fixture: Path) -> str:
    message: str = json.loads((fixture / EXPECTED).read_text(encoding="utf-8"))["message"]
    return message


def test_every_invalid_package_fixture_is_tried() -> None:
    # Found independently of the helper, so a helper that skipped fixtures would show here.
    on_disk = sorted(path.parent for path in (FIXTURES / "invalid").glob(f"*/{EXPECTED}"))
    assert on_disk == INVALID
    assert len(INVALID) >= 26


def test_the_project_they_are_laid_over_builds(tmp_path: Path) -> None:
    # Without this, a project that could never build would make every case below pass.
    config = project(tmp_path, None)
    old_site(tmp_path / "site")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, describe(result)
    assert not (tmp_path / "site" / "nested").exists()
    assert (tmp_path / "site" / "priorities" / "safe-from-domestic-abuse" / "index.html").is_file()


@pytest.mark.parametrize("fixture", INVALID, ids=[path.name for path in INVALID])
def test_invalid_data_builds_nothing(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project(tmp_path, fixture)
    site = tmp_path / "site"
    before = old_site(site)

    code = main(["build", "--config-file", str(config), "--site-dir", str(site)])

    output = capsys.readouterr().out
    assert code == 1, output
    assert expected_message(fixture) in output, "the build must report the fixture's own problem"
    assert file_bytes(site) == before
    assert staging_leftovers(tmp_path) == []


def test_the_real_command_in_a_fresh_process_builds_nothing(tmp_path: Path) -> None:
    [fixture] = [path for path in INVALID if path.name == "unsuppressed-small-count-in-sensitive-measure"]
    config = project(tmp_path, fixture)
    site = tmp_path / "site"
    before = old_site(site)

    result = build_site(config, site)

    assert result.returncode == 1, describe(result)
    assert expected_message(fixture) in result.stdout
    assert f"{site} is unchanged" in result.stdout
    assert file_bytes(site) == before
    assert staging_leftovers(tmp_path) == []
