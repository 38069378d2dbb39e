"""The Lighthouse benchmark's parts: the gzip server, the pinned CLI, result parsing, skipping."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from benchmarks import lighthouse
from benchmarks.gzip_server import serve_site, site_path
from benchmarks.measure import BenchmarkError, Context, Sizes
from benchmarks.report import Report

HOME = '<!doctype html><link rel="canonical" href="https://example.org/performance/"><p>home</p>'


def fetch(url: str, *, gzip_ok: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
        return dict(response.headers), response.read()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(HOME, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body { margin: 0 }\n" * 50, encoding="utf-8")
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return tmp_path


def test_site_is_served_under_its_published_path_with_text_gzipped(site: Path) -> None:
    with serve_site(site) as base:
        assert urlsplit(base).hostname == "127.0.0.1"
        assert urlsplit(base).path == "/performance/"
        headers, body = fetch(base, gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (site / "index.html").read_bytes()
        assert headers["Cache-Control"] == "max-age=600"
        headers, body = fetch(base + "assets/site.css", gzip_ok=True)
        assert gzip.decompress(body) == (site / "assets" / "site.css").read_bytes()


def test_images_and_clients_without_gzip_get_the_file_as_it_is(site: Path) -> None:
    with serve_site(site) as base:
        headers, body = fetch(base + "assets/logo.png", gzip_ok=True)
        assert "Content-Encoding" not in headers and body == (site / "assets" / "logo.png").read_bytes()
        headers, body = fetch(base + "assets/site.css", gzip_ok=False)
        assert "Content-Encoding" not in headers
        assert body == (site / "assets" / "site.css").read_bytes()


def test_addresses_outside_the_published_path_are_not_found(site: Path) -> None:
    with serve_site(site) as base, pytest.raises(urllib.error.HTTPError) as error:
        fetch(base.removesuffix("performance/") + "index.html", gzip_ok=True)
    assert error.value.code == 404


def test_a_site_without_a_canonical_link_is_served_at_the_root(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>no canonical link</p>", encoding="utf-8")
    assert site_path(tmp_path) == "/"


def test_the_lock_installs_exactly_the_pinned_lighthouse() -> None:
    lock = json.loads((lighthouse.CLI_DIR / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lighthouse.pinned_version()
    assert lock["packages"][""]["dependencies"]["lighthouse"] == pinned
    assert lock["packages"]["node_modules/lighthouse"]["version"] == pinned
    assert all("integrity" in entry for name, entry in lock["packages"].items() if name)


def test_lighthouse_runs_mobile_with_simulated_throttling_on_debians_chromium() -> None:
    command = lighthouse.lighthouse_command(Path("lighthouse"), "http://127.0.0.1:1/", Path("o.json"))
    assert {"--form-factor=mobile", "--throttling-method=simulate",
            "--only-categories=performance"} <= set(command)
    assert "--no-sandbox" in next(arg for arg in command if arg.startswith("--chrome-flags="))
    assert Path("/usr/bin/chromium") == lighthouse.CHROMIUM


def result(score: float | None, **extra: Any) -> dict[str, Any]:
    """Return the parts of a Lighthouse JSON result that the benchmark reads."""
    audits = {"total-blocking-time": {"numericValue": 120.5},
              "largest-contentful-paint": {"numericValue": 2400.0}}
    return {"categories": {"performance": {"score": score}}, "audits": audits, **extra}


def test_a_result_gives_score_out_of_100_blocking_time_and_lcp() -> None:
    run = lighthouse.parse_result(result(0.97), "http://127.0.0.1/")
    assert run == lighthouse.LighthouseRun(97.0, 120.5, 2400.0)


@pytest.mark.parametrize(
    "broken",
    [result(None, runWarnings=["The page loaded too slowly"]),
     result(0.5, runtimeError={"code": "NO_FCP", "message": "The page did not paint"})],
    ids=["result_without_a_score", "result_with_a_runtime_error"],
)
def test_a_result_without_figures_says_why(broken: dict[str, Any]) -> None:
    with pytest.raises(BenchmarkError, match="127.0.0.1"):
        lighthouse.parse_result(broken, "http://127.0.0.1/")


def test_without_npm_the_section_says_so_and_measures_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None)
    report = Report()
    ctx = Context(repeats=1, sizes=Sizes((1, 2), 1, (1,)), workdir=tmp_path)
    lighthouse.run(ctx, report)
    (section,) = report.sections
    assert section.figures == [] and report.errors == []
    assert len(section.notes) == 1
    assert section.notes[0].startswith("skipped: this benchmark needs node")
    assert "npm (Debian: apt-get install nodejs npm)" in section.notes[0]
