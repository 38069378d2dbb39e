"""The ``validate`` command: check data/ and print every problem, for people or for programs."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the validate command's options."""
    parser.add_argument(
        "--data-dir", type=Path, default=None, metavar="DIR",
        help="the data package folder to check (default: data/ in the project)",
    )
    parser.add_argument(
        "--json", action="store_true",
        help="print the report as JSON (keys: code, file, row, column, value, message, fix; "
             "docs/validation-problems.md lists the codes)",
    )


def run(args: argparse.Namespace) -> int:
    """Validate the data package; return 0 when it is valid and 1 when it has problems."""
    from generator.config import Settings
    from generator.validation.runner import validate_package

    settings = Settings.from_root(data_dir=args.data_dir)
    report = validate_package(settings.data_dir, settings.today)
    print(report.to_json() if args.json else report.to_text(), end="")
    return 0 if report.ok else 1
