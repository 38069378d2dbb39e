"""Command line: ``python -m generator validate|build|serve|import-mps|...``.

Each command is a module of generator/commands/ with ``add_arguments(parser)`` and
``run(args) -> int``; this file only wires them together. Exit codes: 0 success, 1 the input is
wrong (the message says how to fix it), 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# command name -> (module, one-line help).
# Command modules keep heavy imports (MkDocs, plotly, pandas) inside run() so that building
# the parser stays cheap.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("generator.commands.validate", "check data/ and report every problem"),
    "build": ("generator.commands.build", "validate, then build the site into site/ (atomically)"),
    "serve": ("generator.commands.serve", "preview the site with live reload while you edit"),
    "import-mps": ("generator.commands.import_mps",
                   "import police borough-level crime releases from sources/"),
    "import-population": ("generator.commands.import_population",
                          "read ONS mid-year population estimates into data/population.csv"),
    "import-dashboard": ("generator.commands.import_dashboard",
                         "read the police Monthly Crime Dashboard measures from sources/"),
    "import-wards": ("generator.commands.import_wards",
                     "read the home area's wards: boundaries and ward-level crime"),
    "import-csp": ("generator.commands.import_csp",
                   "read ONS recorded crime for every Community Safety Partnership"),
    "return-template": ("generator.commands.return_template",
                        "write the spreadsheet for a quarter's figures"),
    "import-return": ("generator.commands.import_return",
                      "merge a filled-in spreadsheet into data/"),
    "register-urls": ("generator.commands.register_urls",
                      "add the addresses the site publishes to permalinks/"),
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="The performance site generator: data package in, static site out.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(module_name=module_name)
        module = importlib.import_module(module_name)
        module.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code."""
    args = build_parser().parse_args(argv)
    module = importlib.import_module(args.module_name)
    code: int = module.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
