"""The two lower bounds our build is compared with: MkDocs' own floor and plain jinja2."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.measure import (
    BenchmarkError,
    BuildResult,
    Context,
    alternating_builds,
    mkdocs_build,
    run_process,
    tree_env,
)
from benchmarks.report import median
from benchmarks.stages import StageTime

TRIVIAL_PAGE = "# {title}\n\nA short paragraph of text, the same on every page of this floor site.\n"


class _LenientLoader(yaml.SafeLoader):
    """A YAML loader that reads mkdocs.yml's tags (!ENV, !!python/name:...) as plain null."""


_LenientLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    """Return mkdocs.yml as plain data (tags it cannot resolve become None)."""
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506 - safe subclass
    return loaded if isinstance(loaded, dict) else {}


def without_hooks(text: str) -> str:
    """Return mkdocs.yml text with its top-level ``hooks:`` entry removed."""
    lines = text.splitlines()
    kept: list[str] = []
    skipping = False
    for line in lines:
        if re.match(r"^hooks\s*:", line):
            # The inline form "hooks: [a.py]" ends on this line; the block form continues with
            # indented or "- " lines.
            skipping = line.split(":", 1)[1].strip() == ""
            continue
        if skipping and (not line.strip() or line.startswith((" ", "\t", "-"))):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept) + "\n"


def nav_sources(nav: object) -> Iterator[str]:
    """Yield every Markdown file named in a mkdocs nav (external links are skipped)."""
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_sources(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_sources(value)


def page_url_dir(source: str, directory_urls: bool) -> str:
    """Return the output directory of a Markdown source as MkDocs would write it."""
    stem = source[: -len(".md")]
    parent, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return parent
    return stem if directory_urls else f"{parent}/{name}".strip("/")


def html_pages(site_dir: Path) -> list[str]:
    """Return the relative paths of every HTML page a build wrote (404.html aside)."""
    return sorted(
        str(path.relative_to(site_dir))
        for path in site_dir.rglob("*.html")
        if path.name != "404.html"
    )


def trivial_sources(pages: list[str], config: dict[str, Any]) -> dict[str, str]:
    """Map each page of a built site to the Markdown source a trivial mirror of it needs."""
    directory_urls = bool(config.get("use_directory_urls", True))
    by_dir = {page_url_dir(source, directory_urls): source for source in nav_sources(config.get("nav"))}
    sources: dict[str, str] = {}
    for page in pages:
        if page.endswith("/index.html") or page == "index.html":
            out_dir = page[: -len("index.html")].rstrip("/")
            default = f"{out_dir}.md" if out_dir else "index.md"
        else:
            out_dir = page[: -len(".html")]
            default = f"{out_dir}.md"
        sources[page] = by_dir.get(out_dir, default)
    return sources


@dataclass(frozen=True)
class MkDocsFloor:
    """MkDocs building the same number of trivial pages with the same theme and nav."""

    build: BuildResult
    ours: BuildResult  # our build of the same tree, measured in turn with the floor
    note: str


def mkdocs_floor(ctx: Context, tree: Path, our_site: Path) -> MkDocsFloor:
    """Build trivial pages at every path our build wrote, with our mkdocs.yml minus the hooks,
    taking turns with builds of tree itself (our_site must hold one finished build of tree)."""
    config = read_config(tree / "mkdocs.yml")
    floor = ctx.tempdir("mkdocs-floor-")
    docs_dir = floor / str(config.get("docs_dir", "docs"))
    for page, source in trivial_sources(html_pages(our_site), config).items():
        target = docs_dir / source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TRIVIAL_PAGE.format(title=Path(page).parent.name or "Home"), encoding="utf-8")
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir and (tree / custom_dir).exists():
        shutil.copytree(tree / custom_dir, floor / custom_dir)
    text = without_hooks((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    (floor / "mkdocs.yml").write_text(text, encoding="utf-8")
    site = floor / "site"
    note = "same mkdocs.yml minus hooks"
    # --strict is not passed (mkdocs.yml's own `strict:` still applies): trivial pages have no
    # links to check, and nothing else in them can warn. One untimed build shows it works.
    try:
        mkdocs_build(floor, site, strict=False)
    except BenchmarkError:
        if not custom_dir:
            raise
        # Theme overrides that read what the hooks put on each page cannot render without them.
        text = re.sub(r"(?m)^(\s*)custom_dir\s*:.*\n", "", text)
        (floor / "mkdocs.yml").write_text(text, encoding="utf-8")
        note = ("same mkdocs.yml minus hooks and minus theme.custom_dir "
                "(its templates need the hooks)")
    ours, built = alternating_builds(ctx, [(tree, our_site, True), (floor, site, False)])
    return MkDocsFloor(built, ours, note)


@dataclass(frozen=True)
class JinjaFloor:
    """Plain jinja2 rendering the same pages to files, with no MkDocs."""

    prepare_seconds: float  # running the data pipeline and building every page's context
    prepare_cpu_seconds: float
    render_seconds: float  # rendering and writing every page (median)
    render_cpu_seconds: float
    render_runs: tuple[float, ...]
    pages: int
    note: str
    stages: tuple[StageTime, ...]  # the pipeline's stages, when the project's renderer was used
    peak_rss_bytes: int


def jinja_floor(ctx: Context, tree: Path, our_site: Path) -> JinjaFloor:
    """Render the pages our build wrote with plain jinja2, in a fresh process, ctx.repeats times."""
    pages = html_pages(our_site)
    work = ctx.tempdir("jinja-floor-")
    (work / "pages.txt").write_text("\n".join(pages) + "\n", encoding="utf-8")
    env = tree_env(tree)
    # The benchmarks package is not copied into the tree; generator is imported from the tree.
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(ctx.root)])
    command = [sys.executable, "-m", "benchmarks.jinja_floor", str(tree), str(work / "pages.txt"),
               str(ctx.repeats), str(work / "out")]
    run = run_process(command, cwd=tree, env=env)
    if run.returncode != 0:
        raise BenchmarkError(f"the plain jinja2 floor failed:\n{run.stderr[-2000:]}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    shutil.rmtree(work, ignore_errors=True)
    return JinjaFloor(
        prepare_seconds=result["prepare_seconds"],
        prepare_cpu_seconds=result["prepare_cpu_seconds"],
        render_seconds=median(result["render_runs"]),
        render_cpu_seconds=median(result["render_cpu_runs"]),
        render_runs=tuple(result["render_runs"]),
        pages=len(pages),
        note=result["note"],
        stages=tuple(StageTime(**stage) for stage in result["stages"]),
        peak_rss_bytes=run.peak_rss_bytes,
    )
