"""Validation throughput: rows per second for synthetic, valid packages of growing size."""

from __future__ import annotations

import json
import math
import sys

from benchmarks.measure import BenchmarkError, Context, run_process, tree_env
from benchmarks.report import Report, median
from benchmarks.synthetic import generate

NAME = "validation"
TITLE = "3. Validation throughput (generator.validation.runner.validate_package, synthetic valid rows)"
AREAS = 4  # the home area and three comparators, as the shipped site has

# Runs in a fresh interpreter so each measurement starts cold and its peak RSS is its own;
# only the validate_package call is timed, not the imports.
_SCRIPT = """
import json, sys, time
from pathlib import Path
from generator.validation.runner import validate_package
data_dir = Path(sys.argv[1])
started, cpu_started = time.perf_counter(), time.process_time()
report = validate_package(data_dir)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
problems = getattr(report, "problems", None)
if problems is None:
    problems = getattr(report, "errors", ())
print(json.dumps({"seconds": seconds, "cpu": cpu, "problems": len(problems),
                  "first": [str(p) for p in list(problems)[:3]]}))
"""


def figure_keys(rows: tuple[int, ...]) -> tuple[str, ...]:
    """Return the keys of every figure this benchmark reports for the given sizes."""
    return tuple(f"{kind}_{count}" for count in rows for kind in ("seconds", "cpu", "rows_per_second", "rows_per_cpu_second", "peak_rss"))


def run(ctx: Context, report: Report) -> None:
    """Validate synthetic packages of each size ctx.repeats times and report rows per second."""
    section = report.section(NAME, TITLE)
    months = ctx.sizes.months
    for count in ctx.sizes.validation_rows:
        data_dir = ctx.tempdir(f"validation-{count}-") / "data"
        indicators = math.ceil(count / (months * AREAS))
        ctx.log(f"validation: generating {count:,} rows")
        package = generate(ctx.root / "data", data_dir, indicators=indicators, months=months,
                           areas=AREAS, max_rows=count)
        seconds: list[float] = []
        cpu: list[float] = []
        rss: list[int] = []
        for _ in range(ctx.repeats):
            ctx.log(f"validation: validating {count:,} rows")
            run = run_process([sys.executable, "-c", _SCRIPT, str(data_dir)], cwd=ctx.root,
                              env=tree_env(ctx.root))
            if run.returncode != 0:
                raise BenchmarkError(f"validating {count:,} rows failed:\n{run.stderr[-2000:]}")
            result = json.loads(run.stdout.strip().splitlines()[-1])
            if result["problems"]:
                raise BenchmarkError(
                    f"the synthetic {count:,}-row package is not valid ({result['problems']} "
                    f"problems), so its timing would not be a throughput: {result['first']}"
                )
            seconds.append(float(result["seconds"]))
            cpu.append(float(result["cpu"]))
            rss.append(run.peak_rss_bytes)
        taken = median(seconds)
        label = f"{package.observations:,} rows"
        section.add(f"seconds_{count}", f"{label}: validate_package", taken, "s", runs=seconds)
        section.add(f"cpu_{count}", f"{label}: CPU time", median(cpu), "s")
        section.add(f"rows_per_second_{count}", f"{label}: throughput", package.observations / taken, "rows/s")
        section.add(f"rows_per_cpu_second_{count}", f"{label}: throughput per CPU second",
                    package.observations / median(cpu), "rows/s")
        section.add(f"peak_rss_{count}", f"{label}: peak RSS of the process", median(rss), "bytes")
    section.note(f"rows are observations ({AREAS} areas × {months} months × as many indicators as needed); "
                 "the time covers validate_package only, not interpreter start-up or imports")
