"""Each importer replaces only its own rows: running any one again on the shipped data changes
nothing, so the order in which they run never matters."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from generator.importers import csp, dashboard, mps, population, wards

from .conftest import Runner
from .helpers import REPO_ROOT, SOURCES


@pytest.mark.parametrize("module", [population, mps, wards, dashboard, csp],
                         ids=lambda module: module.__name__.rsplit(".", 1)[-1])
def test_running_one_importer_again_leaves_the_shipped_data_as_it_is(
    run: Runner, tmp_path: Path, module: ModuleType,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    before = {path.name: path.read_bytes() for path in sorted(data.iterdir())}
    # Every importer reads the releases of its prefix already registered in sources.csv.
    assert run(module, "--data-dir", data, "--sources-dir", SOURCES) == 0
    after = {path.name: path.read_bytes() for path in sorted(data.iterdir())}
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], f"{module.__name__} changed {changed}"
