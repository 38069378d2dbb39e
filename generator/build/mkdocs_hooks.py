"""The thin adapter between MkDocs and the generator: every MkDocs import lives here.

mkdocs.yml names this file under ``hooks:``, so ``mkdocs build --strict`` and ``mkdocs serve`` run
the whole pipeline. The data is validated, controlled and computed once per build (on_config);
pages only look their context up. A one-off build (``mkdocs build``, ``python -m generator build``)
spreads its work over two processes: validation, and then the CSV and JSON downloads, run in a
worker while this process renders pages (generator.build.worker); ``mkdocs serve`` keeps to one.
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import threading
from pathlib import Path
from typing import Any, cast

# MkDocs loads this file by path, not as part of the package, so `import generator` only works if
# the repository root is importable. The venv's .pth file normally sees to that; a copy of the
# project built with another interpreter may lack it, so fall back to this file's own checkout.
try:
    import generator  # noqa: F401
except ImportError:  # pragma: no cover - depends on how Python was started
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.build.orchestrator import SiteData, check_data
from generator.build.site_work import SiteWork
from generator.build.worker import parallel_allowed
from generator.config import Settings
from generator.errors import InvalidDataError, PermalinkError, PublishError, WorkerError
from generator.package.load import collector_paused
from generator.present.pages import (
    RenderedBody,
    SitePages,
    build_site_pages,
    heading_markdown,
    make_environment,
    render_body,
)
from generator.publish import permalinks
from generator.publish.stylesheets import without_comments
from generator.validation import narrative_safety


@dataclasses.dataclass
class _Build:
    """What one build computed; replaced at the start of every build (serve rebuilds too)."""

    site: SiteData
    work: SiteWork  # the same object as site.outputs
    pages: SitePages
    env: jinja2.Environment
    generated: set[str]  # paths of the pages this adapter added


_current: _Build | None = None
_parallel = False  # set by on_startup: whether this run may use a second process


def settings_for(config: MkDocsConfig) -> Settings:
    """Return settings for the checkout that holds this mkdocs.yml (data/ sits beside it)."""
    root = Path(config.config_file_path).resolve().parent
    custom_dir = config.theme.custom_dir
    settings = Settings.from_root(root)
    return dataclasses.replace(
        settings,
        content_dir=Path(config.docs_dir),
        templates_dir=Path(custom_dir) if custom_dir else settings.templates_dir,
        site_dir=Path(config.site_dir),
        site_url=config.site_url or settings.site_url,
        repo_url=(config.repo_url or settings.repo_url).rstrip("/"),
    )


def _build() -> _Build:
    if _current is None:
        raise PluginError("The Safer Sutton hooks ran out of order: on_config did not run.")
    return _current


def on_startup(*, command: str, dirty: bool) -> None:
    """Use a second process for one-off builds; `mkdocs serve` builds beside its server thread,
    and forking a process that has other threads running is not safe."""
    global _parallel
    _parallel = command in ("build", "gh-deploy") and parallel_allowed()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate, control and compute the data once, before anything is written."""
    global _current
    _discard_unfinished()  # a serve rebuild that replaced a failed one
    gc.unfreeze()  # the previous serve build's data, frozen below, may now be freed
    settings = settings_for(config)
    # `mkdocs serve --clean` also starts as a "build"; its rebuilds run beside the server thread.
    parallel = _parallel and threading.active_count() == 1
    try:
        with collector_paused():
            checked = check_data(settings, parallel=parallel)
    except InvalidDataError as error:
        # Raised before site_dir is cleaned, so an invalid change publishes nothing.
        raise PluginError(f"The data in {settings.data_dir} is not valid:\n{error}") from None
    work = SiteWork(checked.package, Path(config.site_dir), parallel=parallel)
    site = SiteData(settings, checked.package, checked.figures, work, checked.report_text)
    # The data lives until the build ends and holds no garbage. Frozen, the collector leaves it
    # alone: it is not walked again each time MkDocs' rendering triggers a collection, and the
    # worker forked next does not copy every page of it by touching it.
    gc.freeze()
    try:
        work.start(site, settings.templates_dir)
        with collector_paused():
            pages = build_site_pages(site, measure_bodies_elsewhere=True)
    except BaseException:
        work.discard()
        raise
    _current = _Build(site, work, pages, make_environment(settings.templates_dir), set())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add each measure's page, any missing priority page, and the machine-readable files."""
    build = _build()
    build.generated.clear()
    pages = build.pages
    for path, markdown in pages.markdown.items():
        _add(files, File.generated(config, path, content=markdown,
                                   inclusion=InclusionLevel.NOT_IN_NAV), build)
    for path, priority in pages.priority_pages.items():
        if files.get_file_from_path(path) is None:
            # Every priority keeps its permanent URL even before its narrative is written.
            stub = f"---\npriority: {priority.number}\n---\n"
            _add(files, File.generated(config, path, content=stub), build)
    for path in build.work.paths:
        # Written by the worker and moved into the site in on_post_build, not by MkDocs.
        if files.get_file_from_path(path) is not None:
            raise PluginError(_clash(path))
    _keep_permanent_links(files, config, build)
    return files


