"""The site's own style sheets are published without their comments, and with every rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.publish.stylesheets import without_comments

ROOT = Path(__file__).resolve().parents[1]
OWN_SHEETS = ("assets/css/site.css", "assets/stylesheets/accessibility.css")


def test_comments_go_and_rules_stay() -> None:
    css = "/* why */\na { color: red; } /* inline */\n\n\n/* multi\n line */\nb{x:1}\n"
    assert without_comments(css) == "a { color: red; } \nb{x:1}\n"


@pytest.mark.parametrize("text", ['"/* not a comment */"', "'a /* b'", '"say \\"/*\\""'])
def test_comment_markers_inside_strings_are_kept(text: str) -> None:
    css = f"a::before {{ content: {text}; }} /* gone */\n"
    assert without_comments(css) == f"a::before {{ content: {text}; }}\n"


@pytest.mark.parametrize("sheet", OWN_SHEETS)
def test_published_sheets_have_no_comments_and_the_same_rules(built_site: Path, sheet: str) -> None:
    source = (ROOT / "site_templates" / sheet).read_text(encoding="utf-8")
    published = (built_site / sheet).read_text(encoding="utf-8")
    assert "/*" in source, "the source keeps its explanations"
    assert "/*" not in published

    def rules(css: str) -> list[str]:
        return re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", css, flags=re.S)).split("}")

    assert [rule.strip() for rule in rules(published)] == [rule.strip() for rule in rules(source)]
