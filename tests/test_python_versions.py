"""Python 3.11-3.13 work: every file agrees on them, one lock serves them, make picks and refuses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = ROOT / "Makefile"
LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def makefile_supported() -> list[str]:
    """Return the Makefile's SUPPORTED_PYTHONS, newest first."""
    match = re.search(r"^SUPPORTED_PYTHONS := (.+)$", MAKEFILE.read_text(encoding="utf-8"), re.M)
    assert match, "the Makefile names its supported Pythons in SUPPORTED_PYTHONS"
    return match.group(1).split()


def test_makefile_supports_exactly_what_pyproject_requires() -> None:
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    candidates = [f"3.{minor}" for minor in range(8, 20)]
    assert sorted(makefile_supported(), key=lambda v: int(v.split(".")[1])) == [
        version for version in candidates if f"{version}.0" in requires
    ]
    assert makefile_supported() == ["3.13", "3.12", "3.11"]


def test_ci_tests_the_oldest_and_looks_for_each_newer_version() -> None:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    newer = re.search(r"^newer_pythons=\((.*)\)$", text, re.M)
    oldest = re.search(r"^oldest_python=(\S+)$", text, re.M)
    assert newer and oldest
    assert [*newer.group(1).split(), oldest.group(1)] == makefile_supported()


def test_workflows_test_the_oldest_and_newest_supported() -> None:
    supported = makefile_supported()
    for name in ("check.yml", "publish.yml"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
        matrices = [job["strategy"]["matrix"]["python"] for job in workflow["jobs"].values()
                    if "strategy" in job]
        assert matrices == [[supported[-1], supported[0]]], name


def locked_versions() -> dict[str, list[str]]:
    versions: dict[str, list[str]] = {}
    for name, version in LOCKED.findall(LOCK.read_text(encoding="utf-8")):
        versions.setdefault(canonicalize_name(name), []).append(version)
    return versions


def test_lock_holds_one_version_of_each_package_for_every_python() -> None:
    # Two versions would mean two Pythons build the site with different code.
    forked = {name: versions for name, versions in locked_versions().items() if len(versions) > 1}
    assert not forked, f"requirements.lock holds several versions of {forked}; run make lock"


def test_lock_pins_every_dependency_with_hashes() -> None:
    locked = locked_versions()
    declared = PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"]
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is in pyproject.toml but not in requirements.lock"
        assert requirement.specifier.contains(locked[name][0]), (
            f"requirements.lock has {name}=={locked[name][0]}, outside pyproject's {requirement}; "
            "run make lock"
        )
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8").split("\n", 2)[2])
    unhashed = [entry.split()[0] for entry in entries if "==" in entry and "--hash=sha256:" not in entry]
    assert not unhashed


def test_lock_is_universal_and_made_by_make_lock() -> None:
    options = re.search(r"^LOCK_OPTIONS := (.+)$", MAKEFILE.read_text(encoding="utf-8"), re.M)
    assert options, "the Makefile gives uv's options in LOCK_OPTIONS"
    assert {"--universal", "--generate-hashes", "--only-binary"} <= set(options.group(1).split())
    assert "--fork-strategy fewest" in options.group(1)
    assert "--python-platform" not in options.group(1), "a lock for one platform leaves others out"
    assert LOCK.read_text(encoding="utf-8").splitlines()[1].strip() == "#    make lock"


def fake_python(folder: Path, name: str, version: str | None) -> Path:
    """Write an executable that answers the Makefile's questions as Python `version` would.

    With version None it fails as a pyenv shim does for a version that is not active. It
    cannot make a venv, so a Makefile that gets that far stops there.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    body = "exit 127" if version is None else f"""case "$*" in
  *sys.executable*) echo "$0" ;;
  *version_info*) echo "{version}" ;;
  --version) echo "Python {version}.0" ;;
  *) echo "this stand-in cannot $*" >&2; exit 1 ;;
