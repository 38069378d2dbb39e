"""Keyboard only: a skip link first, every visible control reachable, focus visible and unobscured."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .checks import skip_link_problems, tab_through, wait_for_charts
from .site_map import DATA, HOME, OVERVIEW, first_with_chart, priority_pages
from .survey import DESKTOP, PHONE, open_context

pytestmark = pytest.mark.browser

PAGE_KINDS = ("home", "priority", "measure", "overview", "data")


def page_of_kind(kind: str, built_site: Path, site_pages: list[str]) -> str:
    """Return the path of one page of the given kind."""
    if kind == "priority":
        return priority_pages(site_pages)[0]
    if kind == "measure":
        return first_with_chart(built_site, site_pages)
    return {"home": HOME, "overview": OVERVIEW, "data": DATA}[kind]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_tab_reaches_every_control_with_visible_unhidden_focus(
    browser: Browser, built_site: Path, site_url: str, site_pages: list[str], kind: str, width: int
) -> None:
    path = page_of_kind(kind, built_site, site_pages)
    with open_context(browser, width, "light") as context:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        wait_for_charts(page)
        result = tab_through(page)
    assert len(result.focused) >= 3, f"Tab only ever focused {result.focused}"
    assert not result.problems, f"{result.url}:\n" + "\n".join(f"  - {p}" for p in result.problems)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_skip_link_comes_first_and_moves_focus_to_the_content(
    browser: Browser, built_site: Path, site_url: str, site_pages: list[str], kind: str
) -> None:
    path = page_of_kind(kind, built_site, site_pages)
    with open_context(browser, DESKTOP, "light") as context:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        problems = skip_link_problems(page)
    assert not problems, f"{site_url + path}:\n" + "\n".join(f"  - {p}" for p in problems)


# What the keyboard user has in hand: the focused control, whether it can be seen (not hidden,
# not off screen, not under something else), whether it is in the menu drawer, and what the
# menu button says about the drawer.
_FOCUS_JS = """() => {
    const el = document.activeElement;
    const drawer = document.querySelector('.md-sidebar--primary');
    const button = drawer && drawer.id
        ? document.querySelector(`button[aria-controls="${drawer.id}"]`) : null;
    const r = el && el !== document.body ? el.getBoundingClientRect() : null;
    const onScreen = !!r && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
        && r.bottom > 0 && r.top < innerHeight;
    const hit = onScreen ? document.elementFromPoint(
        Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
        Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1)) : null;
    return {
        text: el ? (el.getAttribute('aria-label') || el.textContent || '')
            .replace(/\\s+/g, ' ').trim() : '',
        isMenuButton: !!button && el === button,
        inDrawer: !!(drawer && el && drawer.contains(el)),
        visible: onScreen && el.checkVisibility({opacityProperty: true, visibilityProperty: true})
            && !!hit && (el.contains(hit) || hit.contains(el)),
        expanded: button ? button.getAttribute('aria-expanded') : null,
    };
}"""
# The drawer and its panels slide for 0.25 s; their links become focusable when that ends.
SLIDE_MS = 400


def open_phone_menu(page: Page) -> dict[str, object]:
    """Tab to the menu button, press Enter and return where focus landed."""
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUS_JS)["isMenuButton"]:
            break
    start = page.evaluate(_FOCUS_JS)
    assert start["isMenuButton"], "Tab never reached a menu button controlling the drawer"
    assert start["expanded"] == "false"
    page.keyboard.press("Enter")
    page.wait_for_timeout(SLIDE_MS)
    opened: dict[str, object] = page.evaluate(_FOCUS_JS)
    assert opened["expanded"] == "true", opened
    assert opened["inDrawer"] and opened["visible"], opened
    return opened


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (DATA, {"Home", "Priorities", "Overview", "Data", "About"}),
        ("priorities/safe-from-crime/", {"Safe from crime", "Safe from serious violence"}),
    ],
    ids=["top-level-page", "page-in-a-section"],
)
def test_phone_menu_can_be_walked_with_tab(
    browser: Browser, site_url: str, path: str, expected: set[str]
) -> None:
    with open_context(browser, PHONE, "light") as context:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        walked = [str(open_phone_menu(page)["text"])]
        for _ in range(40):
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
            now = page.evaluate(_FOCUS_JS)
            if not now["inDrawer"]:
                break
            assert now["visible"], f"{now['text']!r} takes focus in the menu but cannot be seen"
            walked.append(now["text"])
        assert expected <= set(walked), walked
        page.wait_for_timeout(SLIDE_MS)
        assert page.evaluate(_FOCUS_JS)["expanded"] == "false", "tabbing out left the menu open"


def test_phone_menu_sections_open_and_escape_closes(browser: Browser, site_url: str) -> None:
    with open_context(browser, PHONE, "light") as context:
        page = context.new_page()
        page.goto(site_url + DATA, wait_until="load")
        open_phone_menu(page)
        for _ in range(10):
            if page.evaluate(_FOCUS_JS)["text"] == "Priorities":
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_timeout(SLIDE_MS)
        panel = page.evaluate(_FOCUS_JS)
        assert panel["inDrawer"] and panel["visible"] and "Priorities" in panel["text"], panel
        page.keyboard.press("Tab")
        first = page.evaluate(_FOCUS_JS)
        assert first["visible"] and first["text"] == "Safe from crime", first

        page.keyboard.press("Escape")
        page.wait_for_timeout(SLIDE_MS)
        closed = page.evaluate(_FOCUS_JS)
        assert closed["isMenuButton"] and closed["expanded"] == "false", closed
