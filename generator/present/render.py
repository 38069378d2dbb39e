"""Render a page's generated body from its context with jinja2: every value escaped.

The body (tables, cards, chart data) is rendered from site_templates/generated/ with autoescape
on and StrictUndefined, so a typo in a template is an error, not a blank. The theme places the
body after the page's own Markdown. Links in templates are site addresses passed through
``url()``, which makes them relative to the page being rendered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.present.context import PageContext
from generator.present.site_pages import SitePages
from generator.present.tables import table_html
from generator.present.urls import relative_url

_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class RenderedBody:
    """A page's generated body, ready for the theme."""

    html: Markup
    has_chart: bool
    # Every id in the body, which links may point at with #id. Found when the body is rendered,
    # which for measures' pages may be in another process than the one MkDocs runs in.
    anchor_ids: tuple[str, ...]


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Return the jinja2 environment for page bodies: every value escaped, typos are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir / "generated"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["table_html"] = table_html
    return env


def render_body(env: jinja2.Environment, context: PageContext, address: str) -> RenderedBody:
    """Render a page's generated body; links are made relative to the page at address."""
    url: Callable[[str], str] = functools.partial(relative_url, address)
    html = env.get_template(context.template).render(page=context, url=url)
    # Safe to mark as markup: the environment escaped every value it put into the HTML.
    return RenderedBody(Markup(html), context.has_chart, tuple(_ID_ATTRIBUTE.findall(html)))


def render_bodies(
    pages: SitePages, env: jinja2.Environment, sources: Iterable[str]
) -> Iterator[tuple[str, RenderedBody]]:
    """Yield (source, rendered body) of each page at the given paths under content/, in order."""
    for source in sources:
        page = pages.pages[source]
        yield source, render_body(env, page.context(), page.address)
