"""One typed settings object, read once at the edge and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Public addresses; a fork changes these two lines (and mkdocs.yml's site_url/repo_url).
SITE_URL = "https://safer-sutton.github.io/performance/"
REPO_URL = "https://github.com/safer-sutton/performance"


@dataclass(frozen=True)
class Settings:
    """Where the inputs and outputs live, and the facts every stage needs."""

    root: Path
    data_dir: Path
    content_dir: Path
    templates_dir: Path
    site_dir: Path
    site_url: str
    repo_url: str
    today: date

    @classmethod
    def from_root(cls, root: Path = REPO_ROOT, *, data_dir: Path | None = None) -> Settings:
        """Build settings for a checkout; SAFER_SUTTON_TODAY=YYYY-MM-DD pins 'today' for tests."""
        pinned = os.environ.get("SAFER_SUTTON_TODAY")
        return cls(
            root=root,
            data_dir=data_dir or root / "data",
            content_dir=root / "content",
            templates_dir=root / "site_templates",
            site_dir=root / "site",
            site_url=SITE_URL,
            repo_url=REPO_URL,
            today=date.fromisoformat(pinned) if pinned else date.today(),
        )
