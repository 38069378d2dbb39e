"""Command ``python -m generator import-return FILE.xlsx``: publish a filled-in spreadsheet's figures.

The whole file is refused if anything in it is wrong, and data/ changes only when the merged
package passes validation (generator.returns.import_return).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import ImportRefused


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's options."""
    parser.add_argument("file", type=Path, metavar="FILE.xlsx",
                        help="the filled-in spreadsheet made by return-template")
    parser.add_argument("--release-date", required=True, metavar="YYYY-MM-DD",
                        help="the date these figures are published")
    parser.add_argument("--release-note", required=True,
                        help="what the release contains, in plain English")
    parser.add_argument("--release-title", default=None,
                        help="short name of the release (default: 'Figures update <Month YYYY>')")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the data package folder (default: data/)")


def run(args: argparse.Namespace) -> int:
    """Import the spreadsheet, or explain why not; return 0 when data/ was updated."""
    from generator.config import Settings
    from generator.returns.import_return import (
        check_valid,
        parse_release_date,
        prepare,
        replace_files,
        summary,
    )

    settings = Settings.from_root(data_dir=args.data_dir)
    try:
        result, texts = prepare(args, settings.data_dir, settings.today)
        check_valid(settings.data_dir, texts, settings.today, result)
    except ImportRefused as refusal:
        print(f"{refusal}\nNothing in {settings.data_dir} was changed.", file=sys.stderr)
        return 1
    replace_files(settings.data_dir, texts)
    print(summary(result, parse_release_date(args.release_date)))
    return 0
