"""Problems with an importer's input, collected so that one run reports all of them."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

# A broken file can produce thousands of identical problems; the first few are enough to act on.
MAX_SHOWN = 20


class InputError(Exception):
    """An input file cannot be imported; each problem names the file, row and how to fix it."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def shown(path: Path) -> str:
    """Return a path as the user typed it or relative to the working directory, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def report(error: InputError) -> int:
    """Print every problem to stderr (up to MAX_SHOWN) and return exit code 1."""
    lines = list(error.problems[:MAX_SHOWN])
    hidden = len(error.problems) - len(lines)
    if hidden > 0:
        lines.append(f"... and {hidden} more problems like these.")
    print("Nothing was written. Fix these problems and run the import again:", file=sys.stderr)
    for line in lines:
        print(f"- {line}", file=sys.stderr)
    return 1
