"""Command ``python -m generator register-urls``: add the site's new addresses to the registry.

The registry (permalinks/published-urls.txt) only grows: an address that stops being published
keeps its line, and the build then insists on a declared move in permalinks/redirects.csv.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
from pathlib import Path

from generator.config import REPO_ROOT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the register-urls command's options."""
    parser.add_argument(
        "--config-file", type=Path, default=REPO_ROOT / "mkdocs.yml",
        help="the MkDocs configuration to build (default: mkdocs.yml); permalinks/ sits beside it",
    )
    parser.add_argument(
        "--site-dir", type=Path, default=None, metavar="DIR",
        help="read the addresses from this already built site instead of building one",
    )


def run(args: argparse.Namespace) -> int:
    """Build the site (or read a built one) and add every address it publishes to the registry."""
    from generator.errors import PermalinkError
    from generator.publish import permalinks

    config_file = Path(args.config_file).resolve()
    registry = config_file.parent / permalinks.REGISTRY
    if args.site_dir is not None:
        site_dir = Path(args.site_dir)
        if not site_dir.is_dir():
            print(f"{site_dir} is not a built site; build one with `make site`, or leave out "
                  "--site-dir to build one now.")
            return 1
        urls = permalinks.urls_in_site(site_dir)
    else:
        built = _build_and_read(config_file)
        if built is None:
            return 1
        urls = built
    try:
        before = permalinks.read_registry(registry)
    except PermalinkError as error:
        print(f"{error}\nNothing was registered: fix the registry first.")
        return 1
    added = sorted(urls - before)
    text = permalinks.format_registry(before | urls)
    if not registry.is_file() or registry.read_text(encoding="utf-8") != text:
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(text, encoding="utf-8")
    where = permalinks.REGISTRY.as_posix()
    if added:
        print(f"Added {len(added)} address{'es' if len(added) != 1 else ''} to {where}:")
        print("".join(f"  {url}\n" for url in added), end="")
        print("Commit the file with your change: these addresses must now keep working.")
    else:
        print(f"{where} already lists every address the site publishes.")
    return 0


def _build_and_read(config_file: Path) -> frozenset[str] | None:
    """Build the site into a temporary folder and return its addresses, or None if it failed."""
    from generator.commands import build
    from generator.publish import permalinks

    with tempfile.TemporaryDirectory(prefix="register-urls-") as temporary:
        site_dir = Path(temporary) / "site"
        output = io.StringIO()
        # The build's own closing lines ("Built the site into ...") would point at a folder
        # that is about to be deleted; show its report only when it explains a failure.
        with contextlib.redirect_stdout(output):
            code = build.run(argparse.Namespace(
                config_file=config_file, site_dir=site_dir, verbose=False))
        if code != 0:
            print(output.getvalue(), end="")
            print("Nothing was registered: the site must build before its addresses can be "
                  "registered.")
            return None
        return permalinks.urls_in_site(site_dir)
