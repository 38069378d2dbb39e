"""Lighthouse mobile performance of the home, a priority and a chart page, served with gzip.

Runs npm's `lighthouse` (pinned in lighthouse-cli/package-lock.json, installed there with
`npm ci` on first use) against Debian's Chromium; never a browser download. It prints figures
and never fails on a score; without npm or Chromium it says so and skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.budgets import find_pages
from benchmarks.gzip_server import serve_site
from benchmarks.measure import BenchmarkError, Context, sutton_site
from benchmarks.report import Report, Section, median

NAME = "lighthouse"
TITLE = "5. Lighthouse, mobile, simulated throttling, served with gzip (median of the runs)"
CLI_DIR = Path(__file__).resolve().parent / "lighthouse-cli"
CHROMIUM = Path("/usr/bin/chromium")
# Page types measured, with the labels the report uses (keys of budgets.find_pages).
PAGES = {"home": "home page", "priority": "priority page", "indicator_chart": "chart (measure) page"}
# As root Chromium needs --no-sandbox. Lighthouse's launcher adds the flags that keep Chromium
# off the network (--disable-background-networking, --disable-component-update and others).
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
SCORE_TARGET = 95
TBT_TARGET_MS = 200
RUN_TIMEOUT_S = 240


@dataclass(frozen=True)
class LighthouseRun:
    """The figures one Lighthouse run gave for one page."""

    score: float  # performance, 0-100
    total_blocking_time_ms: float
    largest_contentful_paint_ms: float


def missing_tools() -> list[str]:
    """Return what this benchmark needs but cannot find, in words."""
    missing = [f"{tool} (Debian: apt-get install nodejs npm)" for tool in ("node", "npm")
               if shutil.which(tool) is None]
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    return missing


def pinned_version(cli_dir: Path = CLI_DIR) -> str:
    """Return the Lighthouse version that package.json pins."""
    package = json.loads((cli_dir / "package.json").read_text(encoding="utf-8"))
    return str(package["dependencies"]["lighthouse"])


def installed_version(cli_dir: Path = CLI_DIR) -> str | None:
    """Return the Lighthouse version in node_modules, or None when it is not installed."""
    installed = cli_dir / "node_modules" / "lighthouse" / "package.json"
    if not installed.is_file():
        return None
    return str(json.loads(installed.read_text(encoding="utf-8"))["version"])


def ensure_cli(ctx: Context, cli_dir: Path = CLI_DIR) -> Path:
    """Install the pinned Lighthouse with `npm ci` unless it is already there; return the CLI."""
    cli = cli_dir / "node_modules" / ".bin" / "lighthouse"
    if cli.is_file() and installed_version(cli_dir) == pinned_version(cli_dir):
        return cli
    ctx.log(f"lighthouse: npm ci in {cli_dir} (first use: lighthouse {pinned_version(cli_dir)})")
    # --ignore-scripts: nothing the packages ship may run, so nothing can download a browser.
    result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                            cwd=cli_dir, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not cli.is_file():
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-10:])
        raise BenchmarkError(f"npm ci in {cli_dir} failed ({result.returncode}):\n{tail}")
    return cli


def parse_result(data: dict[str, Any], url: str) -> LighthouseRun:
    """Return the figures of one Lighthouse JSON result, or say why it has none."""
    if data.get("runtimeError"):
        raise BenchmarkError(f"Lighthouse could not measure {url}: {data['runtimeError']}")
    score = data["categories"]["performance"]["score"]
    audits = data["audits"]
    if score is None:
        warnings = "; ".join(data.get("runWarnings", [])) or "no score"
        raise BenchmarkError(f"Lighthouse gave no performance score for {url}: {warnings}")
    return LighthouseRun(
        score=100 * float(score),
        total_blocking_time_ms=float(audits["total-blocking-time"]["numericValue"]),
        largest_contentful_paint_ms=float(audits["largest-contentful-paint"]["numericValue"]),
    )


def lighthouse_command(cli: Path, url: str, output: Path) -> list[str]:
    """Return the command for one mobile, simulated-throttling performance run of url."""
    return [str(cli), url, "--quiet", "--output=json", f"--output-path={output}",
            "--only-categories=performance", "--form-factor=mobile",
            "--throttling-method=simulate", f"--chrome-flags={CHROME_FLAGS}"]


def measure(cli: Path, url: str, workdir: Path) -> LighthouseRun:
    """Run Lighthouse once on url and return its figures."""
    output = Path(tempfile.mkstemp(suffix=".json", dir=workdir)[1])
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    try:
        result = subprocess.run(lighthouse_command(cli, url, output), env=env, capture_output=True,
                                text=True, timeout=RUN_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise BenchmarkError(f"Lighthouse took over {RUN_TIMEOUT_S} s on {url}") from error
    if result.returncode != 0 or output.stat().st_size == 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-10:])
        raise BenchmarkError(f"Lighthouse exited with {result.returncode} on {url}:\n{tail}")
    return parse_result(json.loads(output.read_text(encoding="utf-8")), url)


def report_page(section: Section, report: Report, kind: str, page: str,
                runs: list[LighthouseRun]) -> None:
    """Record one page's median score, total blocking time and LCP, and its targets."""
    label = PAGES[kind]
    score = median([run.score for run in runs])
    tbt = median([run.total_blocking_time_ms for run in runs])
    lcp = median([run.largest_contentful_paint_ms for run in runs])
    section.add(f"score_{kind}", f"{label}: performance score", score, "count",
                runs=[run.score for run in runs], note=page)
    section.add(f"tbt_{kind}", f"{label}: total blocking time", tbt, "ms",
                runs=[run.total_blocking_time_ms for run in runs])
    section.add(f"lcp_{kind}", f"{label}: largest contentful paint", lcp / 1000, "s",
                runs=[run.largest_contentful_paint_ms / 1000 for run in runs])
    report.target(f"Lighthouse mobile score, {label}", f">= {SCORE_TARGET}", score, "count",
                  score >= SCORE_TARGET)
    if kind == "indicator_chart":
        report.target(f"total blocking time, {label}", f"< {TBT_TARGET_MS} ms", tbt, "ms",
                      tbt < TBT_TARGET_MS)


def run(ctx: Context, report: Report) -> None:
    """Serve the built Sutton site with gzip and run Lighthouse on one page of each type."""
    section = report.section(NAME, TITLE)
    missing = missing_tools()
    if missing:
        section.note(f"skipped: this benchmark needs {', '.join(missing)}")
        return
    cli = ensure_cli(ctx)
    site = sutton_site(ctx)
    chosen = find_pages(site, ctx.root / "data")
    workdir = ctx.tempdir("lighthouse-")
    with serve_site(site) as base:
        for kind in PAGES:
            page = chosen[kind]
            if page is None:
                section.add(f"score_{kind}", f"{PAGES[kind]}: performance score", None,
                            note="no page of this type in the built site")
                continue
            url = base + page.removesuffix("index.html")
            ctx.log(f"lighthouse: {ctx.repeats} run(s) of {url}")
            runs = [measure(cli, url, workdir) for _ in range(ctx.repeats)]
            report_page(section, report, kind, page, runs)
    section.note(f"lighthouse {installed_version()}, {CHROMIUM} ({chromium_version()}); "
                 "mobile form factor, simulated throttling (Lighthouse's defaults), "
                 "served from 127.0.0.1 with gzip and Cache-Control as GitHub Pages sends them")


def chromium_version() -> str:
    """Return what Chromium says its version is."""
    result = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True,
                            check=False, timeout=30)
    return result.stdout.strip() or "version unknown"
