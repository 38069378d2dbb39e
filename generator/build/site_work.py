"""The part of a build a second process does: the measures' page bodies and the downloads.

MkDocs renders pages one after another on one core. At London scale (1,000 measures) the measures'
page bodies (tables, chart data) and thousands of CSV and JSON downloads are as much work again,
and none of it needs MkDocs, so a worker process (generator.build.worker) does it while MkDocs
renders. It hands things over in the order MkDocs needs them:

1. the data package files' sizes, which the data page lists (a content page, rendered early);
2. the measures' page bodies, 100 at a time, in the order MkDocs renders those pages;
3. every other download.

Files are written into a staging folder beside the site (MkDocs empties the site folder after
this starts) and moved into the site by finish(), once every page is written. With
``parallel=False`` (``mkdocs serve``, Windows) the same work runs in this process first.
Presentation never sees this class: to the pages it is only the downloads' sizes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from itertools import islice
from pathlib import Path

from generator.build.worker import Background, Send
from generator.config import Settings
from generator.errors import PublishError
from generator.package.model import DataPackage
from generator.present.render import RenderedBody, make_environment, render_bodies
from generator.present.site import SiteData
from generator.present.site_pages import SitePages
from generator.publish.disk import move_into, write_files
from generator.publish.downloads import output_batches, output_paths

BODIES_PER_MESSAGE = 100  # small enough that MkDocs starts soon, large enough to send cheaply
_SIZES = "sizes"


class SiteWork:
    """Measures' page bodies and the downloads, made by a worker; see the module's docstring.

    Create it (it knows every file's address already), make the SiteData with it as its
    ``downloads``, then start() it with that SiteData and its pages.
    """

    def __init__(self, package: DataPackage, settings: Settings, *, parallel: bool) -> None:
        self._paths = tuple(output_paths(package, settings.partnership))
        self._message_of: dict[str, str] = {}
        self._parallel = parallel
        site_dir = settings.site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        # Beside the site, on the same file system, so finishing is a rename, not a copy; named
        # after it (.site-outputs-*, or .site-building-*-outputs-* inside a `generator build`).
        self._staging = Path(tempfile.mkdtemp(
            prefix=f".{site_dir.name.lstrip('.')}-outputs-", dir=site_dir.parent))
        self._task: Background[list[str]] | None = None

    def start(self, site: SiteData, pages: SitePages, templates_dir: Path) -> None:
        """Start the work (or, not in parallel, do it now)."""
        staging = self._staging
        sources = pages.per_measure
        self._message_of = {source: _bodies_key(index // BODIES_PER_MESSAGE)
                            for index, source in enumerate(sources)}

        def work(send: Send) -> list[str]:
            return _make(site, pages, sources, templates_dir, staging, send)

        self._task = Background("rendering measures' pages and writing the downloads", work,
                                parallel=self._parallel)

    @property
    def paths(self) -> tuple[str, ...]:
        """Every download's address, sorted; known before any is written."""
        return self._paths

    def package_sizes(self) -> Mapping[str, int]:
        """Return the bytes of each data package file, once the worker has written them."""
        sizes: Mapping[str, int] = self._started().wait_for(_SIZES)
        return sizes

    def measure_body(self, source: str) -> RenderedBody | None:
        """Return the rendered body of the measure page at source, or None for other pages."""
        key = self._message_of.get(source)
        if key is None:
            return None
        bodies: Mapping[str, RenderedBody] = self._started().wait_for(key)
        return bodies[source]

    def finish(self, site_dir: Path) -> None:
        """Wait for the work, check the files are those announced, and move them into site_dir."""
        try:
            written = tuple(self._started().result())
            if written != self._paths:
                missing = sorted(set(self._paths) - set(written))
                extra = sorted(set(written) - set(self._paths))
                raise PublishError(
                    "The files written differ from the files announced to MkDocs "
                    f"(missing: {missing[:5]}, unexpected: {extra[:5]}); "
                    "downloads.output_paths must list exactly what output_batches writes."
                )
            move_into(self._staging, site_dir)
        finally:
            self.discard()

    def discard(self) -> None:
        """Stop the work if need be and remove the staging folder (a failed build)."""
        if self._task is not None:
            self._task.cancel()
        shutil.rmtree(self._staging, ignore_errors=True)

    def _started(self) -> Background[list[str]]:
        if self._task is None:
            raise RuntimeError("SiteWork.start() was not called")
        return self._task


def _make(site: SiteData, pages: SitePages, sources: tuple[str, ...], templates_dir: Path,
          staging: Path, send: Send) -> list[str]:
    """Do the work in the order the build needs it; return every file written, sorted."""
    written: list[str] = []
    batches = output_batches(site.package, site.figures, site.partnership)
    package_files = next(batches)
    write_files(staging, package_files)
    written.extend(package_files)
    send(_SIZES, {path: len(content) for path, content in package_files.items()})

    bodies = render_bodies(pages, make_environment(templates_dir), sources)
    index = 0
    while chunk := dict(islice(bodies, BODIES_PER_MESSAGE)):
        send(_bodies_key(index), chunk)
        index += 1

    for batch in batches:
        write_files(staging, batch)
        written.extend(batch)
    return sorted(written)


def _bodies_key(index: int) -> str:
    return f"bodies {index}"
