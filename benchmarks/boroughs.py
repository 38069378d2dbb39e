"""Every London borough and partnership as an area: the shipped site with every importer run."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.measure import (
    BenchmarkError,
    Context,
    copy_project,
    repeated_build,
    run_process,
    tree_env,
)
from benchmarks.report import Report

NAME = "boroughs"
TITLE = ("2a. Scale: every London borough, the home area's wards and every Community Safety "
         "Partnership in England and Wales as areas (real data)")
FIGURES = ("areas", "observations", "build", "cpu", "ms_per_page", "peak_rss", "pages", "output_bytes",
           "search_index")


def import_all_boroughs(ctx: Context, tree: Path) -> None:
    """Run every importer of `make import` on tree/data, from tree/sources.

    Every borough in areas.csv is imported, at every size: a police file's borough that
    areas.csv does not list stops the import, so the list cannot be cut. So is every ward and
    every partnership in the files.
    """
    sources = tree / "sources"
    area = ["--data-dir", str(tree / "data"), "--sources-dir", str(sources)]
    commands = [
        [sys.executable, "-m", "generator", "import-population",
         *map(str, sorted(sources.glob("ons-mye-*"))), *area],
        [sys.executable, "-m", "generator", "import-mps",
         *map(str, sorted(sources.glob("mps-borough-*"))), *area],
        *([sys.executable, "-m", "generator", command, *area]
          for command in ("import-wards", "import-dashboard", "import-csp")),
    ]
    for command in commands:
        run = run_process(command, cwd=tree, env=tree_env(tree))
        if run.returncode != 0:
            raise BenchmarkError(f"{' '.join(command[2:4])} failed:\n{(run.stderr or run.stdout)[-2000:]}")


def count_rows(path: Path) -> int:
    """Return the number of data rows of a CSV file (its lines less the header)."""
    with path.open(encoding="utf-8") as stream:
        return max(sum(1 for line in stream if line.strip()) - 1, 0)


def run(ctx: Context, report: Report) -> None:
    """Import every borough into a copy of the project and time its build."""
    section = report.section(NAME, TITLE)
    tree = copy_project(ctx.root, ctx.tempdir("boroughs-"))
    ctx.log("boroughs: importing the police and population releases in sources/")
    import_all_boroughs(ctx, tree)
    areas = count_rows(tree / "data" / "areas.csv")
    observations = count_rows(tree / "data" / "observations.csv")
    ctx.log(f"boroughs: building with {areas} areas")
    result = repeated_build(ctx, tree, tree / "site")
    section.add("areas", "areas (32 boroughs, London, wards and partnerships)", areas, "count")
    section.add("observations", "observations", observations, "count")
    section.add("build", "build", result.seconds, "s", runs=result.runs)
    section.add("cpu", "build CPU time (user + system)", result.cpu_seconds, "s")
    section.add("ms_per_page", "time per page", result.ms_per_page, "ms")
    section.add("peak_rss", "peak RSS of the build process", result.peak_rss_bytes, "bytes")
    section.add("pages", "pages", result.stats.pages, "count")
    section.add("output_bytes", "output size", result.stats.total_bytes, "bytes",
                note=result.stats.describe())
    gz = result.stats.search_index_gzip_bytes
    section.add("search_index", "search index", result.stats.search_index_bytes, "bytes",
                note="" if gz is None else f"{gz / 1024:,.1f} KB gzipped")
    section.note("every release in sources/, imported with the commands `make import` runs")
