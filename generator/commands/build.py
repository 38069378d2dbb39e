"""Command ``python -m generator build``: validate data/, then build the site into site/.

The site is built into a fresh directory beside site/ and swapped in only when the whole strict
build has succeeded, so a failed build leaves the previously built site/ exactly as it was. The
stages run once (generator.build.orchestrator), then MkDocs writes the pages.
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
from typing import TYPE_CHECKING

from generator.config import CONFIG_NAME, REPO_ROOT

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.build.orchestrator import SiteBuild


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
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.build.mkdocs_adapter import settings_for
    from generator.build.orchestrator import build
    from generator.build.worker import parallel_allowed
    from generator.errors import InvalidDataError
    from generator.publish.disk import replace_directory

    config_file = Path(args.config_file).resolve()
    site_dir = Path(args.site_dir).resolve() if args.site_dir else config_file.parent / "site"
    _show_mkdocs_log(verbose=args.verbose)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        build(settings_for(config), lambda site_build: _write(config, site_build),
              parallel=parallel_allowed())
    except InvalidDataError as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{error}\n\nNothing was built: fix the problems above. {site_dir} is unchanged.")
        return 1
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


def _write(config: MkDocsConfig, site_build: SiteBuild) -> None:
    """Stage 7: have MkDocs write the pages of a build whose other stages have run."""
    from mkdocs.commands.build import build as mkdocs_build

    from generator.build.mkdocs_adapter import site_hooks

    print(site_build.report_text)
    release = site_build.site.release_date
    if release is not None:
        # Anything that stamps a build time (MkDocs, gzip) uses this instead of the clock, so
        # building the same commit twice gives byte-identical files.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(calendar.timegm(release.timetuple())))
    site_hooks(config).adopt(site_build)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


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
