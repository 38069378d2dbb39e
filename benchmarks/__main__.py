"""Run the benchmarks: ``python -m benchmarks [--quick] [--repeats N] [--only NAME] [--json FILE]``."""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from benchmarks import boroughs, budgets, lighthouse, scale, sutton, validation
from benchmarks.measure import DEFAULT_SIZES, QUICK_SIZES, BenchmarkError, Context, Sizes
from benchmarks.report import Report, format_bytes

Benchmark = Callable[[Context, Report], None]

# Run order differs from the report's order: budgets compare the search index with the scale
# builds, so they run last, and the Sutton site built first is reused by the budgets.
BENCHMARKS: dict[str, tuple[str, Benchmark]] = {
    sutton.NAME: (sutton.TITLE, sutton.run),
    scale.NAME: (scale.TITLE, scale.run),
    boroughs.NAME: (boroughs.TITLE, boroughs.run),
    validation.NAME: (validation.TITLE, validation.run),
    budgets.NAME: (budgets.TITLE, budgets.run),
    lighthouse.NAME: (lighthouse.TITLE, lighthouse.run),
}
REPORT_ORDER = (sutton.NAME, boroughs.NAME, scale.NAME, validation.NAME, budgets.NAME,
                lighthouse.NAME)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time the site build and validation, and measure page budgets. "
                    "Prints figures; never fails on time.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="one repeat and smaller synthetic sizes (a few minutes)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="runs per measurement; the median is reported (default 3, --quick 1)")
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="also write the figures as JSON to FILE")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one N-indicator build with cProfile (top 15 cumulative)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary trees and built sites, and print where they are")
    return parser.parse_args(argv)


def header(sizes: Sizes, repeats: int) -> list[str]:
    """Return the lines that say on what and how the figures were measured."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        "Safer Sutton site benchmarks",
        f"    machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}",
        f"    Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"mkdocs-material {version('mkdocs-material')}, Markdown {version('markdown')}",
        f"    {repeats} run(s) per measurement, medians shown; synthetic sizes: "
        f"{sizes.indicators[0]:,} and {sizes.indicators[1]:,} indicators × {sizes.months} months, "
        f"validation {', '.join(f'{rows:,}' for rows in sizes.validation_rows)} rows",
        f"    load average at start (1, 5, 15 min): {load}; wall times on a busy machine vary, "
        "CPU times (user + system) much less",
    ]


def run_all(ctx: Context, names: Sequence[str], *, profile: bool = False) -> Report:
    """Run the named benchmarks and return the report; a failing benchmark is recorded, not raised."""
    report = Report(header=header(ctx.sizes, ctx.repeats))
    for name in REPORT_ORDER:
        if name in names:
            report.section(name, BENCHMARKS[name][0])
    for name, (_, benchmark) in BENCHMARKS.items():
        if name not in names:
            continue
        started = time.perf_counter()
        try:
            if name == scale.NAME:
                scale.run(ctx, report, profile=profile)
            else:
                benchmark(ctx, report)
        except BenchmarkError as error:
            report.errors.append(f"{name}: {error}")
        except Exception:  # one broken benchmark must not hide the others' figures
            report.errors.append(f"{name}: unexpected error\n{traceback.format_exc()}")
        taken = time.perf_counter() - started
        report.section(name, BENCHMARKS[name][0]).note(f"this benchmark took {taken:.0f} s in all")
        ctx.log(f"{name}: done in {taken:.0f} s")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks, print the report and return 0 (1 only if a benchmark could not run)."""
    args = parse_args(argv)
    sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    repeats = args.repeats or (1 if args.quick else 3)
    workdir = Path(tempfile.mkdtemp(prefix="safer-sutton-bench-"))
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    ctx = Context(repeats=repeats, sizes=sizes, workdir=workdir, log=log, keep=args.keep)
    try:
        report = run_all(ctx, args.only or list(BENCHMARKS), profile=args.profile)
    finally:
        if args.keep:
            print(f"kept temporary trees in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    report.header.append(f"    load average at end: {load}; total benchmark time: "
                         f"{time.perf_counter() - started:.0f} s")
    # A child's ru_maxrss starts from its parent's RSS at the moment it was started, so the
    # peak RSS figures are only the builds' own when they exceed this runner's peak.
    runner_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    report.header.append(f"    this runner's own peak RSS: {format_bytes(runner_rss)} "
                         "(a child's peak RSS reads at least this)")
    print(report.render(), end="")
    if args.json:
        report.write_json(args.json)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
