"""Synthetic scale cases: N and 2N monthly indicators, against MkDocs' floor and plain jinja2."""

from __future__ import annotations

import pstats
import re
import shutil
import sys
from pathlib import Path

from benchmarks.floors import MkDocsFloor, jinja_floor, mkdocs_floor
from benchmarks.measure import (
    BenchmarkError,
    BuildResult,
    Context,
    copy_project,
    mkdocs_build,
    repeated_build,
    run_process,
    tree_env,
)
from benchmarks.report import Report, Section
from benchmarks.synthetic import SyntheticPackage, generate

NAME = "scale"
TITLE = "2. Scale: synthetic monthly indicators (seeded), MkDocs floor and plain jinja2"
GIGABYTE = 1024**3
FLOOR_RATIO_TARGET = 1.5
GROWTH_TARGET = 2.2
FIGURES = ("build_n", "cpu_n", "cpu_2n", "mkdocs_floor_cpu", "ratio_to_mkdocs_floor_cpu", "ms_per_page_n", "peak_rss_n", "pages_n", "output_bytes_n",
           "search_index_n", "build_2n", "ms_per_page_2n", "peak_rss_2n", "pages_2n",
           "output_bytes_2n", "search_index_2n", "mkdocs_floor", "mkdocs_floor_ms_per_page",
           "ratio_to_mkdocs_floor", "jinja_prepare", "jinja_render", "jinja_ms_per_page",
           "ratio_to_jinja_render", "ratio_to_jinja_total", "growth", "growth_cpu",
           "ratio_to_jinja_render_cpu", "ratio_to_jinja_total_cpu", "stage_rest",
           "jinja_peak_rss")


def synthetic_tree(ctx: Context, indicators: int) -> tuple[Path, SyntheticPackage]:
    """Copy the project and replace its data with a synthetic package of `indicators` measures."""
    tree = copy_project(ctx.root, ctx.tempdir(f"synthetic-{indicators}-"))
    shutil.rmtree(tree / "data")
    # The synthetic package is a different site: the Sutton site's registry of published URLs
    # does not apply to it (a project without permalinks/ is not checked).
    shutil.rmtree(tree / "permalinks", ignore_errors=True)
    package = generate(ctx.root / "data", tree / "data", indicators=indicators, months=ctx.sizes.months)
    return tree, package


def add_build(section: Section, suffix: str, label: str, result: BuildResult) -> None:
    """Record one case's build time, time per page, memory and output."""
    section.add(f"build_{suffix}", f"{label}: build", result.seconds, "s", runs=result.runs)
    section.add(f"cpu_{suffix}", f"{label}: build CPU time (user + system)", result.cpu_seconds, "s")
    section.add(f"ms_per_page_{suffix}", f"{label}: time per page", result.ms_per_page, "ms")
    section.add(f"peak_rss_{suffix}", f"{label}: peak RSS of the build process",
                result.peak_rss_bytes, "bytes")
    section.add(f"pages_{suffix}", f"{label}: pages", result.stats.pages, "count")
    section.add(f"output_bytes_{suffix}", f"{label}: output size", result.stats.total_bytes, "bytes",
                note=result.stats.describe())
    index = result.stats.search_index_bytes
    gz = result.stats.search_index_gzip_bytes
    section.add(f"search_index_{suffix}", f"{label}: search index", index, "bytes",
                note="" if gz is None else f"{gz / 1024:,.1f} KB gzipped")


