"""Build sites for tests: the shipped one, or a copy of a project tree under a temporary root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_CONFIG = ROOT / "mkdocs.yml"


def build_site(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator build`` for config_file into site_dir in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )


def mkdocs_build(
    config_file: Path, site_dir: Path, *, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run plain ``mkdocs build --strict``, as a deployment pipeline might (env: extra variables)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
         str(config_file), "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})},
    )


def write_config(
    root: Path, *, nav: list[object] | None = None, settings: Mapping[str, object] | None = None
) -> Path:
    """Write root/mkdocs.yml inheriting the shipped configuration, with data/ and content/ in root.

    The hooks find data/ beside the configuration file, so a tree with its own data/ and content/
    builds with the shipped generator and templates; ``settings`` replace the shipped ones (nested
    settings such as extra: are merged, as MkDocs merges them).
    """
    config: dict[str, object] = {
        "INHERIT": str(SHIPPED_CONFIG),
        "docs_dir": "content",
        "hooks": [str(ROOT / "generator" / "build" / "mkdocs_hooks.py")],
        "theme": {"custom_dir": str(ROOT / "site_templates")},
    }
    config.update(settings or {})
    if nav is not None:
        config["nav"] = nav
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def copy_inputs(source: Path, root: Path) -> None:
    """Copy a tree's data/ and content/ into root."""
    for name in ("data", "content"):
        shutil.copytree(source / name, root / name)


def file_bytes(directory: Path) -> dict[str, bytes]:
    """Return every file under directory, keyed by its path relative to directory."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def describe(result: subprocess.CompletedProcess[str]) -> str:
    """Return a build's exit code and output, for assertion messages."""
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
