"""Keep the README honest: its commands exist, and every CLI command is documented."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def quick_start_commands(readme: str) -> list[str]:
    """Return the commands in the first code block under the README's "Quick start" heading."""
    section = re.search(r"^## Quick start\b(.*?)(?=^## )", readme, re.M | re.S)
    assert section, "README.md needs a '## Quick start' section"
    block = re.search(r"^```[a-z]*\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, "the Quick start section needs a code block with the commands"
    lines = (line.split("#", 1)[0].strip() for line in block.group(1).splitlines())
    return [line for line in lines if line]


def makefile_targets(makefile: str) -> dict[str, str]:
    """Return each explicit target named at the start of a rule line, with its `## ` comment."""
    targets = {}
    for match in re.finditer(r"^([A-Za-z.][\w.-]*):(?!=)([^\n]*)$", makefile, re.M):
        name, rest = match.groups()
        if name.startswith(".") and name.isupper() or name in {".PHONY", ".DEFAULT_GOAL"}:
            continue
        comment = rest.split("## ", 1)[1].strip() if "## " in rest else ""
        targets[name] = comment
    return targets


def make_targets_named_in(readme: str) -> set[str]:
    """Return targets the README tells people to run: `make x` in inline code or code blocks."""
    inline = re.findall(r"`make ([A-Za-z.][\w.-]*)", readme)
    blocks = re.findall(r"^\s*(?:\$ )?make ([A-Za-z.][\w.-]*)", readme, re.M)
    return set(inline) | set(blocks)


def test_quick_start_has_two_commands_build_then_test() -> None:
    assert quick_start_commands(README) == ["make site", "make test"]


@pytest.mark.parametrize("command", quick_start_commands(README))
def test_quick_start_commands_are_makefile_targets(command: str) -> None:
    program, target = command.split()
    assert program == "make"
    assert target in makefile_targets(MAKEFILE), f"README runs `{command}`; Makefile lacks it"


def test_every_make_target_named_in_the_readme_exists() -> None:
    missing = make_targets_named_in(README) - set(makefile_targets(MAKEFILE))
    assert not missing, f"README names make targets the Makefile does not have: {sorted(missing)}"


def test_every_makefile_target_has_a_one_line_comment() -> None:
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M)
    assert phony, "the Makefile declares its commands as .PHONY"
    targets = makefile_targets(MAKEFILE)
    for name in phony.group(1).split():
        assert targets.get(name), f"make {name} needs a '## what it does' comment"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_cli_command_is_in_the_readme(name: str) -> None:
    assert f"python -m generator {name}" in README, (
        f"`python -m generator {name}` is a command (generator/cli.py) but README.md never "
        "mentions it"
    )


def paths_named_in(readme: str) -> set[str]:
    """Return repository paths the README names: code, relative links and the folder listing."""
    tops = r"(?:data|generator|content|site_templates|tests|benchmarks|docs|\.github|\.ci)/"
    files = r"(?:mkdocs\.yml|Makefile|LICENSE|pyproject\.toml|requirements\.lock)"
    named = set(re.findall(rf"`((?:{tops})[\w./-]*|{files})`", readme))
    named |= set(re.findall(r"\]\((?!https?:|#)([^)#]+)", readme))  # relative Markdown links
    listing = re.search(r"^## What is where\b.*?^```text\n(.*?)^```", readme, re.M | re.S)
    assert listing, "the 'What is where' section needs a ```text folder listing"
    parent = ""
    for line in listing.group(1).splitlines():
        if not line.strip():
            continue
        entry = line.split()[0]
        if line.startswith("  "):
            named.update(parent + name.strip() for name in line.split("  ")[1].split(","))
        else:
            parent = entry if entry.endswith("/") else ""
            named.add(entry)
    return {path.rstrip("/") for path in named if "<" not in path and "*" not in path}


def test_every_path_the_readme_names_exists() -> None:
    # site/ is made by `make site`; .venv/ by the first make command.
    missing = {path for path in paths_named_in(README) - {"site", ".venv"}
               if not (ROOT / path).exists()}
    assert not missing, f"README.md names paths that do not exist: {sorted(missing)}"


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_make_help_lists_the_quick_start_targets() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "help"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    for command in quick_start_commands(README):
        assert command in result.stdout