def run(ctx: Context, report: Report, *, profile: bool = False) -> None:
    """Build the N- and 2N-indicator packages, the two floors, and the growth ratio."""
    section = report.section(NAME, TITLE)
    small, large = ctx.sizes.indicators
    results: dict[int, BuildResult] = {}
    for count, suffix in ((small, "n"), (large, "2n")):
        ctx.log(f"scale: generating {count} indicators x {ctx.sizes.months} months")
        tree, package = synthetic_tree(ctx, count)
        label = f"{count:,} indicators"
        ctx.log(f"scale: building {label} ({package.observations:,} observations)")
        if count == small:
            # One untimed build gives the pages MkDocs' floor mirrors; then the two are built
            # in turn (see alternating_builds).
            mkdocs_build(tree, tree / "site")
            ctx.log("scale: our build and MkDocs' floor (trivial pages, same theme), in turn")
            floor = mkdocs_floor(ctx, tree, tree / "site")
            results[count] = floor.ours
        else:
            results[count] = repeated_build(ctx, tree, tree / "site")
        add_build(section, suffix, label, results[count])
        section.note(f"{label}: {package.observations:,} observations "
                     f"({count:,} × {package.months} months × {package.areas} area)")
        if count == small:
            floors(ctx, section, report, tree, floor)
            if profile:
                profile_build(ctx, section, tree)
        # The budgets read these search index figures, so the output itself can go: at 2,000
        # indicators it is ~200 MB.
        ctx.shared[f"scale_{suffix}"] = results[count].stats
        if not ctx.keep:
            shutil.rmtree(tree, ignore_errors=True)
    growth = results[large].seconds / results[small].seconds
    section.add("growth", f"linear growth: time({large:,}) / time({small:,})", growth, "x")
    growth_cpu = results[large].cpu_seconds / results[small].cpu_seconds
    section.add("growth_cpu", "linear growth by CPU time", growth_cpu, "x")
    report.target(f"build time growth {small:,} -> {large:,} indicators", f"<= {GROWTH_TARGET}×",
                  growth, "x", growth <= GROWTH_TARGET)
    report.target("  the same, by CPU time", f"<= {GROWTH_TARGET}×", growth_cpu, "x",
                  growth_cpu <= GROWTH_TARGET)
    rss = results[large].peak_rss_bytes
    report.target(f"peak RSS at {large:,} indicators", "< 1 GB", rss, "bytes", rss < GIGABYTE)


def floors(ctx: Context, section: Section, report: Report, tree: Path, floor: MkDocsFloor) -> None:
    """Report MkDocs' floor, and measure the plain-jinja2 bound, for the N-indicator build."""
    site = tree / "site"
    ours = floor.ours
    section.add("mkdocs_floor", f"MkDocs floor: {floor.build.stats.pages:,} trivial pages",
                floor.build.seconds, "s", runs=floor.build.runs)
    section.add("mkdocs_floor_cpu", "MkDocs floor: CPU time (user + system)", floor.build.cpu_seconds, "s")
    section.add("mkdocs_floor_ms_per_page", "MkDocs floor: time per page", floor.build.ms_per_page, "ms")
    ratio = ours.seconds / floor.build.seconds
    section.add("ratio_to_mkdocs_floor", "our build / MkDocs floor", ratio, "x")
    section.add("ratio_to_mkdocs_floor_cpu", "our build / MkDocs floor, by CPU time",
                ours.cpu_seconds / floor.build.cpu_seconds, "x")
    section.note(f"MkDocs floor: {floor.note}")
    report.target("build / MkDocs floor (same pages, nav, theme)", f"<= {FLOOR_RATIO_TARGET}×",
                  ratio, "x", ratio <= FLOOR_RATIO_TARGET)
    cpu_ratio = ours.cpu_seconds / floor.build.cpu_seconds
    report.target("  the same, by CPU time", f"<= {FLOOR_RATIO_TARGET}×", cpu_ratio, "x",
                  cpu_ratio <= FLOOR_RATIO_TARGET)

    ctx.log("scale: plain jinja2 bound")
    jinja = jinja_floor(ctx, tree, site)
    section.add("jinja_prepare", "plain jinja2: pipeline and page contexts (prepared once)",
                jinja.prepare_seconds, "s")
    section.add("jinja_render", f"plain jinja2: render and write {jinja.pages:,} pages",
                jinja.render_seconds, "s", runs=jinja.render_runs)
    section.add("jinja_peak_rss", "plain jinja2: peak RSS of its process", jinja.peak_rss_bytes, "bytes")
    section.add("jinja_ms_per_page", "plain jinja2: time per page (render and write)",
                1000 * jinja.render_seconds / max(jinja.pages, 1), "ms")
    section.add("ratio_to_jinja_render", "our build / plain jinja2 render",
                ours.seconds / jinja.render_seconds, "x")
    section.add("ratio_to_jinja_total", "our build / plain jinja2 (pipeline, contexts and render)",
                ours.seconds / (jinja.prepare_seconds + jinja.render_seconds), "x")
    section.add("ratio_to_jinja_render_cpu", "our build / plain jinja2 render, by CPU time",
                ours.cpu_seconds / jinja.render_cpu_seconds, "x")
    section.add("ratio_to_jinja_total_cpu", "our build / plain jinja2 (pipeline, contexts, render), by CPU",
                ours.cpu_seconds / (jinja.prepare_cpu_seconds + jinja.render_cpu_seconds), "x")
    section.note(f"plain jinja2: {jinja.note}")
    # Where our build's CPU time goes: each pipeline stage run on its own, and the remainder
    # (interpreter start-up, MkDocs, Markdown, the theme and search) by difference.
    pipeline_cpu = sum(stage.cpu_seconds for stage in jinja.stages)
    for stage in jinja.stages:
        section.add("stage_" + re.sub(r"\W+", "_", stage.name), f"pipeline stage CPU: {stage.name}", stage.cpu_seconds, "s",
                    note=f"{100 * stage.cpu_seconds / ours.cpu_seconds:.0f}% of the build's CPU")
    if jinja.stages:
        rest = ours.cpu_seconds - pipeline_cpu
        section.add("stage_rest", "rest of the build CPU (start-up, MkDocs, theme, search)", rest, "s",
                    note=f"{100 * rest / ours.cpu_seconds:.0f}% of the build's CPU")


