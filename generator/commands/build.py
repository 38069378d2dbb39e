"""Command ``python -m generator build``: validate data/, then build the site into site/.

The site is built into a fresh directory beside site/ and swapped in only when the whole strict
build has succeeded, so a failed build leaves the previously built site/ exactly as it was.
"""

from __future__ import annotations

import argparse
import calendar
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.config import REPO_ROOT, Settings

CONFIG_NAME = "mkdocs.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the build command's options."""
    parser.add_argument(
        "--config-file", type=Path, default=REPO_ROOT / CONFIG_NAME,
        help="the MkDocs configuration to build (default: mkdocs.yml); data/ sits beside it",
    )
    parser.add_argument(
        "--site-dir", type=Path, default=None,
        help="where to put the built site (default: site/ beside the configuration)",
    )
    parser.add_argument("--verbose", action="store_true", help="print every step MkDocs takes")


def run(args: argparse.Namespace) -> int:
    """Validate, build into a staging directory, and replace site/ only on success."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.package.load import load_package
    from generator.validation.runner import validate_package

    config_file = Path(args.config_file).resolve()
    root = config_file.parent
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    settings = Settings.from_root(root)

    report = validate_package(settings.data_dir, settings.today)
    print(report.to_text())
    if not report.ok:
        print(f"\nNothing was built: fix the problems above. {site_dir} is unchanged.")
        return 1

    release = load_package(settings.data_dir).latest_release
    if release is not None:
        # Anything that stamps a build time (MkDocs, gzip) uses this instead of the clock, so
        # building the same commit twice gives byte-identical files.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(calendar.timegm(release.date.timetuple())))
    _show_mkdocs_log(verbose=args.verbose)

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nThe build failed: {error}\n{site_dir} is unchanged.", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # mkdtemp makes a private (0700) directory; a published site must be readable by the server.
    staging.chmod(0o755)
    replace_directory(staging, site_dir)
    print(f"\nBuilt the site into {site_dir}")
    print("Preview it with: make serve")
    return 0


def replace_directory(new: Path, target: Path) -> None:
    """Put new in target's place, keeping the old target until the new one is in."""
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _show_mkdocs_log(*, verbose: bool) -> None:
    # In-process MkDocs has no handler of its own; without one, strict-mode warnings would stop
    # the build without saying why.
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "name", "") == "generator-build" for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.name = "generator-build"
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
