"""Problems with an importer's input, collected so that one run reports all of them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

_In = TypeVar("_In")
_Out = TypeVar("_Out")

# A broken file can produce thousands of identical problems; the first few are enough to act on.
MAX_SHOWN = 20


class InputError(Exception):
    """An input file cannot be imported; each problem names the file, row and how to fix it."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def read_all(read: Callable[[_In], _Out], items: Iterable[_In]) -> tuple[_Out, ...]:
    """Read each item, raising one InputError with the problems of every item that fails."""
    problems: list[str] = []
    done: list[_Out] = []
    for item in items:
        try:
            done.append(read(item))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return tuple(done)


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
