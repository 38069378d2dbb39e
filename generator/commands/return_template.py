"""Command ``python -m generator return-template``: write the spreadsheet editors fill in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.returns import INSTRUCTIONS_SHEET


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's options."""
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the data package folder (default: data/)")
    parser.add_argument("--out", type=Path, default=Path("return.xlsx"),
                        help="where to write the spreadsheet (default: return.xlsx)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the --out file if it already exists")
    parser.add_argument("--period", default=None, metavar="CODE",
                        help="offer empty rows for this period for every measure, e.g. 2026-Q3 "
                             "(default: each measure's next period)")


def run(args: argparse.Namespace) -> int:
    """Write the template and say where it is."""
    from generator.config import Settings
    from generator.errors import PeriodError
    from generator.package.load import load_package
    from generator.package.periods import parse_period
    from generator.returns.sheet import write_template
    from generator.returns.template import build_template

    settings = Settings.from_root(data_dir=args.data_dir)
    if args.out.exists() and not args.overwrite:
        # It may be a spreadsheet someone has already filled in.
        print(f"{args.out} already exists, so it was left alone: give another name with --out, "
              "or add --overwrite to replace it.", file=sys.stderr)
        return 1
    period = None
    if args.period is not None:
        try:
            period = parse_period(args.period)
        except PeriodError as error:
            print(f"--period: {error}", file=sys.stderr)
            return 1
    try:
        package = load_package(settings.data_dir)
    except (OSError, KeyError, ValueError) as error:
        print(f"Cannot read the data in {settings.data_dir}: {error}. "
              "Run `python -m generator validate` to see what is wrong.", file=sys.stderr)
        return 1
    latest = package.latest_release
    # Dating the file by the latest release (not today) makes it reproducible.
    reference = latest.date if latest else settings.today
    template = build_template(package, period, reference, settings.partnership.name)
    write_template(template, args.out)
    figures = sum(len(sheet.rows) for sheet in template.sheets)
    print(f"Wrote {args.out} with {len(template.sheets)} priority sheets and {figures} rows. "
          f"Read its '{INSTRUCTIONS_SHEET}' sheet first.")
    return 0
