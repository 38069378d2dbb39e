"""Narrative Markdown may not carry scripts, event handlers or script URLs into the site."""

from __future__ import annotations

import pytest

from generator.validation.narrative_safety import describe, find_unsafe_markup


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("Intro.\n\n<script>alert(1)</script>\n", 3, "a <script> element"),
        ("<SCRIPT src=x></SCRIPT>", 1, "a <script> element"),
        ("a\n<iframe src='https://example.org'></iframe>", 2, "a <iframe> element"),
        ('<img src="x" onerror="alert(1)">', 1, "an event-handler attribute (onerror=)"),
        ('<div\n  class="a"\n  onclick = "go()">text</div>', 3,
         "an event-handler attribute (onclick=)"),
        ("[Report it](javascript:alert(1))", 1, "a 'javascript:' link"),
        ("[x]: JavaScript:alert(1)", 1, "a 'javascript:' link"),
        ('<a href="java&#115;cript:alert(1)">x</a>', 1, "a 'javascript:' link"),
        ("<a href='java\tscript:alert(1)'>x</a>", 1, "a 'javascript:' link"),
        ("Text {: onclick=\"go()\" }", 1, "an event-handler attribute"),
    ],
)
def test_finds_unsafe_markup_on_its_line(text: str, line: int, what: str) -> None:
    problems = find_unsafe_markup(text)
    assert (line, what) in [(problem.line, problem.what) for problem in problems]


@pytest.mark.parametrize(
    "text",
    [
        "# Safe from crime\n\nWe will work on it, online and offline.\n",
        "Read [the strategy](strategy.md) or <a href=\"https://www.sutton.gov.uk/\">the council</a>.",
        "Carry on = keep going; the word 'one' and 'onion' are fine.",
        "<p class=\"note\">Plain HTML is allowed.</p>",
        "We describe scripts in words: a script is not a <b>problem</b>.",
        "&lt;script&gt; written as text is shown, not run.",
    ],
)
def test_allows_ordinary_narrative(text: str) -> None:
    assert find_unsafe_markup(text) == []


def test_description_names_file_line_and_fix() -> None:
    problems = find_unsafe_markup("ok\n<script>x</script>\n")
    message = describe("content/priorities/safe-from-crime.md", problems)
    assert "content/priorities/safe-from-crime.md, line 2: a <script> element" in message
    assert "Remove it" in message


def test_prose_that_names_a_scheme_is_not_a_link() -> None:
    text = "- **Without JavaScript:** every page still works.\nSee the vbscript: notes.\n"
    assert find_unsafe_markup(text) == []
