"""Run builds in fresh subprocesses and measure their wall time, peak memory and output."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.report import format_bytes, median

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Everything a build needs from a checkout; the rest (virtualenv, caches, tests, output) is left
# behind so a copied tree is small and builds exactly what a clean clone would.
_NOT_COPIED_ANYWHERE = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
    "*.egg-info", ".benchmarks",
)
# Left behind only at the top: generator/build/ is source, a top-level build/ is packaging output.
_NOT_COPIED_AT_TOP = frozenset({"site", "tests", "benchmarks", "build", ".ci", ".github"})

# gzip level 6 is what common web servers and CDNs use by default for text.
GZIP_LEVEL = 6


class BenchmarkError(RuntimeError):
    """A benchmark could not run (for example the build failed); the message says why."""


@dataclass(frozen=True)
class Sizes:
    """How big each synthetic case is."""

    indicators: tuple[int, int]  # (n, 2n): the scale case and its linear-growth partner
    months: int
    validation_rows: tuple[int, ...]


DEFAULT_SIZES = Sizes((1000, 2000), 120, (10_000, 100_000, 1_000_000))
QUICK_SIZES = Sizes((200, 400), 120, (10_000, 100_000))


@dataclass(frozen=True)
class ProcessRun:
    """One finished subprocess: wall time, peak resident memory and what it printed."""

    seconds: float
    cpu_seconds: float  # user + system time of the process and the children it waited for
    peak_rss_bytes: int
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class SiteStats:
    """What a build wrote."""

    pages: int
    files: int
    total_bytes: int
    search_index_bytes: int | None
    search_index_gzip_bytes: int | None
    bytes_by_folder: tuple[tuple[str, int], ...] = ()  # top-level folder (or file), largest first

    def describe(self) -> str:
        """Return the file count and the largest top-level folders, for a report note."""
        largest = ", ".join(f"{name} {format_bytes(size)}" for name, size in self.bytes_by_folder[:4])
        return f"{self.files:,} files; largest: {largest}"


@dataclass(frozen=True)
class BuildResult:
    """Medians over repeated builds of one tree, plus what the last build wrote."""

    seconds: float
    runs: tuple[float, ...]
    # CPU time varies far less than wall time when other work shares the machine.
    cpu_seconds: float
    peak_rss_bytes: int
    rss_runs: tuple[int, ...]
    stats: SiteStats

    @property
    def ms_per_page(self) -> float:
        """Return the median build time divided by the number of pages written."""
        return 1000 * self.seconds / max(self.stats.pages, 1)


@dataclass
class Context:
    """Settings shared by every benchmark of one run, and the results they pass to each other."""

    repeats: int
    sizes: Sizes
    workdir: Path
    root: Path = PROJECT_ROOT
    log: Callable[[str], None] = lambda message: None
    keep: bool = False  # keep built sites for inspection instead of deleting large ones early
    # Filled in as benchmarks run, so later ones reuse earlier builds instead of repeating them.
    sutton_site: Path | None = None
    shared: dict[str, object] = field(default_factory=dict)

    def tempdir(self, prefix: str) -> Path:
        """Return a new empty directory inside this run's work directory."""
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.workdir))


