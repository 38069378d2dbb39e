"""Every London borough as an area: the shipped site with the police importer run for all 32."""

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
from generator.importers.london import MPS_BOROUGHS

NAME = "boroughs"
TITLE = "2a. Scale: every London borough's police-derived measures as areas (real data)"
HOME = "Sutton"
VINTAGE = "v2025-03"
FIGURES = ("areas", "observations", "build", "cpu", "ms_per_page", "peak_rss", "pages", "output_bytes",
           "search_index")


def reference_data(root: Path) -> Path:
    """Return the shared reference-data folder that sits beside the checkout."""
    return (root / ".." / "shared" / "reference-data").resolve()


def import_all_boroughs(ctx: Context, tree: Path, boroughs: list[str]) -> None:
    """Run the project's population and police importers on tree/data for every borough given."""
    reference = reference_data(ctx.root)
    police = sorted((reference / "mps-borough-level-crime" / "v2025-03_andyxuegit").glob("*.csv"))
    census = reference / "population" / "london_boroughs_census_2011_2021.csv"
    if not police or not census.exists():
        raise BenchmarkError(f"the police or census reference files are not in {reference}")
    comparators = ",".join(name for name in boroughs if name != HOME)
    area = ["--area", HOME, "--comparators", comparators, "--data-dir", str(tree / "data")]
    commands = [
        [sys.executable, "-m", "generator", "import-population", str(census), *area],
        [sys.executable, "-m", "generator", "import-mps", *map(str, police), "--vintage", VINTAGE, *area],
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
    names = sorted(MPS_BOROUGHS)
    if ctx.sizes.boroughs is not None:
        # Smaller runs keep the home borough and take the first others alphabetically.
        names = [HOME, *[name for name in names if name != HOME][: ctx.sizes.boroughs - 1]]
    tree = copy_project(ctx.root, ctx.tempdir("boroughs-"))
    ctx.log(f"boroughs: importing {len(names)} boroughs")
    import_all_boroughs(ctx, tree, names)
    areas = count_rows(tree / "data" / "areas.csv")
    observations = count_rows(tree / "data" / "observations.csv")
    ctx.log(f"boroughs: building with {areas} areas")
    result = repeated_build(ctx, tree, tree / "site")
    section.add("areas", "areas (home, comparator boroughs and London)", areas, "count")
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
    section.note(f"police files of vintage {VINTAGE} (v2025-03_andyxuegit), imported with the "
                 "project's import-population and import-mps commands")
