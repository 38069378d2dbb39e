"""One typed settings object, read once at the edge and passed down.

Every fact about the partnership that publishes the site (its name, its addresses, the branch
its files are on, the name of the data download) comes from mkdocs.yml; the home area and
everything else about the figures come from data/. No Python module names either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_NAME = "mkdocs.yml"
# Set to YYYY-MM-DD to pin "today" (what counts as a future period or release), as tests do.
TODAY_SWITCH = "GENERATOR_TODAY"

# edit_uri names the branch, as GitHub and GitLab write it: edit/<branch>/<folder>/.
_BRANCH_IN_EDIT_URI = re.compile(r"(?:^|/)(?:edit|blob)/([^/]+)/")


@dataclass(frozen=True)
class Partnership:
    """Who publishes the site and where: every fact read from mkdocs.yml."""

    name: str  # site_author: signs each citation and the figures spreadsheet
    site_name: str  # site_name: the site's own title, e.g. on a forwarding page
    site_url: str  # site_url, ending in "/": where the site is published
    repo_url: str  # repo_url, without a trailing "/": where its files are
    branch: str  # the branch edit_uri names: links to data/ files point at it
    data_zip: str  # extra.data_zip: the file name of the whole data package in one download

    @classmethod
    def from_config(cls, config: Mapping[str, Any], where: str = CONFIG_NAME) -> Partnership:
        """Read the facts from a MkDocs configuration; raise ConfigError naming what is missing."""
        extra = config.get("extra") or {}
        edit_uri = str(config.get("edit_uri") or "")
        branch = _BRANCH_IN_EDIT_URI.search(edit_uri)
        if branch is None:
            raise ConfigError(
                f"{where}: edit_uri ('{edit_uri}') does not name a branch; write it as "
                "edit/<branch>/content/, e.g. edit/main/content/.")
        return cls(
            name=_required(config, "site_author", where, "the partnership's name"),
            site_name=_required(config, "site_name", where, "the site's title"),
            site_url=_required(config, "site_url", where, "the published site's address")
            .rstrip("/") + "/",
            repo_url=_required(config, "repo_url", where, "the repository's address").rstrip("/"),
            branch=branch.group(1),
            data_zip=_required(extra, "data_zip", f"{where}, under extra:",
                               "the file name of the data download, e.g. data.zip"),
        )


def _required(config: Mapping[str, Any], key: str, where: str, what: str) -> str:
    value = config.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: `{key}` is missing or blank; set it to {what}.")
    return value.strip()


@dataclass(frozen=True)
class Settings:
    """Where the inputs and outputs live, and the facts every stage needs."""

    root: Path
    data_dir: Path
    content_dir: Path
    templates_dir: Path
    site_dir: Path
    partnership: Partnership
    today: date

    @classmethod
    def from_root(cls, root: Path = REPO_ROOT, *, data_dir: Path | None = None) -> Settings:
        """Return settings for a checkout, reading its mkdocs.yml."""
        config_file = root / CONFIG_NAME
        return cls(
            root=root,
            data_dir=data_dir or root / "data",
            content_dir=root / "content",
            templates_dir=root / "site_templates",
            site_dir=root / "site",
            partnership=Partnership.from_config(read_config(config_file), config_file.name),
            today=pinned_today(),
        )


def pinned_today() -> date:
    """Return today's date, or the date GENERATOR_TODAY pins it to."""
    pinned = os.environ.get(TODAY_SWITCH)
    return date.fromisoformat(pinned) if pinned else date.today()


def read_config(path: Path) -> dict[str, Any]:
    """Read a MkDocs configuration file as MkDocs would, following its INHERIT chain."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """A safe loader that reads MkDocs' own tags (!ENV, !relative) as plain values."""

    _Loader.add_multi_constructor("!", lambda loader, _suffix, node: _plain(loader, node))
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except OSError as error:
        raise ConfigError(f"Cannot read {path}: {error.strerror}.") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path} must hold settings as `name: value` lines.")
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        return _merged(read_config(path.parent / parent), config)
    return config


def _plain(loader: Any, node: Any) -> Any:
    if hasattr(node, "value") and isinstance(node.value, str):
        return loader.construct_scalar(node)
    return None


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Return parent with child's settings on top, merging nested settings as MkDocs does."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged
