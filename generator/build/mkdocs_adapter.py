"""The thin adapter between MkDocs and the generator: MkDocs' events, handled by one object.

mkdocs.yml names generator/build/mkdocs_hooks.py under ``hooks:``, which hands each event to a
SiteHooks, so ``mkdocs build --strict`` and ``mkdocs serve`` run the whole build. The stages run
once per build, in on_config (generator.build.orchestrator); the other events only look up what
they made. ``python -m generator build`` runs the stages itself and hands the result over with
adopt(). Outside generator/commands/, only this module and the hooks file import MkDocs.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.build.orchestrator import SiteBuild, build
from generator.build.worker import parallel_allowed
from generator.config import Partnership, Settings, pinned_today
from generator.errors import GeneratorError, InvalidDataError, PublishError, WorkerError
from generator.present import urls
from generator.present.markdown import heading_markdown
from generator.present.render import RenderedBody, make_environment, render_body
from generator.publish import permalinks
from generator.publish.disk import rewrite_text
from generator.publish.stylesheets import without_comments
from generator.validation import narrative_safety


def settings_for(config: MkDocsConfig) -> Settings:
    """Return settings for the checkout that holds this mkdocs.yml (data/ sits beside it)."""
    root = Path(config.config_file_path).resolve().parent
    custom_dir = config.theme.custom_dir
    try:
        partnership = Partnership.from_config(config, Path(config.config_file_path).name)
    except GeneratorError as error:
        raise PluginError(str(error)) from None
    return Settings(
        root=root,
        data_dir=root / "data",
        content_dir=Path(config.docs_dir),
        templates_dir=Path(custom_dir) if custom_dir else root / "site_templates",
        site_dir=Path(config.site_dir),
        partnership=partnership,
        today=pinned_today(),
    )


def site_hooks(config: MkDocsConfig) -> SiteHooks:
    """Return the SiteHooks that the configuration's hooks file handed MkDocs' events to."""
    # MkDocs annotates `hooks` as a list, but its validated value maps each path to its module.
    modules: dict[str, Any] = cast(Any, config.hooks)
    for module in modules.values():
        hooks = getattr(module, "HOOKS", None)
        if isinstance(hooks, SiteHooks):
            return hooks
    raise PluginError("mkdocs.yml must list generator/build/mkdocs_hooks.py under hooks:.")


class SiteHooks:
    """Everything one MkDocs run needs between its events; serve reuses it for each rebuild."""

    def __init__(self) -> None:
        self._current: SiteBuild | None = None
        self._adopted: SiteBuild | None = None
        self._generated: set[str] = set()  # pages this adapter added to MkDocs' files
        self._env: jinja2.Environment | None = None  # for the bodies rendered here
        self._templates_dir = Path()
        self.uses_worker = False  # set by on_startup: whether builds may use a second process

    def adopt(self, site_build: SiteBuild) -> None:
        """Use a build whose stages have already run for MkDocs' next build."""
        self._adopted = site_build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Use a second process for one-off builds; `mkdocs serve` builds beside its server
        thread, and forking a process that has other threads running is not safe."""
        self.uses_worker = command in ("build", "gh-deploy") and parallel_allowed()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Run the build's stages once, before anything is written (unless already run)."""
        self.discard()  # a serve rebuild that replaced a failed one
        settings = settings_for(config)
        self._current, self._adopted = self._adopted, None
        if self._current is None:
            # `mkdocs serve --clean` also starts as a "build"; its rebuilds run beside the
            # server thread, so a second process is used only while this is the only thread.
            parallel = self.uses_worker and threading.active_count() == 1
            try:
                build(settings, self._hold, parallel=parallel)
            except InvalidDataError as error:
                # Raised before site_dir is cleaned, so an invalid change publishes nothing.
                raise PluginError(
                    f"The data in {settings.data_dir} is not valid:\n{error}") from None
        self._templates_dir = settings.templates_dir
        self._env = make_environment(settings.templates_dir)
        return config

    def _hold(self, site_build: SiteBuild) -> None:
        # Stage 7 for a build MkDocs started: MkDocs writes the pages once on_config returns.
        self._current = site_build

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add each measure's page, any missing priority page, and forwarding pages."""
        current = self._build()
        self._generated.clear()
        for source, markdown in current.pages.generated():
            self._add(files, File.generated(config, source, content=markdown,
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        for source, page in current.pages.pages.items():
            if page.stub is not None and files.get_file_from_path(source) is None:
                self._add(files, File.generated(config, source, content=page.stub))
        for path in current.work.paths:
            # Written by the worker and moved into the site in on_post_build, not by MkDocs.
            if files.get_file_from_path(path) is not None:
                raise PluginError(_clash(path))
        self._keep_permanent_links(files, config, current)
        return files

    def _keep_permanent_links(self, files: Files, config: MkDocsConfig, current: SiteBuild) -> None:
        """Refuse to drop a published address; add a forwarding page for each declared move."""
        # on_files is the first event that knows every address, so a refusal here comes before
        # any page is written. Drafts and excluded files are not written, so publish nothing.
        # (MkDocs leaves InclusionLevel's methods unannotated.)
        built = [file.dest_uri for file in files
                 if file.inclusion.is_included()]  # type: ignore[no-untyped-call]
        try:
            moves = permalinks.check_build(Path(config.config_file_path).resolve().parent,
                                           [*built, *current.work.paths])
        except GeneratorError as error:
            raise PluginError(str(error)) from None
        for move in moves:
            page = permalinks.redirect_page(move, current.site.partnership)
            self._add(files, File.generated(config, urls.built_path(move.source), content=page))

    def _add(self, files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(_clash(file.src_uri))
        files.append(file)
        self._generated.add(file.src_uri)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Refuse unsafe narrative, give data pages their template, and date every page."""
        current = self._build()
        src = page.file.src_uri
        if src not in self._generated:
            problems = narrative_safety.find_unsafe_markup(page.file.content_string)
            if problems:
                raise PluginError(narrative_safety.describe(f"content/{src}", problems))
        release = current.site.release_date
        if release is not None:
            # Pages otherwise carry the build date into sitemap.xml and sitemap.xml.gz, so two
            # builds of the same commit would differ; the release date is what the figures are as of.
            page.update_date = release.isoformat()
        generated = current.pages.pages.get(src)
        if generated is None:
            return markdown
        page.meta["template"] = generated.template
        if generated.description is not None:
            page.meta["description"] = generated.description
        priority = generated.priority
        if priority is None:
            return markdown
        stated = page.meta.get("priority")
        if stated is not None and str(stated) != str(priority.number):
            raise PluginError(
                f"content/{src} says 'priority: {stated}' but data/priorities.csv gives "
                f"'{priority.slug}' the number {priority.number}; correct the front matter.")
        page.meta.setdefault("title", priority.title)
        if not markdown.lstrip().startswith("# "):
            return heading_markdown(priority.title) + markdown
        return markdown

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Any) -> TemplateContext:
        """Give the page its generated body (tables, cards, chart data), as "ss"."""
        src = page.file.src_uri
        body = self._body(src, page.url)
        if body is not None:
            # TemplateContext is a TypedDict of MkDocs' own keys; the theme templates read "ss".
            cast(dict[str, Any], context)["ss"] = body
            # MkDocs checks #anchor links against ids found in the Markdown; add the body's ids
            # so links such as methodology/#how-status-is-judged are checked, not reported missing.
            page.present_anchor_ids = (page.present_anchor_ids or set()) | set(body.anchor_ids)
        if src in self._generated:
            # Generated pages have no Markdown file to edit; their body names the data files.
            page.edit_url = None
        return context

    def _body(self, src: str, url: str) -> RenderedBody | None:
        """Return a generated body: a measure's from the worker, any other rendered here."""
        current = self._build()
        try:
            body = current.work.measure_body(src)
        except WorkerError as error:
            raise PluginError(f"Rendering the measures' pages failed: {error}") from None
        if body is not None:
            return body
        context = current.pages.context(src)
        if context is None or self._env is None:
            return None
        return render_body(self._env, context, url)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Publish the site's style sheets without comments, and put the downloads in place."""
        current = self._build()
        for sheet in config.extra_css:
            # Only the site's own style sheets (under custom_dir), never a theme's or another's.
            if (self._templates_dir / sheet).is_file():
                rewrite_text(Path(config.site_dir) / sheet, without_comments)
        try:
            current.work.finish(Path(config.site_dir))
        except (PublishError, WorkerError, OSError) as error:
            raise PluginError(f"Writing the CSV and JSON downloads failed: {error}") from None

    def on_build_error(self, error: Exception) -> None:
        """Stop the worker and remove its files: a failed build publishes nothing from them."""
        self.discard()

    def on_shutdown(self) -> None:
        """Stop any work still running when MkDocs exits."""
        self.discard()

    def discard(self) -> None:
        """Stop the current build's worker and remove its unfinished files, if there are any."""
        if self._current is not None:
            self._current.work.discard()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        """Rebuild when data or templates change, as well as content/ (which MkDocs watches)."""
        settings = settings_for(config)
        server.watch(str(settings.data_dir))
        server.watch(str(settings.templates_dir))
        return server

    def _build(self) -> SiteBuild:
        if self._current is None:
            raise PluginError("The site's hooks ran out of order: on_config did not run.")
        return self._current


def _clash(path: str) -> str:
    return (f"content/{path} has the same path as a file the site generates from data/; "
            f"rename or delete content/{path}.")
