"""Page contexts and bodies: escaping, links, dates and the shape of generated Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup

from generator.package.periods import uk_date
from generator.present.markdown import markdown_text, measure_markdown
from generator.present.pages.priority import ActionView, PriorityPage
from generator.present.render import make_environment, render_body
from generator.present.urls import relative_url
from generator.present.wording import vintage_text
from tests.site.sitebuild import ROOT

TEMPLATES = ROOT / "site_templates"


@pytest.mark.parametrize(
    "text",
    [
        "Residential burglary: 2.9 per 1,000 residents in 2023/24, down from 3.6",
        "1. Not a list, - not a bullet, # not a heading",
        "*not emphasis* and _not_ and `not code` and [not](a-link) and <b>not bold</b> & more",
        "A \\ backslash, {braces}, (brackets) and a! bang + plus",
    ],
)
def test_markdown_text_shows_exactly_what_was_written(text: str) -> None:
    html = markdown.markdown(markdown_text(text), extensions=["tables", "toc"])
    assert BeautifulSoup(html, "html.parser").get_text() == text


def test_a_measure_page_is_a_heading_and_a_sentence_with_no_front_matter() -> None:
    # Its template and description come from the build, so nothing in it is parsed as YAML:
    # text such as '---' or 'key: value' in a title is shown as written.
    title, summary = "Calls --- to: the police", 'He said: "no" # not a comment: ok'
    text = measure_markdown(title, summary)
    assert not text.startswith("---")
    html = markdown.markdown(text, extensions=["meta", "toc"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1 is not None and soup.h1.get_text() == title
    assert soup.p is not None and soup.p.get_text() == summary


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("", "overview/", "overview/"),
        ("", "", "./"),
        ("indicators/total-offences-rate/", "priorities/safe-from-crime/",
         "../../priorities/safe-from-crime/"),
        ("about/methodology/", "about/#symbols-in-tables", "../../about/#symbols-in-tables"),
        ("overview/", "", "../"),
        ("data/", "https://example.org/x", "https://example.org/x"),
        # Forwarding pages link from a moved page's old address, which may be the home page or
        # a file; every link is relative, so the site works at any address.
        ("indicators/old/", "indicators/new/", "../../indicators/new/"),
        ("indicators/old/", "./", "../../"),
        ("./", "overview/", "overview/"),
        ("about/old/", "data/x.csv", "../../data/x.csv"),
        ("old.html", "overview/", "overview/"),
    ],
)
def test_relative_urls(page: str, target: str, link: str) -> None:
    assert relative_url(page, target) == link


def test_dates_and_vintages_read_as_gov_uk_writes_them() -> None:
    assert uk_date(date(2026, 11, 5)) == "5 November 2026"
    assert vintage_text("v2025-03") == "the March 2025 release (v2025-03)"
    assert vintage_text("spring edition") == "spring edition"


def test_data_strings_are_escaped_in_bodies() -> None:
    page = PriorityPage(
        number=1,
        title="<script>alert(1)</script>",
        actions=(ActionView("1.1", 'Tackle <img src=x onerror="alert(1)"> crime & disorder'),),
        cards=(),
    )
    body = render_body(make_environment(TEMPLATES), page, "priorities/x/")
    soup = BeautifulSoup(body.html, "html.parser")
    assert soup.find("img") is None and soup.find("script") is None
    assert 'Tackle <img src=x onerror="alert(1)"> crime & disorder' in soup.get_text()


def test_a_typo_in_a_body_template_fails_instead_of_printing_nothing(tmp_path: Path) -> None:
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "priority.html").write_text("{{ page.titel }}", encoding="utf-8")
    page = PriorityPage(number=1, title="t", actions=(), cards=())
    with pytest.raises(jinja2.UndefinedError):
        render_body(make_environment(tmp_path), page, "")
