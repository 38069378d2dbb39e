"""Keep the editors' guide honest: its images exist and are small, its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import COMMANDS

REPO_ROOT = Path(__file__).resolve().parents[2]
GUIDE = REPO_ROOT / "docs" / "editors-guide.md"


def test_every_image_exists_and_is_small() -> None:
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", GUIDE.read_text(encoding="utf-8"))
    assert {"images/home.png", "images/priority.png", "images/indicator.png"} <= set(images)
    for image in images:
        path = GUIDE.parent / image
        assert path.is_file(), image
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image
        assert path.stat().st_size <= 200_000, image


def test_every_generator_command_in_the_guide_exists() -> None:
    named = set(re.findall(r"python -m generator ([a-z-]+)", GUIDE.read_text(encoding="utf-8")))
    assert {"return-template", "import-return", "import-mps", "validate"} <= named
    assert named <= set(COMMANDS)


def test_every_link_inside_the_guide_leads_somewhere() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    # GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    }
    for target in re.findall(r"\]\((#[^)]+)\)", text):
        assert target[1:] in anchors, target
    for target in re.findall(r"\]\((\.\./[^)#]+)\)", text):
        assert (GUIDE.parent / target).resolve().is_file(), target
