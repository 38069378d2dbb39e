"""Time each stage of the data pipeline on its own, the way generator.build.orchestrator runs them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.measure import BenchmarkError

T = TypeVar("T")


@dataclass(frozen=True)
class StageTime:
    """Wall and CPU time of one stage."""

    name: str
    seconds: float
    cpu_seconds: float


@dataclass(frozen=True)
class StagedPipeline:
    """The pipeline's output (settings, SiteData and every page's context) and each stage's cost."""

    settings: Any
    site: Any
    contexts: dict[str, Any]
    stages: tuple[StageTime, ...]


def run_stages(tree: Path) -> StagedPipeline:
    """Run validate, load, disclosure, compute, publish and page contexts for tree, timing each.

    The stages are called in the same order and with the same arguments as
    generator.build.orchestrator.build calls them, so their sum is the pipeline's share of a
    build.
    """
    from generator.config import Settings
    from generator.figures.compute import compute_figures
    from generator.figures.disclosure import apply_disclosure
    from generator.package.load import load_package
    from generator.present.site import SiteData
    from generator.present.site_pages import build_site_pages
    from generator.publish.downloads import api_outputs, download_outputs
    from generator.publish.outputs import OutputsInMemory
    from generator.validation.runner import validate_package

    settings = Settings.from_root(tree)
    stages: list[StageTime] = []

    def timed(name: str, work: Callable[[], T]) -> T:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = work()
        stages.append(StageTime(name, time.perf_counter() - started, time.process_time() - cpu_started))
        return result

    report = timed("validate", lambda: validate_package(settings.data_dir, settings.today))
    if not report.ok:
        raise BenchmarkError(f"{settings.data_dir} is not valid:\n{report.to_text()[-2000:]}")
    loaded = timed("load", lambda: load_package(settings.data_dir))
    package = timed("disclosure control", lambda: apply_disclosure(loaded))
    figures = timed("compute", lambda: compute_figures(package))
    partnership = settings.partnership
    downloads = timed("publish: downloads", lambda: download_outputs(package, partnership))
    api = timed("publish: API", lambda: api_outputs(package, figures, partnership))
    site = SiteData(partnership, package, figures, OutputsInMemory({**downloads, **api}))
    contexts = timed("page contexts", lambda: {
        source: page.context() for source, page in build_site_pages(site).pages.items()})
    return StagedPipeline(settings, site, contexts, tuple(stages))
