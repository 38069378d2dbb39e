"""The build's worker: the same page bodies and files as one process makes, put in place whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import site_work
from generator.build.orchestrator import CheckedData, SiteData, check_data
from generator.build.site_work import SiteWork
from generator.config import Settings
from generator.errors import PublishError
from generator.present.pages import (
    DATA_PAGE,
    build_site_pages,
    make_environment,
    measure_bodies,
    measure_source,
)
from generator.publish.downloads import DATA_ZIP
from generator.publish.outputs import outputs_in_memory

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings.from_root(ROOT)
BOTH = pytest.mark.parametrize("parallel", [True, False], ids=["worker", "in-process"])


@pytest.fixture(scope="module")
def checked() -> CheckedData:
    return check_data(SETTINGS)


def started(checked: CheckedData, site_dir: Path, *, parallel: bool) -> tuple[SiteWork, SiteData]:
    work = SiteWork(checked.package, site_dir, parallel=parallel)
    site = SiteData(SETTINGS, checked.package, checked.figures, work, checked.report_text)
    work.start(site, SETTINGS.templates_dir)
    return work, site


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


@BOTH
def test_the_work_makes_what_one_process_makes(
    checked: CheckedData, tmp_path: Path, parallel: bool
) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "data").mkdir(parents=True)
    (site_dir / "data" / "index.html").write_text("the data page, written by MkDocs")
    work, site = started(checked, site_dir, parallel=parallel)
    expected = outputs_in_memory(checked.package, checked.figures, SETTINGS.site_url)

    assert work.paths == expected.paths
    assert work.package_sizes()[DATA_ZIP] == len(expected.files[DATA_ZIP])
    for source, body in measure_bodies(site, make_environment(SETTINGS.templates_dir)):
        assert work.measure_body(source) == body
    assert work.measure_body(DATA_PAGE) is None

    work.finish(site_dir)
    written = files_under(site_dir)
    assert written.pop("data/index.html") == b"the data page, written by MkDocs"
    assert written == dict(expected.files)
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "the staging folder was left behind"


def test_the_data_page_waits_for_the_sizes_the_work_reports(
    checked: CheckedData, tmp_path: Path
) -> None:
    work, site = started(checked, tmp_path / "site", parallel=True)
    pages = build_site_pages(site, measure_bodies_elsewhere=True)
    measure = measure_source(checked.package.indicators[0].id)
    assert measure in pages.markdown and measure not in pages.contexts
    assert DATA_PAGE not in pages.contexts
    data = pages.context(DATA_PAGE)
    assert data is not None and "zip" in str(data)
    work.discard()


def test_files_that_differ_from_those_announced_stop_the_build(
    checked: CheckedData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    announced = site_work.output_paths(checked.package)
    monkeypatch.setattr(site_work, "output_paths", lambda package: [*announced, "api/extra.json"])
    work, _ = started(checked, tmp_path / "site", parallel=False)
    with pytest.raises(PublishError, match=r"missing: \['api/extra.json'\]"):
        work.finish(tmp_path / "site")
    assert not (tmp_path / "site").exists(), "nothing is moved into the site"
    assert list(tmp_path.iterdir()) == []


def test_a_file_already_in_the_site_is_not_overwritten(checked: CheckedData, tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "data").mkdir(parents=True)
    (site_dir / "data" / "datapackage.json").write_text("written by MkDocs")
    work, _ = started(checked, site_dir, parallel=True)
    with pytest.raises(PublishError, match="written twice"):
        work.finish(site_dir)
    assert (site_dir / "data" / "datapackage.json").read_text() == "written by MkDocs"


def test_discard_removes_the_staging_folder(checked: CheckedData, tmp_path: Path) -> None:
    work, _ = started(checked, tmp_path / "site", parallel=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-outputs-")]
    work.discard()
    assert list(tmp_path.iterdir()) == []
