"""House rules for generator/ that review alone would let slip: small pieces, no partnership facts."""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def modules() -> list[Path]:
    """Return every Python module of the generator that the rules cover."""
    return sorted(GENERATOR.rglob("*.py"))


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Yield every function and method in a module, nested ones included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(GENERATOR)))
def test_modules_and_functions_are_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= MAX_MODULE_LINES, f"{lines} lines: split the module by job"
    long = [f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
            for node in functions(ast.parse(text))
            if node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def partnership_facts() -> dict[str, str]:
    """Return what the shipped site says about its partnership, from mkdocs.yml and data/."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    with (ROOT / "data" / "areas.csv").open(encoding="utf-8", newline="") as handle:
        [home] = [row for row in csv.DictReader(handle) if row["is_home"] == "true"]
    return {
        "the home area's name": home["name"],
        "the home area's id": home["id"],
        "the partnership's name": config["site_author"],
        "the site's address": config["site_url"],
        "the repository's address": config["repo_url"],
        "the repository's name": config["repo_name"],
        "the data download's name": config["extra"]["data_zip"],
    }


def test_the_facts_checked_are_real() -> None:
    facts = partnership_facts()
    assert all(len(value) >= 4 for value in facts.values()), facts


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(GENERATOR)))
def test_no_module_names_the_partnership(path: Path) -> None:
    # Another partnership publishes its own site by editing mkdocs.yml, data/, content/ and
    # sources/ only, so no fact about this one may be written in Python.
    text = path.read_text(encoding="utf-8").lower()
    found = [what for what, value in partnership_facts().items() if value.lower() in text]
    assert not found, f"{path.relative_to(ROOT)} names {', '.join(found)}"