def run_process(command: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None) -> ProcessRun:
    """Run a command to completion and return its wall time, CPU time and peak RSS.

    os.wait4 reports this child's rusage alone, not the maximum over every child the runner has
    had (which RUSAGE_CHILDREN would give). Linux carries the RSS a child had before exec into
    its ru_maxrss, and a new child starts as a copy of this runner, so the runner does no heavy
    work in-process: a child's figure is then its own peak.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        # Tell Popen the child is already reaped, so it does not wait for it again.
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ProcessRun(
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_rss_bytes=usage.ru_maxrss * 1024,  # Linux reports kilobytes
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def tree_env(tree: Path) -> dict[str, str]:
    """Return an environment in which ``import generator`` finds the copy in tree, not the checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH", "")]))
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def mkdocs_build(tree: Path, site_dir: Path, *, strict: bool = True) -> ProcessRun:
    """Run ``mkdocs build`` for the mkdocs.yml in tree into site_dir, in a fresh interpreter."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    # Start with the previous build's writes on disk, so flushing them is not timed as this one.
    os.sync()
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(tree / "mkdocs.yml"),
               "-d", str(site_dir)]
    if strict:
        command.insert(4, "--strict")
    run = run_process(command, cwd=tree, env=tree_env(tree))
    if run.returncode != 0:
        tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-15:])
        raise BenchmarkError(f"mkdocs build in {tree} exited with {run.returncode}:\n{tail}")
    return run


def repeated_build(ctx: Context, tree: Path, site_dir: Path, *, strict: bool = True) -> BuildResult:
    """Build tree ctx.repeats times from cold and return medians and the output's statistics."""
    runs = [mkdocs_build(tree, site_dir, strict=strict) for _ in range(ctx.repeats)]
    return _medians(runs, site_dir)


def alternating_builds(
    ctx: Context, cases: Sequence[tuple[Path, Path, bool]]
) -> list[BuildResult]:
    """Build each (tree, site_dir, strict) case ctx.repeats times, taking turns.

    Figures that are compared (our build and MkDocs' floor) are measured in turn rather than one
    batch after the other, so a machine that speeds up or slows down during the run affects both
    alike.
    """
    runs: list[list[ProcessRun]] = [[] for _ in cases]
    for _ in range(ctx.repeats):
        for case_runs, (tree, site_dir, strict) in zip(runs, cases, strict=True):
            case_runs.append(mkdocs_build(tree, site_dir, strict=strict))
    return [_medians(case_runs, site_dir)
            for case_runs, (_, site_dir, _) in zip(runs, cases, strict=True)]


def _medians(runs: Sequence[ProcessRun], site_dir: Path) -> BuildResult:
    return BuildResult(
        seconds=median([run.seconds for run in runs]),
        runs=tuple(run.seconds for run in runs),
        cpu_seconds=median([run.cpu_seconds for run in runs]),
        peak_rss_bytes=int(median([run.peak_rss_bytes for run in runs])),
        rss_runs=tuple(run.peak_rss_bytes for run in runs),
        stats=site_stats(site_dir),
    )


def copy_project(root: Path, destination: Path) -> Path:
    """Copy the files a build needs from root into destination and return destination."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        ignored = set(_NOT_COPIED_ANYWHERE(folder, names))
        if Path(folder) == root:
            ignored.update(_NOT_COPIED_AT_TOP.intersection(names))
        return ignored

    shutil.copytree(root, destination, ignore=ignore, dirs_exist_ok=True)
    return destination


def gzip_size(data: bytes) -> int:
    """Return the size of data once gzipped as a web server would send it."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def site_stats(site_dir: Path) -> SiteStats:
    """Return the page count, file count, total bytes and search index size of a built site."""
    pages = files = total = 0
    by_folder: dict[str, int] = {}
    for path in site_dir.rglob("*"):
        if path.is_file():
            files += 1
            size = path.stat().st_size
            total += size
            top = path.relative_to(site_dir).parts[0]
            by_folder[top] = by_folder.get(top, 0) + size
            if path.suffix == ".html" and path.name != "404.html":
                pages += 1
    index = site_dir / "search" / "search_index.json"
    data = index.read_bytes() if index.exists() else None
    return SiteStats(
        pages=pages,
        files=files,
        total_bytes=total,
        search_index_bytes=len(data) if data is not None else None,
        search_index_gzip_bytes=gzip_size(data) if data is not None else None,
        bytes_by_folder=tuple(sorted(by_folder.items(), key=lambda item: item[1], reverse=True)),
    )


def sutton_site(ctx: Context) -> Path:
    """Return a built copy of the shipped site, building it once per run if no benchmark has yet."""
    if ctx.sutton_site is None:
        tree = copy_project(ctx.root, ctx.tempdir("sutton-"))
        site = tree / "site"
        mkdocs_build(tree, site)
        ctx.sutton_site = site
    return ctx.sutton_site
