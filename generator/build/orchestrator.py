"""The order of a build, stated once, in build() below.

1. validate  check data/ against its schema and the site's rules (in the worker, meanwhile)
2. load      read data/ into the typed model
3. disclose  withhold small counts, before anything else reads the figures
4. compute   each measure's latest figure, change, status and summary
5. present   describe every generated page: where it is, how to make its context
6. publish   make the downloads and render the measures' pages (in the worker)
7. write     MkDocs writes the pages; then the downloads are moved in beside them

Nothing from data/ is used until validation has passed, and a failed build publishes nothing.
``python -m generator build`` calls build() with a writer that runs MkDocs; a build MkDocs starts
itself (``mkdocs build``, ``mkdocs serve``) calls it from its first event, with a writer that
hands the result to the pages MkDocs is about to write (generator.build.mkdocs_adapter).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass

from generator.build.site_work import SiteWork
from generator.build.worker import Background, Send
from generator.config import Settings
from generator.errors import InvalidDataError
from generator.figures.compute import compute_figures
from generator.figures.disclosure import apply_disclosure
from generator.memory import collector_paused
from generator.package.load import load_package
from generator.present.site import SiteData
from generator.present.site_pages import SitePages, build_site_pages


@dataclass(frozen=True)
class SiteBuild:
    """A build after stages 1 to 6, ready to write: its pages, and its downloads on the way."""

    site: SiteData  # the controlled data and its figures, as the pages see them
    pages: SitePages
    work: SiteWork  # the downloads and the measures' page bodies, made by the worker
    report_text: str  # what validation found: that the data is valid, and what it holds


Writer = Callable[[SiteBuild], None]


def build(settings: Settings, write: Writer, *, parallel: bool) -> None:
    """Build the site: run the stages in order, then hand the result to `write` (stage 7).

    With ``parallel``, a second process validates while this one loads and computes, and then
    makes the downloads while this one writes the pages. Raises InvalidDataError, with the
    validation report, when data/ has problems.
    """
    gc.unfreeze()  # a previous build's data (serve rebuilds), frozen below, may now be freed
    validation = Validation(settings, parallel=parallel)  # 1. validate
    with collector_paused():
        try:
            package = load_package(settings.data_dir)  # 2. load
            package = apply_disclosure(package)  # 3. disclose
            figures = compute_figures(package)  # 4. compute
        except Exception:
            validation.passed()  # data that fails validation may break loading: say why
            raise
    report_text = validation.passed()
    work = SiteWork(package, settings, parallel=parallel)
    try:
        site = SiteData(settings.partnership, package, figures, work)
        with collector_paused():
            pages = build_site_pages(site)  # 5. present
        # The data lives until the build ends and holds no garbage. Frozen, the collector
        # leaves it alone: it is not walked again each time rendering triggers a collection,
        # and the worker forked next does not copy every page of it by touching it.
        gc.freeze()
        work.start(site, pages, settings.templates_dir)  # 6. publish
        write(SiteBuild(site, pages, work, report_text))  # 7. write
    except BaseException:
        work.discard()
        raise


@dataclass(frozen=True)
class Verdict:
    """What validation found, in the form it crosses from the worker: passed, and the report."""

    ok: bool
    report_text: str


class Validation:
    """Validation of data/, started now: here, or in a second process meanwhile."""

    def __init__(self, settings: Settings, *, parallel: bool) -> None:
        def validate(_send: Send) -> Verdict:
            # Imported here: validation reads tables with pandas and checks the descriptor with
            # frictionless, slow imports (0.3 s); in a parallel build only the worker pays.
            from generator.validation.runner import validate_package

            report = validate_package(settings.data_dir, settings.today)
            return Verdict(report.ok, report.to_text())

        self._task: Background[Verdict] = Background("validating data/", validate,
                                                     parallel=parallel)
        if not self._task.parallel:
            self.passed()  # already done here: stop before loading data that is not valid

    def passed(self) -> str:
        """Return the report once validation has finished; raise InvalidDataError if it failed."""
        verdict = self._task.result()
        if not verdict.ok:
            raise InvalidDataError(verdict.report_text)
        return verdict.report_text
