"""The GitHub Actions workflows publish only tested, valid data, with pinned actions."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
CHECK = WORKFLOWS / "check.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
CI_RUN = ROOT / ".ci" / "run"

PUBLISH_PATHS = {
    "data/**",
    "content/**",
    "site_templates/**",
    "generator/**",
    "mkdocs.yml",
    "requirements.lock",
    ".github/workflows/publish.yml",
}
PAGES_DEPLOY_PERMISSIONS = {"contents": "read", "pages": "write", "id-token": "write"}
# owner/repo[/path]@<full commit SHA> # v<version>
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}\s+#\s+v\d+(?:\.\d+)*\s*$"
)


def load(path: Path) -> dict[str, Any]:
    """Parse a workflow, mapping YAML 1.1's boolean reading of the `on` key back to "on"."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def needs(job: dict[str, Any]) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in job.get("steps", []) if step.get("uses", "").startswith(action + "@")]


def run_scripts(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def runs_command(job: dict[str, Any], command: str) -> bool:
    return any(line.strip() == command for line in run_scripts(job).splitlines())


def readme_test_command() -> str:
    """Return the last command of the README's Quick start block (the test command)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\b(.*?)(?=^## )", readme, re.M | re.S)
    assert section, "README.md needs a '## Quick start' section"
    block = re.search(r"^```[a-z]*\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, "the Quick start section needs a code block with the commands"
    commands = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [command for command in commands if command][-1]


@pytest.fixture(scope="module")
def publish() -> dict[str, Any]:
    return load(PUBLISH)


@pytest.fixture(scope="module")
def check() -> dict[str, Any]:
    return load(CHECK)


def test_publish_runs_on_pushes_to_main_that_change_the_site(publish: dict[str, Any]) -> None:
    push = publish["on"]["push"]
    assert push["branches"] == ["main"]
    assert set(push["paths"]) == PUBLISH_PATHS


def test_publish_can_be_run_by_hand(publish: dict[str, Any]) -> None:
    assert "workflow_dispatch" in publish["on"]


def test_publish_deploys_only_after_validation_tests_and_build(publish: dict[str, Any]) -> None:
    jobs = publish["jobs"]
    assert needs(jobs["deploy"]) == ["build"]
    assert needs(jobs["build"]) == ["validate-and-test"]
    assert needs(jobs["validate-and-test"]) == []
    assert runs_command(jobs["validate-and-test"], readme_test_command())
    assert runs_command(jobs["validate-and-test"], "make validate")
    assert runs_command(jobs["build"], "make site")


def test_publish_build_uploads_the_site_for_pages(publish: dict[str, Any]) -> None:
    build = publish["jobs"]["build"]
    assert steps_using(build, "actions/configure-pages")
    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


def test_publish_deploy_job_has_exactly_the_pages_permissions(publish: dict[str, Any]) -> None:
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == PAGES_DEPLOY_PERMISSIONS
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


def test_publish_only_deploy_may_write(publish: dict[str, Any]) -> None:
    assert publish["permissions"] == {"contents": "read"}
    for name, job in publish["jobs"].items():
        if name != "deploy":
            assert "write" not in job.get("permissions", {}).values(), name


def test_publish_never_cancels_a_deployment_in_progress(publish: dict[str, Any]) -> None:
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_check_runs_on_pull_requests_with_read_only_access(check: dict[str, Any]) -> None:
    assert "pull_request" in check["on"]
    assert check["permissions"] == {"contents": "read"}
    for name, job in check["jobs"].items():
        assert "write" not in job.get("permissions", {}).values(), name


def test_check_writes_the_validation_report_to_the_summary(check: dict[str, Any]) -> None:
    scripts = "\n".join(run_scripts(job) for job in check["jobs"].values())
    assert "python -m generator validate" in scripts
    assert '>> "$GITHUB_STEP_SUMMARY"' in scripts
    assert "Data is valid" in scripts
    assert "Data has $count problems" in scripts


def test_check_tests_builds_and_uploads_the_site(check: dict[str, Any]) -> None:
    jobs = check["jobs"].values()
    assert any(runs_command(job, readme_test_command()) for job in jobs)
    (build,) = [job for job in jobs if runs_command(job, "make site")]
    (upload,) = steps_using(build, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize("path", [PUBLISH, CHECK], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    raw_lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert raw_lines
    for line in raw_lines:
        assert PINNED_USES.match(line), f"{path.name}: pin to a full SHA with '# vX.Y.Z': {line}"
    # Every action the parsed workflow uses must be one of the lines checked above.
    parsed = [step["uses"] for job in load(path)["jobs"].values()
              for step in job.get("steps", []) if "uses" in step]
    assert len(parsed) == len(raw_lines)


@pytest.mark.parametrize("path", [PUBLISH, CHECK], ids=lambda p: p.name)
def test_jobs_that_run_the_tests_install_chromium(path: Path) -> None:
    for name, job in load(path)["jobs"].items():
        if runs_command(job, readme_test_command()):
            assert re.search(r"apt-get\b[^\n]* install\b[^\n]*(\\\n[^\n]*)*\bchromium\b", run_scripts(job)), (
                f"{path.name} job {name} runs the tests, so it must install Chromium for the "
                "browser tests"
            )


def test_dependabot_updates_actions_and_python_packages_weekly() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"


def ci_commands() -> list[str]:
    """Return the lines of .ci/run that are not blank or comments, stripped."""
    text = CI_RUN.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_ci_script_runs_exactly_the_readmes_test_command() -> None:
    text = CI_RUN.read_text(encoding="utf-8")
    assert os.access(CI_RUN, os.X_OK), ".ci/run must be executable"
    assert "set -euo pipefail" in text
    commands = ci_commands()
    test_command = readme_test_command()
    # The command may only be told, for that run alone, that it is CI and which Python to use.
    runs = [line for line in commands
            if re.fullmatch(rf'CI=true PYTHON="\$\w+" {re.escape(test_command)}', line)]
    assert runs, f'.ci/run must run `CI=true PYTHON="$python" {test_command}` on a line of its own'
    # Nothing may weaken the tests: no exported settings, no second, narrower test run.
    assert not [line for line in commands if line.startswith("export ")]
    assert not [line for line in commands if "pytest" in line or "|| true" in line]


def test_ci_script_tests_in_fresh_clones_with_nothing_beside_them() -> None:
    commands = ci_commands()
    clone = next((line for line in commands if line.startswith("git clone ")), None)
    assert clone, ".ci/run must make a fresh clone to run the tests in"
    assert '"$workdir/' in next(line for line in commands if line.startswith("clone=")), (
        "each clone must sit alone in a folder of the temporary work directory"
    )
    assert 'workdir="$(mktemp -d)"' in commands
    test_line = next(i for i, line in enumerate(commands) if line.endswith(readme_test_command()))
    assert 'cd "$clone"' in commands[:test_line], "the tests must run inside the fresh clone"


def test_ci_script_compares_the_sites_of_two_pythons() -> None:
    commands = ci_commands()
    assert 'CI=true PYTHON="$python" make site' in commands
    assert any(line.startswith("elif diff --recursive --brief") for line in commands)


SUPPORTED_PYTHONS = ["3.11", "3.13"]
TEST_IMAGE = "python:${{ matrix.python }}-slim-bookworm"


def jobs_running_the_tests(path: Path) -> dict[str, dict[str, Any]]:
    return {name: job for name, job in load(path)["jobs"].items()
            if runs_command(job, readme_test_command())}


@pytest.mark.parametrize("path", [PUBLISH, CHECK], ids=lambda p: p.name)
def test_tests_run_on_the_oldest_and_newest_supported_python(path: Path) -> None:
    jobs = jobs_running_the_tests(path)
    assert jobs
    for name, job in jobs.items():
        assert job["strategy"]["matrix"]["python"] == SUPPORTED_PYTHONS, name
        assert job["strategy"]["fail-fast"] is False, name
        assert job["container"]["image"] == TEST_IMAGE, name
        assert job["env"]["PYTHON"] == "python${{ matrix.python }}", name


@pytest.mark.parametrize("path", [PUBLISH, CHECK], ids=lambda p: p.name)
def test_every_other_job_uses_one_debian_python_and_tells_make(path: Path) -> None:
    tested = jobs_running_the_tests(path)
    for name, job in load(path)["jobs"].items():
        if name in tested or "container" not in job:
            continue
        image = re.fullmatch(r"python:(3\.\d+)-slim-bookworm", job["container"]["image"])
        assert image, f"{path.name} job {name}: use a Debian 12 python image"
        assert image.group(1) in SUPPORTED_PYTHONS, name
        assert job["env"]["PYTHON"] == f"python{image.group(1)}", name
        assert "strategy" not in job, f"{path.name} job {name} must run once, not per Python"


def test_publish_deploys_the_site_built_once(publish: dict[str, Any]) -> None:
    build = publish["jobs"]["build"]
    assert "strategy" not in build
    assert steps_using(build, "actions/upload-pages-artifact")
