"""The MkDocs adapter: where it finds things, what it watches, and that the nav matches the data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.build.mkdocs_adapter import settings_for, site_hooks
from generator.build.worker import PARALLEL_SWITCH
from tests.site.sitebuild import ROOT, SHIPPED_CONFIG
from tests.site.sitedata import rows


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    return load_config(str(SHIPPED_CONFIG))


def hooks_module(config: MkDocsConfig) -> object:
    [module] = config.hooks.values()
    return module


class RecordingServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_also_watches_data_and_templates(config: MkDocsConfig) -> None:
    server = RecordingServer()
    returned = hooks_module(config).on_serve(server, config=config, builder=None)  # type: ignore[attr-defined]
    assert returned is server
    assert {Path(path) for path in server.watched} == {ROOT / "data", ROOT / "site_templates"}


@pytest.mark.parametrize(("command", "worker"), [("build", True), ("gh-deploy", True),
                                                 ("serve", False)])
def test_only_one_off_builds_use_a_worker_process(
    config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch, command: str, worker: bool
) -> None:
    # `mkdocs serve` rebuilds beside its web server thread, where forking is not safe.
    monkeypatch.delenv(PARALLEL_SWITCH, raising=False)
    hooks = site_hooks(config)
    hooks.on_startup(command=command, dirty=False)
    assert hooks.uses_worker is worker


def test_settings_follow_the_configuration_file(config: MkDocsConfig) -> None:
    settings = settings_for(config)
    assert settings.data_dir == ROOT / "data"
    assert settings.content_dir == ROOT / "content"
    assert settings.templates_dir == ROOT / "site_templates"
    shipped = yaml.safe_load(SHIPPED_CONFIG.read_text(encoding="utf-8"))
    assert settings.partnership.site_url == shipped["site_url"]
    assert settings.partnership.repo_url == shipped["repo_url"]
    assert settings.partnership.name == shipped["site_author"]


def test_menu_lists_each_priority_page_in_the_strategys_order() -> None:
    nav = yaml.safe_load(SHIPPED_CONFIG.read_text(encoding="utf-8"))["nav"]
    [priorities] = [item["Priorities"] for item in nav if "Priorities" in item]
    paths = [next(iter(entry.values())) for entry in priorities]
    assert paths == [f"priorities/{row['slug']}.md" for row in rows("priorities")]


def test_hooks_are_the_only_generator_module_that_imports_mkdocs() -> None:
    allowed = {Path("build/mkdocs_hooks.py"), Path("build/mkdocs_adapter.py"),
               Path("commands/build.py"), Path("commands/serve.py")}
    for path in (ROOT / "generator").rglob("*.py"):
        if path.relative_to(ROOT / "generator") in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert not {name for name in imported if name.split(".")[0] == "mkdocs"}, path.name
