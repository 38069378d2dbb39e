"""Take the editors' guide screenshots from the built site: run `make site` first.

    .venv/bin/python docs/take_screenshots.py [--site-dir site] [--out docs/images]

The site is served from site/ on 127.0.0.1 only, and photographed in Debian's own Chromium
(/usr/bin/chromium) through Playwright; no browser is downloaded.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
VIEWPORT: ViewportSize = {"width": 1000, "height": 700}
# The guide shows one page of each kind; image name -> address inside the site.
PAGES = {
    "home.png": "",
    "priority.png": "priorities/safe-streets-and-neighbourhoods/",
    "indicator.png": "indicators/residential-burglary-rate/",
}
# Keeps the repository small; a 1000x700 page is normally well under this.
MAX_BYTES = 200_000


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        """Keep the terminal for the script's own messages."""


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve site_dir on a free local port and yield its address."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def take(site_dir: Path, out_dir: Path) -> list[Path]:
    """Photograph each page in PAGES and return the files written."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport=VIEWPORT, device_scale_factor=1, reduced_motion="reduce",
                color_scheme="light", locale="en-GB",
            )
            page = context.new_page()
            for name, address in PAGES.items():
                response = page.goto(base + address, wait_until="networkidle")
                if response is None or not response.ok:
                    raise SystemExit(f"{base + address} did not load; is site/ fully built?")
                # Charts are drawn after the page loads; give them a moment to settle.
                page.wait_for_timeout(500)
                path = out_dir / name
                page.screenshot(path=str(path), full_page=False)
                written.append(path)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots and report their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir} has no built site: run `make site` first.", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).is_file():
        print(f"{CHROMIUM} is missing: install it with `apt-get install chromium`.", file=sys.stderr)
        return 1
    too_big = []
    for path in take(args.site_dir, args.out):
        size = path.stat().st_size
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size:,} bytes")
        if size > MAX_BYTES:
            too_big.append(path.name)
    if too_big:
        print(f"Larger than {MAX_BYTES:,} bytes: {', '.join(too_big)}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
