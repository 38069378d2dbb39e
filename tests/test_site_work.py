"""The build's worker: the same page bodies and files as one process makes, put in place whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.build import site_work
from generator.build.site_work import SiteWork
from generator.config import Settings
from generator.errors import PublishError
from generator.figures.compute import compute_figures
from generator.figures.disclosure import apply_disclosure
from generator.figures.results import IndicatorFigures
from generator.package.load import load_package
from generator.package.model import DataPackage
from generator.present import urls
from generator.present.pages import data
from generator.present.render import make_environment, render_bodies
from generator.present.site import SiteData
from generator.present.site_pages import SitePages, build_site_pages
from generator.present.wording import file_size
from generator.publish.outputs import outputs_in_memory

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings.from_root(ROOT)
DATA_ZIP = urls.data_zip(SETTINGS.partnership)
BOTH = pytest.mark.parametrize("parallel", [True, False], ids=["worker", "in-process"])


@dataclasses.dataclass(frozen=True)
class Checked:
    package: DataPackage
    figures: dict[str, IndicatorFigures]


@pytest.fixture(scope="module")
def checked() -> Checked:
    package = apply_disclosure(load_package(SETTINGS.data_dir))
    return Checked(package, compute_figures(package))


def started(checked: Checked, site_dir: Path, *, parallel: bool
            ) -> tuple[SiteWork, SiteData, SitePages]:
    work = SiteWork(checked.package, dataclasses.replace(SETTINGS, site_dir=site_dir),
                    parallel=parallel)
    site = SiteData(SETTINGS.partnership, checked.package, checked.figures, work)
    pages = build_site_pages(site)
    work.start(site, pages, SETTINGS.templates_dir)
    return work, site, pages


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


@BOTH
def test_the_work_makes_what_one_process_makes(
    checked: Checked, tmp_path: Path, parallel: bool
) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "data").mkdir(parents=True)
    (site_dir / "data" / "index.html").write_text("the data page, written by MkDocs")
    work, _, pages = started(checked, site_dir, parallel=parallel)
    expected = outputs_in_memory(checked.package, checked.figures, SETTINGS.partnership)

    assert work.paths == expected.paths
    assert work.package_sizes()[DATA_ZIP] == len(expected.files[DATA_ZIP])
    env = make_environment(SETTINGS.templates_dir)
    for source, body in render_bodies(pages, env, pages.per_measure):
        assert work.measure_body(source) == body
    assert work.measure_body(data.SOURCE) is None

    work.finish(site_dir)
    written = files_under(site_dir)
    assert written.pop("data/index.html") == b"the data page, written by MkDocs"
    assert written == dict(expected.files)
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "the staging folder was left behind"


def test_the_data_page_waits_for_the_sizes_the_work_reports(
    checked: Checked, tmp_path: Path
) -> None:
    work, _, pages = started(checked, tmp_path / "site", parallel=True)
    measure = urls.indicator_source(checked.package.indicators[0].id)
    assert measure in pages.per_measure and measure in dict(pages.generated())
    context = pages.context(data.SOURCE)
    assert isinstance(context, data.DataPage)
    zip_download = next(d for d in context.package if d.href == DATA_ZIP)
    assert zip_download.size == file_size(work.package_sizes()[DATA_ZIP])
    work.discard()


def test_files_that_differ_from_those_announced_stop_the_build(
    checked: Checked, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    announced = site_work.output_paths(checked.package, SETTINGS.partnership)
    monkeypatch.setattr(site_work, "output_paths",
                        lambda package, partnership: [*announced, "api/extra.json"])
    work, _, _ = started(checked, tmp_path / "site", parallel=False)
    with pytest.raises(PublishError, match=r"missing: \['api/extra.json'\]"):
        work.finish(tmp_path / "site")
    assert not (tmp_path / "site").exists(), "nothing is moved into the site"
    assert list(tmp_path.iterdir()) == []


def test_a_file_already_in_the_site_is_not_overwritten(checked: Checked, tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "data").mkdir(parents=True)
    (site_dir / "data" / "datapackage.json").write_text("written by MkDocs")
    work, _, _ = started(checked, site_dir, parallel=True)
    with pytest.raises(PublishError, match="written twice"):
        work.finish(site_dir)
    assert (site_dir / "data" / "datapackage.json").read_text() == "written by MkDocs"


def test_discard_removes_the_staging_folder(checked: Checked, tmp_path: Path) -> None:
    work, _, _ = started(checked, tmp_path / "site", parallel=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-outputs-")]
    work.discard()
    assert list(tmp_path.iterdir()) == []
