"""Fixtures shared by every test folder: the shipped site, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.sitebuild import SHIPPED_CONFIG, build_site, describe


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the shipped site (data/, content/, mkdocs.yml) once into a temporary directory."""
    site = tmp_path_factory.mktemp("built-site") / "site"
    result = build_site(SHIPPED_CONFIG, site)
    if result.returncode != 0:
        pytest.fail(f"The shipped site did not build:\n{describe(result)}", pytrace=False)
    return site
