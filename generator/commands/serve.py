"""Command ``python -m generator serve``: preview the site, rebuilding as content or data change.

MkDocs watches content/ and mkdocs.yml; the hooks add data/ and site_templates/, so saving a CSV
or a template reloads the page in the browser too.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

from generator.config import CONFIG_NAME, REPO_ROOT, Partnership, read_config

DEFAULT_ADDRESS = "127.0.0.1:8000"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the serve command's options."""
    parser.add_argument(
        "--config-file", type=Path, default=REPO_ROOT / CONFIG_NAME,
        help="the MkDocs configuration to serve (default: mkdocs.yml)",
    )
    parser.add_argument(
        "--dev-addr", default=DEFAULT_ADDRESS, metavar="HOST:PORT",
        help=f"address to serve on (default: {DEFAULT_ADDRESS})",
    )


def run(args: argparse.Namespace) -> int:
    """Serve the site with live reload until interrupted."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # MkDocs serves under site_url's path (/performance/), as the published site is.
    config_file = Path(args.config_file).resolve()
    path = urlsplit(Partnership.from_config(read_config(config_file)).site_url).path or "/"
    print(f"Previewing at http://{args.dev_addr}{path} (Ctrl+C to stop). Edits to content/, "
          "data/ and site_templates/ rebuild the site; a data problem is reported here.")
    try:
        # Not strict: a preview should keep running and show the editor the warning, not stop.
        serve(config_file=str(config_file), livereload=True,
              dev_addr=args.dev_addr)
    except MkDocsException as error:
        print(f"The preview could not start: {error}", file=sys.stderr)
        return 1
    return 0
