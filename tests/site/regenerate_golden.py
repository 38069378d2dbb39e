"""Rewrite the golden test's expected output: ``.venv/bin/python -m tests.site.regenerate_golden``.

Builds tests/fixtures/golden/ with the current generator and writes each page's main content to
tests/fixtures/golden/expected/. Review the diff before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.site.golden import EXPECTED, GoldenBuildError, build_golden


def main() -> int:
    """Build the fixture and replace the expected files; return an exit code."""
    with tempfile.TemporaryDirectory(prefix="golden-") as workdir:
        try:
            pages = build_golden(Path(workdir))
        except GoldenBuildError as error:
            print(f"The golden fixture did not build:\n{error}", file=sys.stderr)
            return 1
    EXPECTED.mkdir(exist_ok=True)
    for stale in EXPECTED.glob("*.html"):
        if stale.name not in pages:
            stale.unlink()
    for name, html in pages.items():
        (EXPECTED / name).write_text(html, encoding="utf-8")
    print(f"Wrote {len(pages)} files to {EXPECTED}; review them with git diff.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
