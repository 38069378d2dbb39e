"""Serve a built site on loopback as GitHub Pages does: under its URL path, text gzipped."""

from __future__ import annotations

import functools
import gzip
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from benchmarks.measure import GZIP_LEVEL

# GitHub Pages compresses these types and lets browsers cache everything for 10 minutes.
COMPRESSED_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"})
CACHE_CONTROL = "max-age=600"
CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


def site_path(site: Path) -> str:
    """Return the URL path the site is published under, from its home page's canonical link."""
    home = site / "index.html"
    match = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


class GzipHandler(SimpleHTTPRequestHandler):
    """Answer GETs under `mount` from the directory, gzipping text for clients that accept it."""

    mount = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the benchmark's output free of one line per request."""

    def translate_path(self, path: str) -> str:
        """Map a URL under the mount onto the directory (callers check it is under the mount)."""
        route = unquote(urlsplit(path).path)
        return super().translate_path("/" + route[len(self.mount):])

    def outside_the_site(self) -> bool:
        """Answer 404 and return True when the request is not under the mount."""
        if unquote(urlsplit(self.path).path).startswith(self.mount):
            return False
        self.send_error(404, "Not under the site's address")
        return True

    def end_headers(self) -> None:
        """Add the caching header GitHub Pages sends with every file."""
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def do_HEAD(self) -> None:
        """Answer HEAD as GET would, for addresses under the mount only."""
        if not self.outside_the_site():
            super().do_HEAD()

    def do_GET(self) -> None:
        """Send the file gzipped when it is text and the client accepts gzip; otherwise as is."""
        if self.outside_the_site():
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and urlsplit(self.path).path.endswith("/"):
            target = target / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and target.is_file() and target.suffix in COMPRESSED_SUFFIXES):
            super().do_GET()
            return
        body = gzip.compress(target.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_on_loopback(directory: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    """Serve directory with handler on 127.0.0.1 at a free port; yield http://127.0.0.1:PORT."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="loopback-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def serve_site(site: Path) -> Iterator[str]:
    """Serve site on 127.0.0.1 as GitHub Pages would and yield its home page's address."""
    mount = site_path(site)
    handler = type("SiteHandler", (GzipHandler,), {"mount": mount})
    with serve_on_loopback(site, handler) as origin:
        yield origin + mount