def _keep_permanent_links(files: Files, config: MkDocsConfig, build: _Build) -> None:
    """Refuse to drop a published address; add a forwarding page for each declared move."""
    # on_files is the first hook that knows every address, so a refusal here comes before any
    # page is written.
    root = build.site.settings.root
    try:
        registered = permalinks.read_registry(root / permalinks.REGISTRY)
        moves = permalinks.read_redirects(root / permalinks.REDIRECTS)
    except PermalinkError as error:
        raise PluginError(str(error)) from None
    # Drafts and excluded files are not written, so they publish nothing. (MkDocs leaves
    # InclusionLevel's methods unannotated.)
    found = (permalinks.public_url(file.dest_uri) for file in files
             if file.inclusion.is_included())  # type: ignore[no-untyped-call]
    published = {url for url in found if url is not None}
    published.update(url for url in map(permalinks.public_url, build.work.paths) if url is not None)
    problems = permalinks.check(registered, published, moves)
    if problems:
        raise PluginError(permalinks.describe(problems))
    for move in moves:
        page = permalinks.redirect_page(move, build.site.settings.site_url, config.site_name)
        _add(files, File.generated(config, permalinks.redirect_file(move.source), content=page),
             build)


def _add(files: Files, file: File, build: _Build) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(_clash(file.src_uri))
    files.append(file)
    build.generated.add(file.src_uri)


def _clash(path: str) -> str:
    return (f"content/{path} has the same path as a file the site generates from data/; "
            f"rename or delete content/{path}.")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Refuse unsafe narrative, give data pages their template, and date every page."""
    build = _build()
    src = page.file.src_uri
    if src not in build.generated:
        problems = narrative_safety.find_unsafe_markup(page.file.content_string)
        if problems:
            raise PluginError(narrative_safety.describe(f"content/{src}", problems))
    release = build.site.release_date
    if release is not None:
        # Pages otherwise carry the build date into sitemap.xml and sitemap.xml.gz, so two builds
        # of the same commit would differ; the release date is what the figures are as of.
        page.update_date = release.isoformat()
    template = build.pages.templates.get(src)
    if template is None:
        return markdown
    page.meta["template"] = template
    description = build.pages.descriptions.get(src)
    if description is not None:
        page.meta["description"] = description
    priority = build.pages.priority_pages.get(src)
    if priority is not None:
        stated = page.meta.get("priority")
        if stated is not None and str(stated) != str(priority.number):
            raise PluginError(
                f"content/{src} says 'priority: {stated}' but data/priorities.csv gives "
                f"'{priority.slug}' the number {priority.number}; correct the front matter."
            )
        page.meta.setdefault("title", priority.title)
        if not markdown.lstrip().startswith("# "):
            return heading_markdown(priority.title) + markdown
    return markdown


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Any
) -> TemplateContext:
    """Render the page's generated body from its context (tables, cards, chart data)."""
    build = _build()
    src = page.file.src_uri
    body = _body(build, src, page.url)
    if body is not None:
        # TemplateContext is a TypedDict of MkDocs' own keys; the theme templates read "ss".
        cast(dict[str, Any], context)["ss"] = body
        # MkDocs checks #anchor links against ids found in the Markdown; add the body's ids so
        # links such as methodology/#how-status-is-judged are checked, not reported missing.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | set(body.anchor_ids)
    if src in build.generated:
        # Generated pages have no Markdown file to edit; their body names the data files instead.
        page.edit_url = None
    return context


def _body(build: _Build, src: str, url: str) -> RenderedBody | None:
    """Return a generated body: a measure's from the worker, any other rendered here."""
    try:
        body = build.work.measure_body(src)
    except WorkerError as error:
        raise PluginError(f"Rendering the measures' pages failed: {error}") from None
    if body is not None:
        return body
    page_context = build.pages.context(src)
    return None if page_context is None else render_body(build.env, page_context, url)


def on_post_build(config: MkDocsConfig) -> None:
    """Publish the site's style sheets without comments, and put the downloads in place."""
    build = _build()
    for sheet in config.extra_css:
        # Only the site's own style sheets (under custom_dir), never a theme's or another site's.
        if (build.site.settings.templates_dir / sheet).is_file():
            published = Path(config.site_dir) / sheet
            published.write_text(without_comments(published.read_text(encoding="utf-8")),
                                 encoding="utf-8")
    try:
        build.work.finish(Path(config.site_dir))
    except (PublishError, WorkerError, OSError) as error:
        raise PluginError(f"Writing the CSV and JSON downloads failed: {error}") from None


def on_build_error(error: Exception) -> None:
    """Stop the worker and remove its files: a failed build publishes nothing from them."""
    _discard_unfinished()


def on_shutdown() -> None:
    _discard_unfinished()


def _discard_unfinished() -> None:
    if _current is not None:
        _current.work.discard()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when data or templates change, as well as content/ (which MkDocs watches)."""
    settings = settings_for(config)
    server.watch(str(settings.data_dir))
    server.watch(str(settings.templates_dir))
    return server
