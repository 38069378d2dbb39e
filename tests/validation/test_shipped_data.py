"""The data the site ships with passes both our validator and the stock frictionless client."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from generator.config import REPO_ROOT
from generator.validation.runner import validate_package

DATA = REPO_ROOT / "data"


def test_shipped_data_is_valid() -> None:
    report = validate_package(DATA, date.today())
    assert report.ok, report.to_text()
    assert report.counts["priorities"] == 6
    assert report.counts["actions"] == 39
    assert report.counts["indicators"] == 36


def test_shipped_data_passes_the_stock_frictionless_check() -> None:
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", "datapackage.json"],
        capture_output=True, text=True, cwd=DATA, check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:]