# Frames that only start the process and parse the command line: they sit above build() in
# every profile at ~100% and say nothing about where the build spends its time.
_WRAPPERS = ("runpy", "click/", "mkdocs/__main__.py", "<string>", "cProfile")


def _where(filename: str, line: int) -> str:
    parts = Path(filename).parts
    return f"{'/'.join(parts[-2:])}:{line}" if line else filename


def profile_build(ctx: Context, section: Section, tree: Path, top: int = 15) -> None:
    """Profile one build of tree under cProfile and note where the time goes."""
    ctx.log("scale: profiling one build")
    output = tree / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build",
               "--quiet", "--strict", "-f", str(tree / "mkdocs.yml"), "-d", str(tree / "site-profiled")]
    run = run_process(command, cwd=tree, env=tree_env(tree))
    if run.returncode != 0:
        raise BenchmarkError(f"the profiled build failed:\n{run.stderr[-2000:]}")
    stats = pstats.Stats(str(output))
    total = max(float(getattr(stats, "total_tt", 0.0)), 1e-9)
    # pstats keeps (file, line, function) -> (primitive calls, calls, own time, cumulative, callers).
    entries = [
        (key, value) for key, value in stats.stats.items()  # type: ignore[attr-defined]
        if not any(marker in key[0] for marker in _WRAPPERS) and key[2] != "<built-in method builtins.exec>"
    ]
    section.note(f"profile of one build under cProfile: {total:.1f} s of profiled time; "
                 f"top {top} by cumulative time (process start-up and CLI frames left out):")
    for (filename, line, function), (_, calls, _own, cumulative, _) in sorted(
        entries, key=lambda item: item[1][3], reverse=True
    )[:top]:
        section.note(f"  {cumulative:7.2f} s {100 * cumulative / total:5.1f}%  {calls:>9,} calls  "
                     f"{function}  {_where(filename, line)}")
    section.note(f"top {top} by own time:")
    for (filename, line, function), (_, calls, own, _cumulative, _) in sorted(
        entries, key=lambda item: item[1][2], reverse=True
    )[:top]:
        section.note(f"  {own:7.2f} s {100 * own / total:5.1f}%  {calls:>9,} calls  "
                     f"{function}  {_where(filename, line)}")
