"""Cold build of the shipped site, and a rebuild after one observation changes."""

from __future__ import annotations

import csv
import hashlib
import io
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from benchmarks.measure import (
    BenchmarkError,
    Context,
    copy_project,
    mkdocs_build,
    repeated_build,
)
from benchmarks.report import Report, median
from generator.package.load import read_descriptor, read_rows, read_text, resource_path

NAME = "sutton"
TITLE = "1. Shipped Sutton site (mkdocs build --strict, fresh process each run)"
FIGURES = ("cold_build", "cold_cpu", "cold_ms_per_page", "cold_peak_rss", "pages", "output_bytes",
           "rebuild", "rebuild_cpu", "rebuild_changed_files")


def run(ctx: Context, report: Report) -> None:
    """Time cold builds of the shipped site and rebuilds after one observation changes."""
    section = report.section(NAME, TITLE)
    tree = copy_project(ctx.root, ctx.tempdir("sutton-"))
    site = tree / "site"
    ctx.log("sutton: cold builds")
    cold = repeated_build(ctx, tree, site)
    # Later benchmarks (budgets) read this output instead of building the site again.
    ctx.sutton_site = site
    section.add("cold_build", "cold build", cold.seconds, "s", runs=cold.runs)
    section.add("cold_cpu", "cold build, CPU time (user + system)", cold.cpu_seconds, "s")
    section.add("cold_ms_per_page", "time per page", cold.ms_per_page, "ms")
    section.add("cold_peak_rss", "peak RSS of the build process", cold.peak_rss_bytes, "bytes")
    section.add("pages", "pages written (HTML, not counting 404.html)", cold.stats.pages, "count")
    section.add("output_bytes", "output size", cold.stats.total_bytes, "bytes",
                note=cold.stats.describe())

    ctx.log("sutton: rebuilds after changing one observation")
    rebuild_tree = copy_project(ctx.root, ctx.tempdir("sutton-rebuild-"))
    rebuild_site = rebuild_tree / "site"
    # One untimed build first, so any on-disk state a real rebuild would find is there.
    mkdocs_build(rebuild_tree, rebuild_site)
    seconds: list[float] = []
    cpu: list[float] = []
    changed: list[int] = []
    description = ""
    for attempt in range(ctx.repeats):
        before = tree_hashes(rebuild_site)
        description = change_one_observation(rebuild_tree / "data", attempt + 1)
        run = mkdocs_build(rebuild_tree, rebuild_site)
        seconds.append(run.seconds)
        cpu.append(run.cpu_seconds)
        after = tree_hashes(rebuild_site)
        changed.append(sum(1 for path in after.keys() | before.keys() if after.get(path) != before.get(path)))
    section.add("rebuild", "rebuild after changing one observation", median(seconds), "s", runs=seconds)
    section.add("rebuild_cpu", "rebuild, CPU time (user + system)", median(cpu), "s")
    section.add("rebuild_changed_files", "output files that changed", median(changed), "count")
    section.note(f"the rebuild changes {description}; MkDocs has no incremental build, so a "
                 "rebuild is a full build")


def tree_hashes(directory: Path) -> dict[str, str]:
    """Return a digest of every file under directory, keyed by relative path."""
    return {
        str(path.relative_to(directory)): hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        for path in directory.rglob("*")
        if path.is_file()
    }


def change_one_observation(data_dir: Path, step: int) -> str:
    """Change the home area's latest published figure of one measure by `step` and say which.

    Where the row carries a numerator and denominator, the numerator changes and the value is
    recomputed at the same precision, so the row stays consistent for validation.
    """
    descriptor = read_descriptor(data_dir)
    path = resource_path(data_dir, descriptor, "observations")
    if not path.exists():
        raise BenchmarkError(f"{path} does not exist: there is no observation to change")
    text = read_text(path)
    header = next(csv.reader(io.StringIO(text)))
    rows = list(read_rows(path))
    home = {row["id"] for row in read_rows(resource_path(data_dir, descriptor, "areas"))
            if row["is_home"].lower() == "true"}
    candidates = [i for i, row in enumerate(rows)
                  if row["area"] in home and row["breakdown"] == "all" and row["value"]]
    if not candidates:
        raise BenchmarkError(f"{path} has no published figure for the home area to change")
    # The last candidate in file order is the latest period of the last measure: a change there
    # moves a headline figure, which is what an editor's correction usually does.
    row = rows[candidates[-1]]
    old = row["value"]
    exponent = Decimal(old).as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    quantum = Decimal(1).scaleb(-places)
    if row.get("numerator") and row.get("denominator") and int(row["numerator"]):
        # value = numerator / denominator x per; recover per (1,000, 10,000, 100) from the row.
        per = Decimal(10) ** round(math.log10(float(old) * int(row["denominator"]) / int(row["numerator"])))
        numerator = int(row["numerator"]) + step
        row["numerator"] = str(numerator)
        row["value"] = str((Decimal(numerator) * per / Decimal(row["denominator"])).quantize(quantum, rounding=ROUND_HALF_UP))
    else:
        row["value"] = str((Decimal(old) + step * quantum).quantize(quantum, rounding=ROUND_HALF_UP))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return f"{row['indicator']}, {row['area']}, {row['period']}: value {old} -> {row['value']}"