esac"""
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return an empty project folder holding only a requirements.lock."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "requirements.lock").touch()
    return folder


def run_make(project: Path, *args: str, path_first: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the Makefile in project with a clean make environment."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHON", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    if path_first:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    return subprocess.run(["make", "-f", str(MAKEFILE), "-C", str(project), *args],
                          capture_output=True, text=True, env=env, check=False)


def fake_venv(project: Path, version: str) -> None:
    """Make project/.venv look like a finished venv of the given Python version."""
    fake_python(project / ".venv" / "bin", "python", version)
    stamp = project / ".venv" / ".installed"
    stamp.touch()
    os.utime(stamp, (os.path.getmtime(project / "requirements.lock") + 10,) * 2)


@needs_make
def test_python_3_10_given_with_PYTHON_is_refused_naming_the_supported_versions(project: Path, tmp_path: Path) -> None:
    python310 = fake_python(tmp_path / "bin", "python3.10", "3.10")
    result = run_make(project, "site", f"PYTHON={python310}")
    assert result.returncode != 0
    assert f"PYTHON={python310} is Python 3.10, but this site needs Python 3.11-3.13" in result.stderr
    assert "make site PYTHON=/path/to/python3.13" in result.stderr
    assert not (project / ".venv").exists()


@needs_make
def test_without_PYTHON_an_old_python3_is_refused(project: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    for name in ("python3.13", "python3.12", "python3.11"):
        fake_python(bin_dir, name, None)
    fake_python(bin_dir, "python3", "3.10")
    result = run_make(project, ".venv", path_first=bin_dir)
    assert result.returncode != 0
    assert "needs Python 3.11-3.13" in result.stderr
    assert "(python3 is Python 3.10)" in result.stderr


@needs_make
def test_without_PYTHON_the_newest_python_that_runs_is_taken(project: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake_python(bin_dir, "python3.13", None)  # an inactive pyenv shim: present but fails
    fake_python(bin_dir, "python3.12", "3.12")
    fake_python(bin_dir, "python3.11", "3.11")
    result = run_make(project, ".venv", path_first=bin_dir)
    assert f"using {bin_dir / 'python3.12'} (Python 3.12.0)" in result.stdout
    # The stand-in cannot make a venv; the Makefile says so and leaves nothing half-made.
    assert result.returncode != 0 and "could not create .venv/" in result.stderr
    assert not (project / ".venv").exists()


@needs_make
def test_venv_of_another_version_is_rebuilt_for_PYTHON(project: Path, tmp_path: Path) -> None:
    fake_venv(project, "3.11")
    python312 = fake_python(tmp_path / "bin", "python3.12", "3.12")
    result = run_make(project, ".venv", f"PYTHON={python312}")
    assert ("Rebuilding .venv/ from scratch: it was made with Python 3.11 and "
            f"PYTHON={python312} is Python 3.12") in result.stdout
    assert f"using {python312}" in result.stdout


@needs_make
@pytest.mark.parametrize(
    ("venv_version", "expected"),
    [("3.10", "Rebuilding .venv/ from scratch: it was made with a Python that no longer runs or "
              "is not 3.11-3.13"),
     ("3.11", ".venv/ is up to date with requirements.lock")],
    ids=["unsupported_venv_is_rebuilt", "supported_venv_is_kept_though_3.13_is_newer"],
)
def test_without_PYTHON_only_a_venv_of_an_unsupported_python_is_rebuilt(
    project: Path, tmp_path: Path, venv_version: str, expected: str
) -> None:
    fake_venv(project, venv_version)
    bin_dir = tmp_path / "bin"
    fake_python(bin_dir, "python3.13", "3.13")
    result = run_make(project, ".venv", path_first=bin_dir)
    assert expected in result.stdout
    assert ("Rebuilding" in result.stdout) == (venv_version == "3.10")


@needs_make
def test_refusing_PYTHON_keeps_a_working_venv(project: Path, tmp_path: Path) -> None:
    fake_venv(project, "3.11")
    python310 = fake_python(tmp_path / "bin", "python3.10", "3.10")
    result = run_make(project, ".venv", f"PYTHON={python310}")
    assert result.returncode != 0 and "needs Python 3.11-3.13" in result.stderr
    assert (project / ".venv" / ".installed").exists()
